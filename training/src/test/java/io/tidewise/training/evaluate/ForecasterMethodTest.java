package io.tidewise.training.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import io.tidewise.core.QuantileLevels;
import io.tidewise.model.forecast.ForecastRequest;
import io.tidewise.model.forecast.Forecaster;
import io.tidewise.training.baseline.MethodForecast;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

class ForecasterMethodTest {

    /** Forecasts the last context value plus the step, quantiles at ±level offsets; counts its calls. */
    private static final class StepForecaster implements Forecaster {
        int calls;
        int requests;

        @Override
        public List<Forecast> forecast(List<ForecastRequest> batch, int horizon, QuantileLevels levels,
                IntConsumer seriesDone) {
            calls++;
            requests += batch.size();
            List<Forecast> forecasts = new ArrayList<>();
            for (ForecastRequest request : batch) {
                double[] context = request.context();
                double last = context[context.length - 1];
                List<ForecastStep> steps = new ArrayList<>();
                for (int step = 1; step <= horizon; step++) {
                    double[] quantiles = new double[levels.size()];
                    for (int q = 0; q < quantiles.length; q++) {
                        quantiles[q] = last + step + (levels.level(q) - 0.5);
                    }
                    steps.add(new ForecastStep(step, null, last + step, quantiles));
                }
                forecasts.add(new Forecast(request.series(), levels, steps));
            }
            seriesDone.accept(batch.size());
            return forecasts;
        }

        @Override
        public String modelId() {
            return "step@1";
        }

        @Override
        public int maxContextLength() {
            return 512;
        }

        @Override
        public void close() { }
    }

    @Test
    void aBacktestSendsAllWindowsInOneBatchAndScoresTheForecasts() {
        StepForecaster forecaster = new StepForecaster();
        double[] ramp = new double[30];
        for (int t = 0; t < ramp.length; t++) {
            ramp[t] = t; // the step forecaster is exact on a ramp
        }
        BacktestReport report = Backtest.builder()
                .setWindows(RollingOrigin.builder().setHorizon(3).optWindows(4).build())
                .addMethod(new ForecasterMethod(forecaster)).build()
                .run(List.of(new EvaluationSeries("ramp", ramp, 1), new EvaluationSeries("ramp2", ramp, 1)));
        assertThat(forecaster.calls).isEqualTo(1);
        assertThat(forecaster.requests).isEqualTo(8);
        SeriesScore score = report.score("step@1", "ramp");
        assertThat(score.mase()).isZero();
        assertThat(score.coverage80()).isEqualTo(1.0);
    }

    @Test
    void quantilesAndMeansAreCarriedOver() {
        ForecasterMethod method = new ForecasterMethod(new StepForecaster(), "gpt-small");
        assertThat(method.name()).isEqualTo("gpt-small");
        MethodForecast forecast = method.forecast(new double[] {1, 2, 10}, 1, 2, QuantileLevels.DECILES);
        assertThat(forecast.mean()).containsExactly(11, 12);
        assertThat(forecast.quantileAt(1, 0.9)).isEqualTo(12.4, within(1e-12));
    }

    @Test
    void aBlankNameIsRejected() {
        assertThatThrownBy(() -> new ForecasterMethod(new StepForecaster(), " "))
                .hasMessage("name must not be blank, was ' '");
    }
}
