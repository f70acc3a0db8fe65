package io.tidewise.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.core.Domain;
import io.tidewise.core.Frequency;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.streaming.accuracy.AccuracyPoint;
import io.tidewise.streaming.inference.IssuedForecast;
import io.tidewise.streaming.inference.LastValueForecaster;
import io.tidewise.streaming.series.SeriesSettings;
import io.tidewise.streaming.series.SeriesSettingsResolver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole job graph on a Flink MiniCluster, from a bounded source of known series to collecting sinks. */
class TidewiseJobTest {
    private static final Frequency DAILY = Frequency.parse("1d");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final int HORIZON = 3;
    private static final int DAYS = 30;

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestCluster.onLoopback(2);

    /** Three daily series; each skips some days, and the observations arrive shuffled within two days. */
    static Map<SeriesId, double[]> knownSeries() {
        Map<SeriesId, double[]> series = new HashMap<>();
        Random random = new Random(7);
        String[] names = {"stock/ACME/close", "traffic/I-94/volume", "economy/US/claims"};
        for (int s = 0; s < names.length; s++) {
            double[] values = new double[DAYS];
            for (int day = 0; day < DAYS; day++) {
                boolean skipped = day > 0 && (day % (7 + s) == 0 || (s == 2 && day >= 12 && day <= 16));
                values[day] = skipped ? Double.NaN : Math.round(100 * (50 + 10 * s + random.nextGaussian())) / 100.0;
            }
            series.put(SeriesId.of(names[s]), values);
        }
        return series;
    }

    static List<Observation> observationsOf(Map<SeriesId, double[]> series) {
        List<Observation> observations = new ArrayList<>();
        for (Map.Entry<SeriesId, double[]> entry : series.entrySet()) {
            double[] values = entry.getValue();
            for (int day = 0; day < values.length; day++) {
                if (!Double.isNaN(values[day])) {
                    // Two observations per day: the step keeps the later one, at 12:00.
                    Instant morning = DAILY.add(START, day).plus(Duration.ofHours(6));
                    observations.add(new Observation(entry.getKey(), morning, -1.0, domainOf(entry.getKey())));
                    observations.add(new Observation(entry.getKey(), morning.plus(Duration.ofHours(6)), values[day],
                            domainOf(entry.getKey())));
                }
            }
        }
        observations.sort((a, b) -> a.timestamp().compareTo(b.timestamp()));
        // Shuffle within windows of 6 records: out of order by at most a day and a half, inside the bound.
        Random random = new Random(11);
        for (int from = 0; from < observations.size(); from += 6) {
            Collections.shuffle(observations.subList(from, Math.min(from + 6, observations.size())), random);
        }
        return observations;
    }

    static Domain domainOf(SeriesId series) {
        return Domain.parse(series.value().substring(0, series.value().indexOf('/')));
    }

    @Test
    void forecastsEveryObservedStepAndScoresEveryForecastStepThatCameTrue() throws Exception {
        LastValueForecaster.resetCounters();
        Map<SeriesId, double[]> series = knownSeries();
        List<Observation> observations = observationsOf(series);

        Configuration pipeline = new Configuration();
        pipeline.set(PipelineOptions.GENERIC_TYPES, false); // every record type must have a Flink serializer
        pipeline.set(RestartStrategyOptions.RESTART_STRATEGY, "none"); // a failure fails the test, not a retry loop
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(pipeline);
        env.setParallelism(2);
        env.enableCheckpointing(200);

        JobSettings settings = JobSettings.builder()
                .setSeriesSettings(SeriesSettingsResolver.fixed(new SeriesSettings(DAILY, HORIZON)))
                .setForecasterFactory(LastValueForecaster.factory(16))
                .setContextLength(16)
                .optOutOfOrderness(Duration.ofDays(2))
                .optMaxBatchSize(4)
                .build();
        CollectingSink<Observation> observed = new CollectingSink<>();
        CollectingSink<IssuedForecast> forecasts = new CollectingSink<>();
        CollectingSink<AccuracyPoint> accuracy = new CollectingSink<>();
        CollectingSink<Observation> late = new CollectingSink<>();
        TidewiseJob.build(env, env.fromData(observations, TypeInformation.of(Observation.class))
                        .assignTimestampsAndWatermarks(TidewiseJob.watermarks(settings)),
                settings, new TidewiseSinks(observed, forecasts, accuracy, late));
        env.execute("tidewise-job-test");

        assertThat(observed.received()).containsExactlyInAnyOrderElementsOf(observations);
        assertThat(late.received()).isEmpty();

        List<String> expectedForecasts = new ArrayList<>();
        List<String> expectedAccuracy = new ArrayList<>();
        for (Map.Entry<SeriesId, double[]> entry : series.entrySet()) {
            double[] values = entry.getValue();
            for (int day = 0; day < DAYS; day++) {
                if (Double.isNaN(values[day])) {
                    continue;
                }
                expectedForecasts.add(entry.getKey() + " " + DAILY.add(START, day) + " " + values[day]);
                for (int back = 1; back <= HORIZON && day - back >= 0; back++) {
                    if (!Double.isNaN(values[day - back])) {
                        expectedAccuracy.add(entry.getKey() + " " + DAILY.add(START, day) + " step " + back
                                + " predicted " + values[day - back] + " actual " + values[day]);
                        break;
                    }
                }
            }
        }
        List<IssuedForecast> issued = forecasts.received();
        assertThat(issued).extracting(f -> f.series() + " " + f.issuedAt() + " " + f.means()[0])
                .containsExactlyInAnyOrderElementsOf(expectedForecasts);
        for (IssuedForecast forecast : issued) {
            assertThat(forecast.horizon()).isEqualTo(HORIZON);
            assertThat(forecast.modelId()).isEqualTo(LastValueForecaster.MODEL_ID);
            for (int step = 1; step <= HORIZON; step++) {
                assertThat(forecast.targetTime(step)).isEqualTo(DAILY.add(forecast.issuedAt(), step));
                assertThat(forecast.quantiles()[step - 1]).isSorted();
            }
        }
        assertThat(accuracy.received()).extracting(a -> a.series() + " " + a.timestamp() + " step " + a.step()
                        + " predicted " + a.predicted() + " actual " + a.actual())
                .containsExactlyInAnyOrderElementsOf(expectedAccuracy);
        // One forecaster per inference task, loaded once each.
        assertThat(LastValueForecaster.loaded()).isEqualTo(2);
        assertThat(LastValueForecaster.batchSizes()).allSatisfy(size -> assertThat(size).isBetween(1, 4));
    }
}
