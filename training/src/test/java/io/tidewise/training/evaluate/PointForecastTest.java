package io.tidewise.training.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.core.QuantileLevels;
import io.tidewise.training.baseline.MethodForecast;
import org.junit.jupiter.api.Test;

/** MASE and sMAPE score the median of a probabilistic forecast, as Chronos, fev and GIFT-Eval do. */
class PointForecastTest {

    @Test
    void aSkewedForecastIsScoredOnItsMedianNotItsMean() {
        // intermittent counts: most of the mass at 0, a long right tail pulls the mean up
        QuantileLevels levels = QuantileLevels.parse("0.1,0.5,0.9");
        MethodForecast skewed = new MethodForecast(new double[] {5, 5}, new double[][] {{0, 0, 15}, {0, 0, 15}},
                levels);
        assertThat(Backtest.pointForecast(skewed)).containsExactly(0, 0);
    }

    @Test
    void withoutAMedianTheMeanIsThePointForecast() {
        QuantileLevels levels = QuantileLevels.parse("0.1,0.9");
        MethodForecast forecast = new MethodForecast(new double[] {3}, new double[][] {{1, 5}}, levels);
        assertThat(Backtest.pointForecast(forecast)).containsExactly(3);
    }
}
