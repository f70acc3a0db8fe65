package io.tidewise.model.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.TinyCheckpoints;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The forecaster's contract over random contexts: any length, magnitudes from 1e-6 to 1e9, zeros, gaps. */
class GptForecasterPropertiesTest {
    private static Checkpoint checkpoint;
    private static GptForecaster forecaster;

    @BeforeContainer
    static void createModel() {
        checkpoint = TinyCheckpoints.patchModel();
        forecaster = GptForecaster.builder().setCheckpoint(checkpoint).build();
    }

    @AfterContainer
    static void closeModel() {
        forecaster.close();
        checkpoint.close();
    }

    @Property(tries = 60)
    void everyContextGetsAFiniteForecastOfTheRequestedHorizon(@ForAll("contexts") double[] context,
            @ForAll @IntRange(min = 1, max = 3 * TinyCheckpoints.REACH) int horizon) {
        // ForecastStep refuses non-finite values and crossing quantiles: constructing the forecast is the check
        Forecast forecast = forecaster.forecast(
                List.of(ForecastRequest.ofValues(SeriesId.of("random"), context)), horizon, QuantileLevels.DECILES)
                .get(0);
        assertThat(forecast.horizon()).isEqualTo(horizon);
        assertThat(forecast.steps()).extracting(ForecastStep::step)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, horizon).boxed().toList());
    }

    @Property(tries = 40)
    void forecastsScaleWithTheirContext(@ForAll("contexts") double[] context,
            @ForAll("factors") double factor) {
        double[] scaled = context.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= factor;
        }
        List<Forecast> forecasts = forecaster.forecast(List.of(
                ForecastRequest.ofValues(SeriesId.of("original"), context),
                ForecastRequest.ofValues(SeriesId.of("scaled"), scaled)), TinyCheckpoints.REACH + 2,
                QuantileLevels.DECILES);
        double magnitude = 0;
        for (double value : context) {
            magnitude = Double.isFinite(value) ? Math.max(magnitude, Math.abs(value)) : magnitude;
        }
        if (magnitude == 0) {
            return; // nothing to measure a scale on: both windows get scale 1, not proportional forecasts
        }
        for (int step = 0; step < forecasts.get(0).horizon(); step++) {
            ForecastStep original = forecasts.get(0).steps().get(step);
            ForecastStep large = forecasts.get(1).steps().get(step);
            double tolerance = 1e-3 * Math.abs(factor) * Math.max(magnitude, Math.abs(original.mean()));
            assertThat(large.mean()).isCloseTo(original.mean() * factor, within(tolerance));
            assertThat(large.quantile(4)).isCloseTo(original.quantile(4) * factor, within(tolerance));
        }
    }

    @Provide
    Arbitrary<double[]> contexts() {
        // one magnitude per context, as one series has one unit, drawn between 1e-6 and 1e9
        return Arbitraries.integers().between(-6, 9).flatMap(exponent -> Arbitraries.frequencyOf(
                        Tuple.of(12, Arbitraries.doubles().between(-100, 100).map(v -> v * Math.pow(10, exponent))),
                        Tuple.of(1, Arbitraries.just(0.0)),
                        Tuple.of(3, Arbitraries.just(Double.NaN)))
                .array(double[].class).ofMinSize(1).ofMaxSize(80));
    }

    @Provide
    Arbitrary<Double> factors() {
        return Arbitraries.of(1e-5, 0.37, 3.0, 1e4, 2.5e7);
    }
}
