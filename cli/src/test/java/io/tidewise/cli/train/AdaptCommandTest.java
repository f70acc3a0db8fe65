package io.tidewise.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.cli.CommandRun;
import io.tidewise.cli.TinyCheckpoint;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.tokenize.TokenizerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdaptCommandTest {

    @Test
    void randomWalksWithoutStateSpaceSeriesAreAUsageErrorNamingBothOptions(@TempDir Path directory) throws Exception {
        assertThat(usageError(directory, "--init", "random", "--tokenizer", "patch", "--random-walk-share", "0.3"))
                .contains("--random-walk-share 0.3 needs --state-space-share above 0");
    }

    @Test
    void aStackOptionThatDiffersFromTheCheckpointsIsAUsageErrorRatherThanIgnored(@TempDir Path directory)
            throws Exception {
        Path checkpoint = TinyCheckpoint.create(directory.resolve("tiny")); // 2 layers, width 32, 4 heads
        assertThat(usageError(directory, "--init", checkpoint.toString(), "--layers", "2", "--width", "64", "--heads",
                "4")).contains("--width 64 (the checkpoint's: 32): --init " + checkpoint + " brings its own stack")
                .doesNotContain("--layers").doesNotContain("--heads");
    }

    @Test
    void anUnreadableSyntheticFrequencyIsAUsageErrorNamingTheOptionAndTheValue(@TempDir Path directory)
            throws Exception {
        assertThat(usageError(directory, "--init", "random", "--synthetic-frequencies", "5m,5x,1h"))
                .contains("--synthetic-frequencies: frequency must look like").contains("was '5x'");
    }

    @Test
    void theSyntheticFrequenciesAreRecordedInTheProvenanceAndDefaultToEveryFrequency(@TempDir Path directory)
            throws Exception {
        Path checkpoint = TinyCheckpoint.create(directory.resolve("tiny"));
        Path data = sineCsv(directory);
        assertThat(recordedFrequencies(adapt(checkpoint, data, directory.resolve("given"),
                "--synthetic-frequencies", "5m,5m,1h"))).isEqualTo(List.of("5m", "5m", "1h"));
        // the eleven every run drew from before the option existed
        assertThat(recordedFrequencies(adapt(checkpoint, data, directory.resolve("default"))))
                .isEqualTo(List.of("5m", "15m", "30m", "1h", "1h", "1d", "1w", "1M", "1M", "1q", "1y"));
    }

    @Test
    void anEmptyListOfSyntheticFrequenciesIsAUsageError(@TempDir Path directory) throws Exception {
        assertThat(usageError(directory, "--init", "random", "--synthetic-frequencies", ","))
                .contains("--synthetic-frequencies needs at least one frequency, was empty");
    }

    @Test
    void aContinuedBinModelKeepsItsTokenizerWithoutBeingTold(@TempDir Path directory) throws Exception {
        Path checkpoint = TinyCheckpoint.createBins(directory.resolve("tiny-bins"));
        Path output = adapt(checkpoint, sineCsv(directory), directory.resolve("run"));
        assertThat(Checkpoint.readConfig(output).tokenizer().kind()).isEqualTo(TokenizerKind.BIN);
    }

    @Test
    void aPatchLengthTheContinuedModelCannotTakeIsRefusedBeforeAnyDataIsRead(@TempDir Path directory)
            throws Exception {
        Path checkpoint = TinyCheckpoint.create(directory.resolve("tiny")); // patches of 4
        assertThat(usageError(directory, "--init", checkpoint.toString(), "--patch-length", "8", "--data-dir",
                directory.resolve("no-such-folder").toString()))
                .contains("patch length (--patch-length) 8 cannot change when continuing tiny@1, whose patch length"
                        + " is 4").doesNotContain("no-such-folder");
    }

    /** The error output of a one-step {@code train adapt} that must stop with a usage error, writing nothing. */
    private static String usageError(Path directory, String... options) {
        Path output = directory.resolve("run");
        List<String> arguments = new ArrayList<>(List.of("train", "adapt", "--steps", "1", "--output",
                output.toString()));
        arguments.addAll(List.of(options));
        CommandRun run = CommandRun.of(arguments.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(output).doesNotExist();
        return run.err();
    }

    private static Path adapt(Path checkpoint, Path data, Path output, String... options) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("train", "adapt", "--init", checkpoint.toString(),
                "--data", data.toString(), "--synthetic-share", "0.5", "--steps", "2", "--batch", "2",
                "--no-progress", "--output", output.toString()));
        arguments.addAll(List.of(options));
        CommandRun run = CommandRun.of(arguments.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
        return output;
    }

    /** 80 minutes of a sine, one value a minute, as a long CSV. */
    private static Path sineCsv(Path directory) throws Exception {
        Path data = directory.resolve("data.csv");
        StringBuilder csv = new StringBuilder("series_id,timestamp,value\n");
        for (int i = 0; i < 80; i++) {
            csv.append("s,2024-01-01T").append(String.format("%02d:%02d", i / 60, i % 60)).append(":00Z,")
                    .append(10 + Math.sin(i / 4.0)).append('\n');
        }
        Files.writeString(data, csv);
        return data;
    }

    private static Object recordedFrequencies(Path output) throws Exception {
        return Checkpoint.readConfig(output).provenance().get("syntheticFrequencies");
    }
}
