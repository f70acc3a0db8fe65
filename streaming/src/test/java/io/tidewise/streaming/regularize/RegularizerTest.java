package io.tidewise.streaming.regularize;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.core.Domain;
import io.tidewise.core.Frequency;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.streaming.series.SeriesSettings;
import io.tidewise.streaming.series.SeriesSettingsResolver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegularizerTest {
    private static final SeriesId PRICE = SeriesId.of("stock/ACME/close");
    private static final SeriesId FLOW = SeriesId.of("traffic/I-94/volume");
    private static final SeriesSettingsResolver DAILY =
            SeriesSettingsResolver.fixed(new SeriesSettings(Frequency.parse("1d"), 3));

    private KeyedOneInputStreamOperatorTestHarness<SeriesId, Observation, RegularStep> harness;
    private Regularizer regularizer;

    private void start(Aggregation aggregation, Duration lateness, int maxMissingSteps) throws Exception {
        regularizer = new Regularizer(DAILY, aggregation, lateness, maxMissingSteps);
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(regularizer, Observation::series,
                TypeInformation.of(SeriesId.class));
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void takesTheLatestValueOfAStepAndMarksEmptyStepsMissing() throws Exception {
        start(Aggregation.LAST, Duration.ZERO, 100);
        send(PRICE, "2024-01-01T10:00:00Z", 1.0);
        send(PRICE, "2024-01-01T08:00:00Z", 5.0); // earlier within the step: not the step's last value
        send(PRICE, "2024-01-02T00:00:00Z", 2.0);
        send(PRICE, "2024-01-05T00:00:00Z", 5.0);
        harness.processWatermark(Watermark.MAX_WATERMARK);

        assertThat(harness.extractOutputValues()).containsExactly(
                step(PRICE, "2024-01-01", 1.0), step(PRICE, "2024-01-02", 2.0),
                RegularStep.missing(PRICE, Domain.STOCK, day("2024-01-03")),
                RegularStep.missing(PRICE, Domain.STOCK, day("2024-01-04")),
                step(PRICE, "2024-01-05", 5.0));
    }

    @Test
    void averagesAStepWhenAskedTo() throws Exception {
        start(Aggregation.MEAN, Duration.ZERO, 100);
        send(PRICE, "2024-01-01T10:00:00Z", 1.0);
        send(PRICE, "2024-01-01T08:00:00Z", 5.0);
        send(PRICE, "2024-01-01T23:59:59.999Z", 6.0);
        harness.processWatermark(Watermark.MAX_WATERMARK);

        assertThat(harness.extractOutputValues()).containsExactly(step(PRICE, "2024-01-01", 4.0));
    }

    @Test
    void emitsAStepOnlyWhenTheWatermarkPassesItsEndAndStampsItWithItsClosingTime() throws Exception {
        start(Aggregation.LAST, Duration.ZERO, 100);
        send(PRICE, "2024-01-01T10:00:00Z", 1.0);
        harness.processWatermark(new Watermark(millis("2024-01-01T23:59:59.998Z")));
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(new Watermark(millis("2024-01-01T23:59:59.999Z")));
        List<StreamRecord<? extends RegularStep>> records = harness.extractOutputStreamRecords();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).getValue()).isEqualTo(step(PRICE, "2024-01-01", 1.0));
        assertThat(records.get(0).getTimestamp()).isEqualTo(millis("2024-01-01T23:59:59.999Z"));
    }

    @Test
    void placesOutOfOrderObservationsWithinTheLatenessInTheirSteps() throws Exception {
        start(Aggregation.LAST, Duration.ofDays(1), 100);
        send(PRICE, "2024-01-01T10:00:00Z", 1.0);
        send(PRICE, "2024-01-03T10:00:00Z", 3.0);
        harness.processWatermark(new Watermark(millis("2024-01-02T12:00:00Z"))); // past Jan 1, within lateness
        send(PRICE, "2024-01-01T20:00:00Z", 7.0);
        send(PRICE, "2024-01-02T10:00:00Z", 2.0);
        assertThat(harness.extractOutputValues()).isEmpty();

        harness.processWatermark(Watermark.MAX_WATERMARK);
        assertThat(harness.extractOutputValues()).containsExactly(
                step(PRICE, "2024-01-01", 7.0), step(PRICE, "2024-01-02", 2.0), step(PRICE, "2024-01-03", 3.0));
        assertThat(regularizer.lateObservationCount()).isZero();
    }

    @Test
    void dropsCountsAndSidesOutObservationsLaterThanTheLateness() throws Exception {
        start(Aggregation.LAST, Duration.ofHours(6), 100);
        send(PRICE, "2024-01-01T10:00:00Z", 1.0);
        harness.processWatermark(new Watermark(millis("2024-01-02T05:59:59.999Z")));
        Observation late = observation(PRICE, "2024-01-01T12:00:00Z", 9.0);
        harness.processElement(late, late.timestamp().toEpochMilli());
        send(PRICE, "2024-01-02T01:00:00Z", 2.0);
        harness.processWatermark(Watermark.MAX_WATERMARK);

        assertThat(harness.extractOutputValues()).containsExactly(
                step(PRICE, "2024-01-01", 1.0), step(PRICE, "2024-01-02", 2.0));
        assertThat(harness.getSideOutput(Regularizer.LATE_OBSERVATIONS))
                .extracting(StreamRecord::getValue).containsExactly(late);
        assertThat(regularizer.lateObservationCount()).isEqualTo(1);
    }

    @Test
    void keepsSeriesApartAndDrainsTimersAndOpenSteps() throws Exception {
        start(Aggregation.LAST, Duration.ofHours(1), 100);
        send(PRICE, "2024-01-01T10:00:00Z", 1.0);
        send(FLOW, "2024-01-02T10:00:00Z", 20.0);
        send(PRICE, "2024-01-03T10:00:00Z", 3.0);
        send(FLOW, "2024-01-01T10:00:00Z", 10.0);
        assertThat(harness.numEventTimeTimers()).isEqualTo(4);

        harness.processWatermark(Watermark.MAX_WATERMARK);
        assertThat(harness.extractOutputValues()).filteredOn(s -> s.series().equals(FLOW)).containsExactly(
                step(FLOW, "2024-01-01", 10.0), step(FLOW, "2024-01-02", 20.0));
        assertThat(harness.extractOutputValues()).filteredOn(s -> s.series().equals(PRICE)).containsExactly(
                step(PRICE, "2024-01-01", 1.0), RegularStep.missing(PRICE, Domain.STOCK, day("2024-01-02")),
                step(PRICE, "2024-01-03", 3.0));
        assertThat(harness.numEventTimeTimers()).isZero();
        // What stays per series is the last closed step, one value: no open step outlives its timer.
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    }

    @Test
    void reportsALongGapAsOnlyTheMissingStepsTheContextCanHold() throws Exception {
        start(Aggregation.LAST, Duration.ZERO, 3);
        send(PRICE, "2024-01-01T00:00:00Z", 1.0);
        send(PRICE, "2024-01-10T00:00:00Z", 10.0);
        harness.processWatermark(Watermark.MAX_WATERMARK);

        assertThat(harness.extractOutputValues()).containsExactly(step(PRICE, "2024-01-01", 1.0),
                RegularStep.missing(PRICE, Domain.STOCK, day("2024-01-07")),
                RegularStep.missing(PRICE, Domain.STOCK, day("2024-01-08")),
                RegularStep.missing(PRICE, Domain.STOCK, day("2024-01-09")),
                step(PRICE, "2024-01-10", 10.0));
    }

    private void send(SeriesId series, String time, double value) throws Exception {
        Observation observation = observation(series, time, value);
        harness.processElement(observation, observation.timestamp().toEpochMilli());
    }

    private static Observation observation(SeriesId series, String time, double value) {
        return new Observation(series, Instant.parse(time), value, series == FLOW ? Domain.TRAFFIC : Domain.STOCK);
    }

    private static RegularStep step(SeriesId series, String day, double value) {
        return new RegularStep(series, series == FLOW ? Domain.TRAFFIC : Domain.STOCK, day(day), value);
    }

    private static Instant day(String day) {
        return Instant.parse(day + "T00:00:00Z");
    }

    private static long millis(String time) {
        return Instant.parse(time).toEpochMilli();
    }
}
