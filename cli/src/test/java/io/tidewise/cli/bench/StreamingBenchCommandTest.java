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

/** The streaming bench verb's two parts run end to end at a tiny size (figures are for docs/benchmarks.md). */
class StreamingBenchCommandTest {
    private static final Pattern RATE =
            Pattern.compile("(plain Kafka consumer|Kafka -> Flink -> InfluxDB)\\s+([0-9.]+) observations/s");
    private static final Pattern LATENCY = Pattern.compile("p50 ([0-9.]+) s, p90 [0-9.]+ s, p99 ([0-9.]+) s");

    @TempDir
    Path dir;

    @Test
    @Timeout(90)
    void ingestPrintsBothRatesAndTheirRatioPerRound() throws Exception {
        assumeTrue(LocalInfluxd.findExecutable().isPresent(), "influxd is not on the PATH");
        Path model = TinyCheckpoint.create(dir.resolve("tiny"));

        CommandRun run = CommandRun.of("bench", "streaming", "--part", "ingest", "--series", "4", "--steps", "20",
                "--rounds", "1", "--model", model.toString(), "--timeout-seconds", "40");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("bench streaming, ingest: 80 observations (4 series x 20 steps)")
                .contains("Flink-to-InfluxDB / plain consumer = ")
                .doesNotContain("bench streaming, live");
        Matcher rates = RATE.matcher(run.out());
        int found = 0;
        while (rates.find()) {
            assertThat(Double.parseDouble(rates.group(2))).as(rates.group()).isPositive();
            found++;
        }
        assertThat(found).as(run.out()).isEqualTo(2);
    }

    @Test
    @Timeout(120)
    void liveForecastsEverySeriesEverySecondAndPrintsTheLatencyPercentiles() throws Exception {
        assumeTrue(LocalInfluxd.findExecutable().isPresent(), "influxd is not on the PATH");
        Path model = TinyCheckpoint.create(dir.resolve("tiny"));

        CommandRun run = CommandRun.of("bench", "streaming", "--part", "live", "--live-series", "5",
                "--live-warmup-seconds", "1", "--live-seconds", "3", "--model", model.toString(),
                "--timeout-seconds", "60");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("bench streaming, live: 5 series x 1 observation/s for 3 s after 1 s of warm-up")
                .contains("forecasts: 15 (5 series x 3 s)")
                .contains("target (1,000 series at 1 observation/s kept up, p99 < 2 s): NOT met") // 5 series
                .doesNotContain("bench streaming, ingest");
        Matcher latency = LATENCY.matcher(run.out());
        assertThat(latency.find()).as(run.out()).isTrue();
        double p50 = Double.parseDouble(latency.group(1));
        double p99 = Double.parseDouble(latency.group(2));
        assertThat(p50).isPositive().isLessThanOrEqualTo(p99);
    }

    @Test
    void badSizesAreUsageErrors() {
        CommandRun run = CommandRun.of("bench", "streaming", "--series", "0");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--series must be positive, was 0");
        CommandRun part = CommandRun.of("bench", "streaming", "--part", "everything");
        assertThat(part.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(part.err()).contains("--part must be ingest, live or all, was 'everything'");
    }
}
