package io.tidewise.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LiveForecastBenchTest {

    @Test
    void lagsThatScatterAroundALevelHaveNoDriftEvenWithASpikeNearTheEnd() {
        Random random = new Random(7);
        double[] lags = new double[60];
        for (int t = 0; t < lags.length; t++) {
            lags[t] = 1.2 + 0.3 * random.nextGaussian();
        }
        lags[55] = 4.5; // one slow second late in the run, as a pause or a slow poll gives

        assertThat(LiveForecastBench.latencyDrift(lags)).isLessThan(LiveForecastBench.MAX_KEPT_UP_DRIFT);
    }

    @Test
    void aJobServingFourFifthsOfTheLoadFallsBehindAQuarterOfASecondEachSecond() {
        // serving 800 of 1,000 observations a second, second k completes at (k + 1) * 1000 / 800 seconds
        double[] lags = new double[30];
        for (int k = 0; k < lags.length; k++) {
            lags[k] = (k + 1) * 1.25 - (k + 1);
        }

        double drift = LiveForecastBench.latencyDrift(lags);

        assertThat(drift).isCloseTo(0.25, within(1e-9));
        assertThat(1000 / (1 + drift)).isCloseTo(800, within(1e-6));
        assertThat(drift).isGreaterThan(LiveForecastBench.MAX_KEPT_UP_DRIFT);
    }

    @Test
    void oneSecondHasNoDrift() {
        assertThat(LiveForecastBench.latencyDrift(new double[] {3.0})).isZero();
    }
}
