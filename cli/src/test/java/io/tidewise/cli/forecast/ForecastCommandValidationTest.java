package io.tidewise.cli.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.cli.CommandRun;
import io.tidewise.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code forecast} rejects before it loads a model. */
class ForecastCommandValidationTest {

    @TempDir
    Path dir;

    private Path input(String text) throws IOException {
        return Files.writeString(dir.resolve("in.csv"), text);
    }

    @Test
    void aHorizonBelowOneIsAUsageError() throws IOException {
        Path input = input("series_id,timestamp,value\na,1,1\n");
        for (String horizon : new String[] {"0", "-3"}) {
            CommandRun run = CommandRun.of("forecast", "--model", dir.toString(), "--input", input.toString(),
                    "--horizon", horizon, "--output", dir.resolve("out.csv").toString());
            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).contains("--horizon must be positive, was " + horizon);
        }
        assertThat(dir.resolve("out.csv")).doesNotExist();
    }

    @Test
    void withoutModelAndWithoutADefaultModelTheMessageSaysWhatToDo() throws IOException {
        CommandRun run = CommandRun.of("forecast", "--input", input("series_id,timestamp,value\na,1,1\n").toString(),
                "--horizon", "3", "--output", dir.resolve("out.csv").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("no --model was given and no default model is installed")
                .contains("pass --model DIR");
    }

    @Test
    void aModelThatIsNotADirectoryIsAUsageError() throws IOException {
        Path input = input("series_id,timestamp,value\na,1,1\n");
        CommandRun run = CommandRun.of("forecast", "--model", dir.resolve("nowhere").toString(), "--input",
                input.toString(), "--horizon", "3", "--output", dir.resolve("out.csv").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--model must be a checkpoint directory, was " + dir.resolve("nowhere")
                + " (does not exist)");
    }

    @Test
    void anUnknownHeaderIsAUsageErrorNamingFileLineAndColumn() throws IOException {
        Path input = input("series,timestamp,value\na,1,1\n");
        CommandRun run = CommandRun.of("forecast", "--model", dir.toString(), "--input", input.toString(),
                "--horizon", "3", "--output", dir.resolve("out.csv").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains(input + ":1: unknown column 'series' in the header");
    }

    @Test
    void aBinaryInputIsAUsageErrorSayingItIsNotUtf8AndWhere() throws IOException {
        byte[] bytes = {'s', 'e', 'r', 'i', 'e', 's', '_', 'i', 'd', ',', 0x00, (byte) 0xFF, (byte) 0xD8, 0x10};
        Path input = Files.write(dir.resolve("photo.csv"), bytes);
        CommandRun run = CommandRun.of("forecast", "--model", dir.toString(), "--input", input.toString(),
                "--horizon", "3", "--output", dir.resolve("out.csv").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("forecast: " + input + ":1: the input is not UTF-8 text: byte 0xFF at byte"
                + " offset 11 cannot be decoded").doesNotContain("Input length");
        assertThat(dir.resolve("out.csv")).doesNotExist();
    }

    @Test
    void aMalformedCheckpointIsRefusedNamingItsFile() throws IOException {
        Path input = input("series_id,timestamp,value\na,1,1\na,2,2\n");
        Path model = io.tidewise.cli.TinyCheckpoint.create(dir.resolve("model"));
        Path parameters = model.resolve("parameters.params");
        byte[] bytes = Files.readAllBytes(parameters);
        Files.write(parameters, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CommandRun truncated = CommandRun.of("forecast", "--model", model.toString(), "--input", input.toString(),
                "--horizon", "3", "--output", dir.resolve("out.csv").toString());
        assertThat(truncated.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(truncated.err()).contains("forecast: " + parameters + " does not fit the architecture")
                .contains("the file ended before every parameter was read");

        Path config = model.resolve("config.json");
        Files.writeString(config, "{\"formatVersion\": 2, \"kind\": ");
        CommandRun garbled = CommandRun.of("forecast", "--model", model.toString(), "--input", input.toString(),
                "--horizon", "3", "--output", dir.resolve("out.csv").toString());
        assertThat(garbled.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(garbled.err()).contains("forecast: " + config + " is not valid JSON at line 1");
        assertThat(dir.resolve("out.csv")).doesNotExist();
    }

    @Test
    void anInputWithoutAnyUsableSeriesIsAUsageErrorAndWritesNothing() throws IOException {
        Path input = input("series_id,timestamp,value\na,1,x\nb,1,\n");
        CommandRun run = CommandRun.of("forecast", "--model", dir.toString(), "--input", input.toString(),
                "--horizon", "3", "--output", dir.resolve("out.csv").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err())
                .contains("rejected series 'a': " + input + ":2: value of series 'a' is not a number")
                .contains("rejected series 'b': " + input + ":3: series 'b' is empty")
                .contains("no usable series in " + input);
        assertThat(dir.resolve("out.csv")).doesNotExist();
    }

    @Test
    void badInferenceOptionsAreUsageErrors() throws IOException {
        Path input = input("series_id,timestamp,value\na,1,1\n");
        String[][] cases = {{"--batch-size", "0", "--batch-size must be positive, was 0"},
                {"--samples", "-1", "--samples must be positive, was -1"},
                {"--device", "gpu", "--device gpu is not supported by this build yet"},
                {"--device", "tpu", "Invalid value for option '--device'"},
                {"--steady-drift", "0", "--steady-drift must be a positive number of standard errors, was 0.0"},
                {"--seasonal-margin", "-0.5", "--seasonal-margin must be a number >= 0, was -0.5"}};
        for (String[] bad : cases) {
            CommandRun run = CommandRun.of("forecast", "--model", dir.toString(), "--input", input.toString(),
                    "--horizon", "3", bad[0], bad[1], "--output", dir.resolve("out.csv").toString());
            assertThat(run.exitCode()).as(bad[0]).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).contains(bad[2]);
        }
    }

    @Test
    void badQuantilesAreAUsageErrorNamingTheValue() throws IOException {
        Path input = input("series_id,timestamp,value\na,1,1\n");
        CommandRun run = CommandRun.of("forecast", "--model", dir.toString(), "--input", input.toString(),
                "--horizon", "3", "--quantiles", "0.5,0.1", "--output", dir.resolve("out.csv").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("quantiles must be strictly increasing, but 0.1 follows 0.5");
    }
}
