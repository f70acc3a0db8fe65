package io.tidewise.model.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.TinyCheckpoints;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A streaming job forecasts forever with one model: every native array a forecast makes must be freed when it
 * returns, or the process grows until it is killed. Counted on the model's manager, where a leaked array would land
 * (an operation whose first operand is a parameter attaches its result there).
 */
class ForecasterMemoryTest {

    @Test
    void repeatedForecastsLeaveNothingBehindOnTheModel() throws ReflectiveOperationException {
        List<ForecastRequest> requests = List.of(
                ForecastRequest.ofValues(SeriesId.of("a"), GptForecasterTest.wave(40, 10, 1)),
                ForecastRequest.ofValues(SeriesId.of("b"), GptForecasterTest.wave(12, 99, 3)),
                ForecastRequest.ofValues(SeriesId.of("c"), GptForecasterTest.wave(33, 5, 2)));
        int horizon = 2 * TinyCheckpoints.REACH + 1; // two roll-out passes
        for (Checkpoint checkpoint : List.of(TinyCheckpoints.patchModel(), TinyCheckpoints.binModel())) {
            try (checkpoint; GptForecaster forecaster = GptForecaster.builder().setCheckpoint(checkpoint)
                    .optBatchSize(2).optSampleCount(4).build()) {
                NDManager manager = checkpoint.model().getNDManager();
                forecaster.forecast(requests, horizon, QuantileLevels.DECILES); // first use may cache what it needs
                int before = resourceCount(manager);
                for (int round = 0; round < 3; round++) {
                    forecaster.forecast(requests, horizon, QuantileLevels.DECILES);
                }
                assertThat(resourceCount(manager)).as("resources on %s's manager", checkpoint.modelId())
                        .isEqualTo(before);
            }
        }
    }

    private static int resourceCount(NDManager manager) throws ReflectiveOperationException {
        Field resources = BaseNDManager.class.getDeclaredField("resources");
        resources.setAccessible(true);
        return ((Map<?, ?>) resources.get(manager)).size();
    }
}
