package io.tidewise.model.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RandomWalksTest {
    private static final double Z = RandomWalks.DEFAULT_DEVIATES;

    @Test
    void mostRandomWalksCountAsRandomWalks() {
        SplittableRandom random = new SplittableRandom(3);
        int counted = 0;
        for (int k = 0; k < 100; k++) {
            counted += RandomWalks.looksLikeRandomWalk(walk(256, random), Z) ? 1 : 0;
        }
        // at z = 1 the test rejects about one walk in six by chance
        assertThat(counted).isBetween(70, 95);
    }

    @Test
    void noiseAroundALevelCyclesAndSmoothTrendsDoNot() {
        SplittableRandom random = new SplittableRandom(5);
        for (int k = 0; k < 20; k++) {
            double[] noise = new double[256];
            double[] hours = new double[256];
            double[] weekdays = new double[256];
            double[] smooth = new double[256];
            double slope = 0;
            for (int t = 0; t < noise.length; t++) {
                noise[t] = 50 + random.nextGaussian();
                hours[t] = 100 + 10 * Math.sin(2 * Math.PI * t / 24) + random.nextGaussian();
                weekdays[t] = 100 + (t % 7 >= 5 ? -30 : 0) + 5 * random.nextGaussian();
                slope = 0.9 * slope + random.nextGaussian();
                smooth[t] = (t == 0 ? 0 : smooth[t - 1]) + slope;
            }
            assertThat(RandomWalks.looksLikeRandomWalk(noise, Z)).as("noise around a level").isFalse();
            assertThat(RandomWalks.looksLikeRandomWalk(hours, Z)).as("a daily cycle").isFalse();
            assertThat(RandomWalks.looksLikeRandomWalk(weekdays, Z)).as("weekends").isFalse();
            assertThat(RandomWalks.looksLikeRandomWalk(smooth, Z)).as("a smooth trend").isFalse();
        }
    }

    @Test
    void shortWalksConstantsAndAMissingLastValueAreNotJudged() {
        SplittableRandom random = new SplittableRandom(7);
        assertThat(RandomWalks.looksLikeRandomWalk(walk(RandomWalks.MIN_STEPS, random), 10)).isFalse();
        assertThat(RandomWalks.looksLikeRandomWalk(new double[200], 10)).isFalse();
        double[] unfinished = walk(200, random);
        unfinished[199] = Double.NaN;
        assertThat(RandomWalks.looksLikeRandomWalk(unfinished, 10)).isFalse();
    }

    @Test
    void gapsAreSkippedNotReadAsSteps() {
        SplittableRandom random = new SplittableRandom(9);
        int counted = 0;
        for (int k = 0; k < 100; k++) {
            double[] gappy = walk(256, random);
            for (int t = 10; t < 250; t += 17) {
                gappy[t] = Double.NaN;
            }
            counted += RandomWalks.looksLikeRandomWalk(gappy, Z) ? 1 : 0;
        }
        assertThat(counted).isBetween(70, 95);
    }

    @Test
    void largerDeviatesCountMoreSeries() {
        assertThat(RandomWalks.chiSquareQuantile(10, 0)).isCloseTo(9.34, within(0.05)); // the median of chi2(10)
        assertThat(RandomWalks.chiSquareQuantile(10, 1.645)).isCloseTo(18.31, within(0.1)); // its 95% quantile
        assertThat(RandomWalks.chiSquareQuantile(10, -10)).isZero();
    }

    @Test
    void centringMovesTheMedianToTheLastValueAndKeepsTheSpread() {
        QuantileLevels levels = QuantileLevels.parse("0.1,0.5,0.9");
        Forecast forecast = new Forecast(SeriesId.of("walk"), levels, List.of(
                new ForecastStep(1, Instant.EPOCH, 11, new double[] {8, 10, 13}),
                new ForecastStep(2, Instant.EPOCH.plusSeconds(60), 12, new double[] {6, 12, 15})));
        Forecast centred = RandomWalks.centredOn(forecast, 20, false);
        assertThat(centred.steps().get(0).quantiles()).containsExactly(18, 20, 23);
        assertThat(centred.steps().get(0).mean()).isEqualTo(21);
        assertThat(centred.steps().get(1).quantiles()).containsExactly(14, 20, 23);
        assertThat(centred.steps().get(1).timestamp()).isEqualTo(Instant.EPOCH.plusSeconds(60));
        Forecast floored = RandomWalks.centredOn(forecast, 1, true);
        assertThat(floored.steps().get(0).quantiles()).containsExactly(0, 1, 4);
    }

    @Test
    void withoutAMedianLevelTheMedianIsInterpolated() {
        QuantileLevels levels = QuantileLevels.parse("0.25,0.75");
        Forecast forecast = new Forecast(SeriesId.of("walk"), levels,
                List.of(new ForecastStep(1, Instant.EPOCH, 11, new double[] {8, 12})));
        assertThat(RandomWalks.centredOn(forecast, 30, false).steps().get(0).quantiles()).containsExactly(28, 32);
    }

    private static double[] walk(int length, SplittableRandom random) {
        double[] values = new double[length];
        values[0] = 100;
        for (int t = 1; t < length; t++) {
            values[t] = values[t - 1] + random.nextGaussian();
        }
        return values;
    }
}
