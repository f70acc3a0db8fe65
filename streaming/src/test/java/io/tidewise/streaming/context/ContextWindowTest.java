package io.tidewise.streaming.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.core.Domain;
import io.tidewise.core.Frequency;
import io.tidewise.core.SeriesId;
import io.tidewise.streaming.regularize.RegularStep;
import io.tidewise.streaming.series.SeriesSettings;
import io.tidewise.streaming.series.SeriesSettingsResolver;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContextWindowTest {
    private static final SeriesId SERIES = SeriesId.of("economy/US/cpi");
    private static final Frequency DAILY = Frequency.parse("1d");
    private static final SeriesSettingsResolver SETTINGS =
            SeriesSettingsResolver.fixed(new SeriesSettings(DAILY, 4));
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    private KeyedOneInputStreamOperatorTestHarness<SeriesId, RegularStep, ForecastTrigger> harness;

    private void start(int contextLength, int forecastEvery) throws Exception {
        start(new ContextWindow(contextLength, forecastEvery, SETTINGS, null));
    }

    private void start(ContextWindow window) throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(window, RegularStep::series,
                TypeInformation.of(SeriesId.class));
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void requestsAForecastOnEveryObservedStepWithTheLatestContext() throws Exception {
        start(3, 1);
        send(0, 1.0);
        send(1, 2.0);
        send(2, Double.NaN);
        send(3, 4.0);
        send(4, 5.0);

        List<ForecastTrigger> triggers = harness.extractOutputValues();
        assertThat(triggers).extracting(ForecastTrigger::lastTimestamp)
                .containsExactly(day(0), day(1), day(3), day(4));
        assertThat(triggers.get(0).context()).containsExactly(1.0);
        assertThat(triggers.get(2).context()).containsExactly(2.0, Double.NaN, 4.0);
        assertThat(triggers.get(3).context()).containsExactly(Double.NaN, 4.0, 5.0);
        ForecastTrigger last = triggers.get(3);
        assertThat(last.frequency()).isEqualTo(DAILY);
        assertThat(last.horizon()).isEqualTo(4);
        assertThat(last.domain()).isEqualTo(Domain.ECONOMY);
        assertThat(last.seasonalScale()).isEqualTo(1.0);
    }

    @Test
    void requestsAForecastEveryKObservedSteps() throws Exception {
        start(8, 3);
        for (int day = 0; day < 10; day++) {
            send(day, day == 4 ? Double.NaN : day);
        }
        // observed days 0,1,2 | 3,5,6 | 7,8,9
        assertThat(harness.extractOutputValues()).extracting(ForecastTrigger::lastTimestamp)
                .containsExactly(day(2), day(6), day(9));
    }

    @Test
    void backfilledStepsBeforeForecastFromOnlyFillTheContext() throws Exception {
        start(new ContextWindow(8, 1, SETTINGS, day(5)));
        for (int day = 0; day < 7; day++) {
            send(day, day);
        }
        List<ForecastTrigger> triggers = harness.extractOutputValues();
        assertThat(triggers).extracting(ForecastTrigger::lastTimestamp).containsExactly(day(5), day(6));
        assertThat(triggers.get(0).context()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void holdsNoMoreThanTheContextLengthInKeyedState() throws Exception {
        start(5, 1);
        for (int day = 0; day < 50; day++) {
            send(day, day);
        }
        harness.getOperator().setCurrentKey(SERIES);
        ValueState<SeriesContext> state = harness.getOperator().getKeyedStateStore()
                .getState(new ValueStateDescriptor<>("series-context", SeriesContext.class));
        assertThat(state.value().values()).containsExactly(45, 46, 47, 48, 49);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    private void send(int day, double value) throws Exception {
        harness.processElement(new RegularStep(SERIES, Domain.ECONOMY, day(day), value), day(day).toEpochMilli());
    }

    private static Instant day(int day) {
        return DAILY.add(START, day);
    }
}
