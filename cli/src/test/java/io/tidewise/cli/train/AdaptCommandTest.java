package io.tidewise.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.cli.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdaptCommandTest {

    @Test
    void randomWalksWithoutStateSpaceSeriesAreAUsageErrorNamingBothOptions(@TempDir Path directory) throws Exception {
        Path output = directory.resolve("run");
        CommandRun run = CommandRun.of("train", "adapt", "--init", "random", "--tokenizer", "patch",
                "--random-walk-share", "0.3", "--steps", "1", "--output", output.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--random-walk-share 0.3 needs --state-space-share above 0");
        assertThat(Files.exists(output)).isFalse();
    }

    @Test
    void aStackOptionBesideACheckpointIsAUsageErrorRatherThanIgnored(@TempDir Path directory) throws Exception {
        Path output = directory.resolve("run");
        CommandRun run = CommandRun.of("train", "adapt", "--init", directory.resolve("some-checkpoint").toString(),
                "--layers", "8", "--steps", "1", "--output", output.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--layers shapes a new stack and applies to --init random only");
        assertThat(Files.exists(output)).isFalse();
    }
}
