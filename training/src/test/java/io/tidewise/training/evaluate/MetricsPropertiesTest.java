package io.tidewise.training.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tidewise.core.QuantileLevels;
import io.tidewise.training.baseline.MethodForecast;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class MetricsPropertiesTest {

    @Property(tries = 200)
    void aPerfectFanScoresZeroEverywhere(@ForAll @Size(min = 1, max = 20) double[] rawActual) {
        double[] actual = finite(rawActual);
        double[][] quantiles = new double[actual.length][QuantileLevels.DECILES.size()];
        for (int t = 0; t < actual.length; t++) {
            Arrays.fill(quantiles[t], actual[t]);
        }
        MethodForecast perfect = new MethodForecast(actual, quantiles, QuantileLevels.DECILES);
        assertThat(Metrics.meanAbsoluteError(actual, actual)).isZero();
        assertThat(Metrics.smape(actual, actual)).isZero();
        assertThat(Metrics.coverage80(actual, perfect)).isEqualTo(1.0);
        double wql = Metrics.weightedQuantileLoss(actual, perfect);
        assertThat(wql == 0 || Double.isNaN(wql)).as("WQL %s", wql).isTrue(); // NaN only when every actual is 0
    }

    @Property(tries = 200)
    void scoresStayInTheirRanges(@ForAll @Size(min = 1, max = 20) double[] rawActual,
            @ForAll @DoubleRange(min = -100, max = 100) double shift,
            @ForAll @DoubleRange(min = 0, max = 50) double spread) {
        double[] actual = finite(rawActual);
        double[] mean = new double[actual.length];
        double[][] quantiles = new double[actual.length][QuantileLevels.DECILES.size()];
        for (int t = 0; t < actual.length; t++) {
            mean[t] = actual[t] + shift;
            for (int q = 0; q < quantiles[t].length; q++) {
                quantiles[t][q] = mean[t] + spread * (QuantileLevels.DECILES.level(q) - 0.5);
            }
        }
        MethodForecast forecast = new MethodForecast(mean, quantiles, QuantileLevels.DECILES);
        assertThat(Metrics.smape(actual, mean)).isBetween(0.0, 200.0);
        assertThat(Metrics.coverage80(actual, forecast)).isBetween(0.0, 1.0);
        assertThat(Metrics.meanAbsoluteError(actual, mean)).isCloseTo(Math.abs(shift), within(1e-6));
        double wql = Metrics.weightedQuantileLoss(actual, forecast);
        assertThat(Double.isNaN(wql) || wql >= 0).isTrue();
    }

    @Property(tries = 100)
    void theMaseScaleOfASeasonalRampIsItsSeasonalStep(@ForAll @IntRange(min = 1, max = 12) int period,
            @ForAll @IntRange(min = 2, max = 6) int seasons, @ForAll @DoubleRange(min = -5, max = 5) double slope) {
        double[] ramp = new double[period * seasons];
        for (int t = 0; t < ramp.length; t++) {
            ramp[t] = slope * t + Math.sin(t % period);
        }
        assertThat(Metrics.maseScale(ramp, period)).isCloseTo(Math.abs(slope * period), within(1e-9));
    }

    private static double[] finite(double[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = Double.isFinite(values[i]) ? Math.max(-1e6, Math.min(1e6, values[i])) : 0;
        }
        return result;
    }
}
