package io.tidewise.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.cli.CommandRun;
import io.tidewise.cli.TinyCheckpoint;
import io.tidewise.model.checkpoint.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AverageCommandTest {

    @Test
    void theAverageOfACheckpointWithItselfIsThatCheckpointUnderItsNewName(@TempDir Path directory) throws Exception {
        Path model = TinyCheckpoint.create(directory.resolve("a"));
        Path output = directory.resolve("soup");
        CommandRun run = CommandRun.of("train", "average", "--models", model + "," + model, "--weights", "1,3",
                "--output", output.toString(), "--name", "soup", "--model-version", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("averaged 2 checkpoints (weights [1.0, 3.0]) into soup@2");
        try (Checkpoint original = Checkpoint.load(model); Checkpoint averaged = Checkpoint.load(output)) {
            int parameters = original.gpt().getParameters().size();
            for (int p = 0; p < parameters; p++) {
                float[] expected = original.gpt().getParameters().valueAt(p).getArray().toFloatArray();
                float[] actual = averaged.gpt().getParameters().valueAt(p).getArray().toFloatArray();
                for (int k = 0; k < expected.length; k++) {
                    assertThat(actual[k]).isCloseTo(expected[k], org.assertj.core.data.Offset.offset(1e-6f));
                }
            }
        }
    }

    @Test
    void anExistingOutputOrAMismatchedWeightListIsAUsageError(@TempDir Path directory) throws Exception {
        Path model = TinyCheckpoint.create(directory.resolve("a"));
        CommandRun exists = CommandRun.of("train", "average", "--models", model.toString(), "--output",
                model.toString());
        assertThat(exists.exitCode()).isEqualTo(2);
        assertThat(exists.err()).contains("--output " + model + " already exists");
        CommandRun weights = CommandRun.of("train", "average", "--models", model + "," + model, "--weights", "1",
                "--output", directory.resolve("out").toString());
        assertThat(weights.exitCode()).isEqualTo(2);
        assertThat(weights.err()).contains("weights must hold one weight per checkpoint (2), had 1: [1.0]");
        assertThat(Files.exists(directory.resolve("out"))).isFalse();
    }
}
