package io.tidewise.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.core.Domain;
import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import io.tidewise.core.Observation;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.Test;

class InfluxSchemaTest {
    private static final Instant T0 = Instant.parse("2024-01-02T00:00:00.000000123Z");

    @Property
    void everyQuantileFieldNameReadsBackAsItsLevel(@ForAll @IntRange(min = 1, max = 9999) int perTenThousand) {
        double level = perTenThousand / 10_000.0;
        QuantileLevels levels = new QuantileLevels(new double[] {level});
        String field = InfluxSchema.quantileField(levels, 0);
        assertThat(InfluxSchema.levelOfQuantileField(field)).isEqualTo(level);
    }

    @Test
    void onlyQuantileFieldNamesHaveALevel() {
        assertThat(InfluxSchema.levelOfQuantileField("p10")).isEqualTo(0.1);
        assertThat(InfluxSchema.levelOfQuantileField("p97.5")).isEqualTo(0.975);
        assertThat(InfluxSchema.levelOfQuantileField("p5")).isEqualTo(0.05);
        for (String other : new String[] {"mean", "step", "issued_at", "p", "p100", "p0", "px", "p10.", null}) {
            assertThat(InfluxSchema.levelOfQuantileField(other)).as(other).isNaN();
        }
    }

    @Test
    void anObservationIsOnePointWithSeriesAndDomainTagsAndANanosecondTime() {
        Observation observation = new Observation(SeriesId.of("stock/BRK B,A=1/close"), T0, 185.31, Domain.STOCK);
        assertThat(InfluxSchema.observationLine(observation))
                .isEqualTo("observation,domain=stock,series=stock/BRK\\ B\\,A\\=1/close value=185.31 "
                        + "1704153600000000123");
    }

    @Test
    void theObservationLineIsWhatTheClientWritesForTheSamePoint() {
        SplittableRandom random = new SplittableRandom(7);
        String[] ids = {"stock/AAPL/close", "traffic/I-94 west,lane=2", "a=b c,d", "economy/CPI"};
        double[] awkward = {0, -0.0, 1e-4, 123456789.25, 1e20, -3.5e-12, Double.MIN_VALUE, Double.MAX_VALUE,
                -Double.MAX_VALUE, 0.1 + 0.2};
        for (int i = 0; i < 5000; i++) {
            double value = i < awkward.length ? awkward[i]
                    : random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-15, 16));
            Instant time = Instant.ofEpochSecond(random.nextLong(-2_000_000_000L, 4_000_000_000L),
                    random.nextInt(1_000_000_000));
            Observation observation = new Observation(SeriesId.of(ids[i % ids.length]), time, value,
                    Domain.values()[i % Domain.values().length]);
            assertSameLine(InfluxSchema.observationLine(observation),
                    clientObservationLine(observation));
        }
    }

    @Test
    void theForecastLinesAreWhatTheClientWritesForTheSamePoints() {
        SplittableRandom random = new SplittableRandom(11);
        for (String spec : new String[] {"0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9", "0.05,0.5,0.975", "0.025,0.5"}) {
            QuantileLevels levels = QuantileLevels.parse(spec);
            List<ForecastStep> steps = new ArrayList<>();
            for (int step = 1; step <= 40; step++) {
                double[] quantiles = new double[levels.size()];
                for (int i = 0; i < quantiles.length; i++) {
                    quantiles[i] = random.nextDouble(-1, 1) * Math.pow(10, random.nextInt(-8, 12));
                }
                Arrays.sort(quantiles);
                double mean = random.nextGaussian() * 1000;
                steps.add(new ForecastStep(step, T0.plusSeconds(60L * step), mean, quantiles));
            }
            Forecast forecast = new Forecast(SeriesId.of("traffic/I-94 west,lane=2"), levels, steps);
            List<String> expected = clientForecastLines(forecast, "tidewise gpt@3", T0);
            List<String> lines = InfluxSchema.forecastLines(forecast, "tidewise gpt@3", T0);
            assertThat(lines).hasSameSizeAs(expected);
            for (int i = 0; i < lines.size(); i++) {
                assertSameLine(lines.get(i), expected.get(i));
            }
        }
    }

    /** The reference: the line the influxdb-java client writes for an observation point. */
    private static String clientObservationLine(Observation observation) {
        return Point.measurement(InfluxSchema.OBSERVATION)
                .time(InfluxSchema.epochNanos(observation.timestamp(), "ts"), TimeUnit.NANOSECONDS)
                .tag(InfluxSchema.TAG_SERIES, observation.series().value())
                .tag(InfluxSchema.TAG_DOMAIN, observation.domain().wireName())
                .addField(InfluxSchema.FIELD_VALUE, observation.value())
                .build()
                .lineProtocol(TimeUnit.NANOSECONDS);
    }

    /** The reference: the lines the influxdb-java client writes for a forecast's points, one per step. */
    private static List<String> clientForecastLines(Forecast forecast, String model, Instant issuedAt) {
        QuantileLevels levels = forecast.levels();
        List<String> lines = new ArrayList<>();
        for (ForecastStep step : forecast.steps()) {
            Point.Builder point = Point.measurement(InfluxSchema.FORECAST)
                    .time(InfluxSchema.epochNanos(step.timestamp(), "timestamp"), TimeUnit.NANOSECONDS)
                    .tag(InfluxSchema.TAG_SERIES, forecast.series().value())
                    .tag(InfluxSchema.TAG_MODEL, model)
                    .addField(InfluxSchema.FIELD_MEAN, step.mean())
                    .addField(InfluxSchema.FIELD_ISSUED_AT, issuedAt.toEpochMilli())
                    .addField(InfluxSchema.FIELD_STEP, (long) step.step());
            for (int i = 0; i < levels.size(); i++) {
                point.addField(InfluxSchema.quantileField(levels, i), step.quantile(i));
            }
            lines.add(point.build().lineProtocol(TimeUnit.NANOSECONDS));
        }
        return lines;
    }

    /** The same line, up to how many trailing zeros spell a float field. */
    private static void assertSameLine(String line, String expected) {
        String[] got = line.split("(?<!\\\\) ");
        String[] want = expected.split("(?<!\\\\) ");
        assertThat(got).as(expected).hasSize(3);
        assertThat(got[0]).as(expected).isEqualTo(want[0]);
        assertThat(got[2]).as(expected).isEqualTo(want[2]);
        String[] gotFields = got[1].split(",");
        String[] wantFields = want[1].split(",");
        assertThat(gotFields).as(expected).hasSameSizeAs(wantFields);
        for (int i = 0; i < gotFields.length; i++) {
            String[] g = gotFields[i].split("=");
            String[] w = wantFields[i].split("=");
            assertThat(g[0]).as(expected).isEqualTo(w[0]);
            if (w[1].endsWith("i")) {
                assertThat(g[1]).as(expected).isEqualTo(w[1]);
            } else {
                assertThat(Double.parseDouble(g[1])).as(expected).isEqualTo(Double.parseDouble(w[1]));
            }
        }
    }

    @Test
    void aForecastIsOnePointPerStepAtItsTargetTime() {
        QuantileLevels levels = QuantileLevels.parse("0.1,0.5,0.975");
        Forecast forecast = new Forecast(SeriesId.of("s"), levels, List.of(
                new ForecastStep(1, T0, 2.0, new double[] {1, 2, 3}),
                new ForecastStep(2, T0.plusSeconds(1), 2.5, new double[] {1.5, 2.5, 3.5})));
        List<String> lines = InfluxSchema.forecastLines(forecast, "gpt@1", Instant.ofEpochMilli(1234));
        assertThat(lines).containsExactly(
                "forecast,model=gpt@1,series=s issued_at=1234i,mean=2.0,p10=1.0,p50=2.0,p97.5=3.0,step=1i"
                        + " 1704153600000000123",
                "forecast,model=gpt@1,series=s issued_at=1234i,mean=2.5,p10=1.5,p50=2.5,p97.5=3.5,step=2i"
                        + " 1704153601000000123");
    }

    @Test
    void accuracyStoresCoverageAsZeroOrOneAndLeavesOutAnUndefinedScaledError() {
        assertThat(InfluxSchema.accuracyPoint(new AccuracyRecord(SeriesId.of("s"), "gpt@1", T0, 0.5, 0.25, true))
                .lineProtocol(TimeUnit.NANOSECONDS))
                .isEqualTo("accuracy,model=gpt@1,series=s abs_error=0.5,covered_80=1i,scaled_error=0.25"
                        + " 1704153600000000123");
        assertThat(InfluxSchema.accuracyPoint(new AccuracyRecord(SeriesId.of("s"), "gpt@1", T0, 0.5, Double.NaN,
                false)).lineProtocol(TimeUnit.NANOSECONDS))
                .isEqualTo("accuracy,model=gpt@1,series=s abs_error=0.5,covered_80=0i 1704153600000000123");
    }

    @Test
    void timesOutsideInfluxRangeAndBadModelIdsAreRefused() {
        Observation ancient = new Observation(SeriesId.of("s"), Instant.parse("1600-01-01T00:00:00Z"), 1, Domain.OTHER);
        assertThatThrownBy(() -> InfluxSchema.observationLine(ancient))
                .hasMessageStartingWith("ts of the observation of s must lie between 1677-09-21T00:12:43.145224194Z"
                        + " and 2262-04-11T23:47:16.854775806Z to be stored in InfluxDB, was 1600-01-01T00:00:00Z");
        assertThatThrownBy(() -> InfluxSchema.requireModelId("gpt@")).hasMessage(
                "model must have the form name@version, was 'gpt@'");
        assertThatThrownBy(() -> new AccuracyRecord(SeriesId.of("s"), "gpt@1", T0, -1, 0, true))
                .hasMessage("absError must not be negative, was -1.0");
        assertThatThrownBy(() -> new AccuracyRecord(SeriesId.of("s"), "gpt@1", T0, 1, Double.POSITIVE_INFINITY, true))
                .hasMessage("scaledError must be a non-negative finite number or NaN (undefined), was Infinity");
    }
}
