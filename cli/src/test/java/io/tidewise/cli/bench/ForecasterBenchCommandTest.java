package io.tidewise.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.cli.CommandRun;
import io.tidewise.cli.ExitCodes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The bench verb runs end to end at a small size (its figures are for docs/benchmarks.md, not for tests). */
class ForecasterBenchCommandTest {
    private static final Pattern RATE = Pattern.compile("(model \\((patch|bin)\\)|seasonal naive)\\s+([0-9.]+) series/s");

    @Test
    void printsBothThroughputsAndTheirRatioForEachTokenizer() {
        for (String tokenizer : new String[] {"patch", "bin"}) {
            CommandRun run = CommandRun.of("bench", "forecaster", "--tokenizer", tokenizer, "--context", "32",
                    "--horizon", "4", "--reach", "4", "--series", "4", "--batch-size", "2", "--samples", "2",
                    "--min-seconds", "0.05");

            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).contains(tokenizer + " tokens, default model size (4 layers, width 256")
                    .contains("throughput does not depend on weight values")
                    .contains("model / seasonal naive = ");
            Matcher rates = RATE.matcher(run.out());
            int found = 0;
            while (rates.find()) {
                assertThat(Double.parseDouble(rates.group(3))).as(rates.group()).isPositive();
                found++;
            }
            assertThat(found).as(run.out()).isEqualTo(2);
        }
    }

    @Test
    void badSizesAreUsageErrors() {
        CommandRun run = CommandRun.of("bench", "forecaster", "--context", "0");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--context must be positive, was 0");
    }
}
