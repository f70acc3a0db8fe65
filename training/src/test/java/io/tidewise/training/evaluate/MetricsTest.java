package io.tidewise.training.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tidewise.core.QuantileLevels;
import io.tidewise.training.baseline.MethodForecast;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final QuantileLevels TENTH_HALF_NINETIETH = new QuantileLevels(new double[] {0.1, 0.5, 0.9});

    @Test
    void maseScaleIsMeanAbsoluteSeasonalDifference() {
        // |3-1| + |4-2| + |2-3| + |6-4| = 2 + 2 + 1 + 2 = 7 over 4 pairs at lag 2.
        assertThat(Metrics.maseScale(new double[] {1, 2, 3, 4, 2, 6}, 2)).isCloseTo(7.0 / 4, within(1e-12));
        // A context not longer than the period falls back to lag 1: |2-1| + |4-2| = 3 over 2.
        assertThat(Metrics.maseScale(new double[] {1, 2, 4}, 12)).isCloseTo(1.5, within(1e-12));
        // Pairs with a missing value are skipped: of the lag-1 pairs (1,NaN), (NaN,5), (5,7) only |7-5| = 2 is left.
        assertThat(Metrics.maseScale(new double[] {1, Double.NaN, 5, 7}, 1)).isCloseTo(2, within(1e-12));
    }

    @Test
    void maseDividesMeanAbsoluteErrorByScale() {
        double[] actual = {10, 12, Double.NaN, 8};
        double[] forecast = {11, 10, 100, 8};
        // Observed errors 1, 2, 0: MAE 1; scale 0.5 gives MASE 2.
        assertThat(Metrics.meanAbsoluteError(actual, forecast)).isCloseTo(1, within(1e-12));
        assertThat(Metrics.mase(actual, forecast, 0.5)).isCloseTo(2, within(1e-12));
    }

    @Test
    void smapeFollowsTheM4Definition() {
        // 200*|100-110|/210 = 9.5238..., 200*|50-40|/90 = 22.222..., 0 where both are zero.
        double expected = (200.0 * 10 / 210 + 200.0 * 10 / 90 + 0) / 3;
        assertThat(Metrics.smape(new double[] {100, 50, 0}, new double[] {110, 40, 0}))
                .isCloseTo(expected, within(1e-12));
        assertThat(Metrics.smape(new double[] {Double.NaN}, new double[] {1})).isNaN();
        // defect found by MetricsPropertiesTest: an opposite-sign forecast scored 200.00000000000003 by rounding
        assertThat(Metrics.smape(new double[] {30.31859454455258}, new double[] {-78.87233511355132}))
                .isEqualTo(200.0);
    }

    @Test
    void pinballLossIsAsymmetric() {
        assertThat(Metrics.pinball(10, 8, 0.9)).isCloseTo(0.9 * 2, within(1e-12));
        assertThat(Metrics.pinball(10, 12, 0.9)).isCloseTo(0.1 * 2, within(1e-12));
        assertThat(Metrics.pinball(10, 10, 0.3)).isZero();
    }

    @Test
    void weightedQuantileLossMatchesAHandComputedExample() {
        double[] actual = {10, 20};
        MethodForecast forecast = new MethodForecast(new double[] {11, 18},
                new double[][] {{8, 11, 14}, {15, 18, 19}}, TENTH_HALF_NINETIETH);
        // Level 0.1: step 1 y=10>=8: 0.1*2=0.2; step 2 y=20>=15: 0.1*5=0.5 -> sum 0.7.
        // Level 0.5: step 1 y=10<11: 0.5*1=0.5; step 2 y=20>=18: 0.5*2=1.0 -> sum 1.5.
        // Level 0.9: step 1 y=10<14: 0.1*4=0.4; step 2 y=20>=19: 0.9*1=0.9 -> sum 1.3.
        // sum|y| = 30; WQL = mean(2*0.7/30, 2*1.5/30, 2*1.3/30) = 2*3.5/(3*30).
        assertThat(Metrics.weightedQuantileLoss(actual, forecast)).isCloseTo(7.0 / 90, within(1e-12));
    }

    @Test
    void pooledQuantileLossSumsEqualOneWindowOverAllSteps() {
        MethodForecast first = new MethodForecast(new double[] {1}, new double[][] {{0, 1, 2}}, TENTH_HALF_NINETIETH);
        MethodForecast second = new MethodForecast(new double[] {5}, new double[][] {{3, 5, 9}},
                TENTH_HALF_NINETIETH);
        MethodForecast both = new MethodForecast(new double[] {1, 5}, new double[][] {{0, 1, 2}, {3, 5, 9}},
                TENTH_HALF_NINETIETH);
        QuantileLossSums pooled = Metrics.quantileLossSums(new double[] {3}, first)
                .plus(Metrics.quantileLossSums(new double[] {4}, second));
        assertThat(pooled.weightedQuantileLoss())
                .isCloseTo(Metrics.weightedQuantileLoss(new double[] {3, 4}, both), within(1e-12));
        assertThat(pooled.observed()).isEqualTo(2);
    }

    @Test
    void coverageCountsActualsInsideTheInterval() {
        MethodForecast forecast = new MethodForecast(new double[] {0, 0, 0, 0},
                new double[][] {{-1, 0, 1}, {-1, 0, 1}, {-1, 0, 1}, {-1, 0, 1}}, TENTH_HALF_NINETIETH);
        // Inside: -1 (bound included) and 0.5; outside: 2; missing: NaN.
        assertThat(Metrics.coverage80(new double[] {-1, 0.5, 2, Double.NaN}, forecast))
                .isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void coverageNeedsTheIntervalLevels() {
        MethodForecast medianOnly = new MethodForecast(new double[] {0}, new double[][] {{0}},
                new QuantileLevels(new double[] {0.5}));
        assertThatThrownBy(() -> Metrics.coverage80(new double[] {0}, medianOnly))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.1");
    }

    @Test
    void mismatchedLengthsAreRejectedWithBothLengths() {
        assertThatThrownBy(() -> Metrics.smape(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2").hasMessageContaining("1");
    }
}
