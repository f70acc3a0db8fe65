package io.tidewise.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tidewise.cli.CommandRun;
import io.tidewise.cli.ExitCodes;
import io.tidewise.cli.TinyCheckpoint;
import io.tidewise.store.local.LocalInfluxd;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The streaming bench verb runs end to end at a tiny size (its figures are for docs/benchmarks.md, not tests). */
class StreamingBenchCommandTest {
    private static final Pattern RATE =
            Pattern.compile("(plain Kafka consumer|Kafka -> Flink -> InfluxDB)\\s+([0-9.]+) observations/s");

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void printsBothRatesTheirRatioAndSaysInferenceIsNotMeasured() throws Exception {
        assumeTrue(LocalInfluxd.findExecutable().isPresent(), "influxd is not on the PATH");
        Path model = TinyCheckpoint.create(dir.resolve("tiny"));

        CommandRun run = CommandRun.of("bench", "streaming", "--series", "4", "--steps", "20", "--model",
                model.toString(), "--timeout-seconds", "40");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("bench streaming: 80 observations (4 series x 20 steps)")
                .contains("Flink-to-InfluxDB / plain consumer = ")
                .contains("p50/p99 observation-to-forecast latency): not measured");
        Matcher rates = RATE.matcher(run.out());
        int found = 0;
        while (rates.find()) {
            assertThat(Double.parseDouble(rates.group(2))).as(rates.group()).isPositive();
            found++;
        }
        assertThat(found).as(run.out()).isEqualTo(2);
    }

    @Test
    void badSizesAreUsageErrors() {
        CommandRun run = CommandRun.of("bench", "streaming", "--series", "0");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--series must be positive, was 0");
    }
}
