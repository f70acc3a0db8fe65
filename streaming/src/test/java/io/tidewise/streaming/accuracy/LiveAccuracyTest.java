package io.tidewise.streaming.accuracy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tidewise.core.Domain;
import io.tidewise.core.Frequency;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.streaming.inference.IssuedForecast;
import io.tidewise.streaming.regularize.RegularStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveAccuracyTest {
    private static final SeriesId SERIES = SeriesId.of("energy/DE/load");
    private static final Frequency DAILY = Frequency.parse("1d");
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    private static final String MODEL = "tidewise-small@3";

    private KeyedTwoInputStreamOperatorTestHarness<SeriesId, RegularStep, IssuedForecast, AccuracyPoint> harness;

    @BeforeEach
    void start() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(new LiveAccuracy(), RegularStep::series,
                IssuedForecast::series, TypeInformation.of(SeriesId.class));
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void scoresAStepAgainstTheForecastForItsTime() throws Exception {
        forecast(0, 100.0, 3, 2.0);
        step(1, 101.5);
        harness.processWatermark1(new Watermark(closing(1)));
        harness.processWatermark2(new Watermark(closing(1)));

        assertThat(harness.extractOutputValues()).singleElement().satisfies(point -> {
            assertThat(point.series()).isEqualTo(SERIES);
            assertThat(point.modelId()).isEqualTo(MODEL);
            assertThat(point.timestamp()).isEqualTo(day(1));
            assertThat(point.step()).isEqualTo(1);
            assertThat(point.issuedAt()).isEqualTo(day(0));
            assertThat(point.predicted()).isEqualTo(100.0);
            assertThat(point.absoluteError()).isEqualTo(1.5);
            assertThat(point.scaledError()).isEqualTo(0.75);
            // band at step 1: 100 ± 0.4
            assertThat(point.covered80()).isFalse();
        });
    }

    @Test
    void scoresTheSameWhicheverInputArrivesFirst() throws Exception {
        step(1, 100.3);
        forecast(0, 100.0, 3, Double.NaN);
        advance(closing(1));

        AccuracyPoint point = harness.extractOutputValues().get(0);
        assertThat(point.absoluteError()).isCloseTo(0.3, within(1e-9));
        assertThat(point.covered80()).isTrue();
        assertThat(point.hasScaledError()).isFalse();
    }

    @Test
    void scoresTheLatestForecastMadeBeforeTheStep() throws Exception {
        forecast(0, 100.0, 3, 1.0);
        forecast(1, 200.0, 3, 1.0);
        step(1, 150.0);
        step(2, 201.0);
        advance(closing(2));

        assertThat(harness.extractOutputValues()).extracting(AccuracyPoint::timestamp, AccuracyPoint::issuedAt,
                AccuracyPoint::step, AccuracyPoint::absoluteError).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(day(1), day(0), 1, 50.0),
                        org.assertj.core.groups.Tuple.tuple(day(2), day(1), 1, 1.0));
    }

    @Test
    void aMissingStepScoresNothingButRetiresItsForecast() throws Exception {
        forecast(0, 100.0, 2, 1.0);
        step(1, Double.NaN);
        advance(closing(1));
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(pendingTargets()).containsExactly(day(2).toEpochMilli());
    }

    @Test
    void holdsAtMostTheHorizonOfForecastPoints() throws Exception {
        int horizon = 5;
        for (int day = 0; day < 60; day++) {
            if (day > 0) {
                step(day, 100.0 + day);
            }
            forecast(day, 100.0 + day, horizon, 1.0);
            advance(closing(day));
            assertThat(pendingTargets()).hasSizeLessThanOrEqualTo(horizon);
        }
        assertThat(harness.extractOutputValues()).hasSize(59);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private List<Long> pendingTargets() throws Exception {
        harness.getOperator().setCurrentKey(SERIES);
        MapState<Long, ForecastPoint> state = harness.getOperator().getKeyedStateStore().getMapState(
                new MapStateDescriptor<>("forecasts-by-target", Long.class, ForecastPoint.class));
        List<Long> targets = new ArrayList<>();
        state.keys().forEach(targets::add);
        return targets;
    }

    private void advance(long watermark) throws Exception {
        harness.processWatermark1(new Watermark(watermark));
        harness.processWatermark2(new Watermark(watermark));
    }

    private void step(int day, double value) throws Exception {
        harness.processElement1(new RegularStep(SERIES, Domain.ENERGY, day(day), value), closing(day));
    }

    /** A forecast made at {@code day}: median {@code level}, band {@code level ± 0.4 h} at step h. */
    private void forecast(int day, double level, int horizon, double scale) throws Exception {
        double[] levels = QuantileLevels.DECILES.toArray();
        long[] targets = new long[horizon];
        double[] means = new double[horizon];
        double[][] quantiles = new double[horizon][levels.length];
        for (int h = 1; h <= horizon; h++) {
            targets[h - 1] = day(day + h).toEpochMilli();
            means[h - 1] = level;
            for (int q = 0; q < levels.length; q++) {
                quantiles[h - 1][q] = level + (levels[q] - 0.5) * h;
            }
        }
        harness.processElement2(new IssuedForecast(SERIES, Domain.ENERGY, MODEL, day(day), levels, targets, means,
                quantiles, scale), closing(day));
    }

    private static long closing(int day) {
        return day(day + 1).toEpochMilli() - 1;
    }

    private static Instant day(int day) {
        return DAILY.add(START, day);
    }
}
