package io.tidewise.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.cli.CommandRun;
import io.tidewise.cli.TinyCheckpoint;
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
    void aStackOptionThatDiffersFromTheCheckpointsIsAUsageErrorRatherThanIgnored(@TempDir Path directory)
            throws Exception {
        Path checkpoint = TinyCheckpoint.create(directory.resolve("tiny")); // 2 layers, width 32, 4 heads
        Path output = directory.resolve("run");
        CommandRun run = CommandRun.of("train", "adapt", "--init", checkpoint.toString(), "--layers", "2",
                "--width", "64", "--heads", "4", "--steps", "1", "--output", output.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--width 64 (the checkpoint's: 32): --init " + checkpoint
                + " brings its own stack").doesNotContain("--layers").doesNotContain("--heads");
        assertThat(Files.exists(output)).isFalse();
    }
}
