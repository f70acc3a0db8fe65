package io.tidewise.model.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FlipAveragingTest {
    private static final int REACH = 64;
    private static final int PATCH = 16;

    @Test
    void pricesAndNoisyLinesAreReadUpsideDownToo() {
        SplittableRandom random = new SplittableRandom(1);
        double[] walk = new double[512];
        double[] line = new double[60];
        walk[0] = 100;
        for (int t = 1; t < walk.length; t++) {
            walk[t] = walk[t - 1] * Math.exp(0.01 * random.nextGaussian());
        }
        for (int t = 0; t < line.length; t++) {
            line[t] = -20 + 0.5 * t + random.nextGaussian();
        }
        assertThat(FlipAveraging.flips(walk, REACH, PATCH)).isTrue();
        assertThat(FlipAveraging.flips(line, REACH, PATCH)).as("negative values are no floor").isTrue();
    }

    @Test
    void windowsFlooredAtZeroAreNot() {
        double[] counts = new double[200];
        for (int t = 0; t < counts.length; t++) {
            counts[t] = (t * 7919) % 5 == 0 ? 0 : (t * 31) % 4 + 1;
        }
        assertThat(FlipAveraging.touchesZeroFloor(counts)).isTrue();
        assertThat(FlipAveraging.flips(counts, REACH, PATCH)).isFalse();
        assertThat(FlipAveraging.touchesZeroFloor(new double[] {-1, 0, 2})).isFalse();
        assertThat(FlipAveraging.touchesZeroFloor(new double[] {Double.NaN, 1, 2})).isFalse();
    }

    @Test
    void cyclicWindowsAreNot() {
        SplittableRandom random = new SplittableRandom(2);
        double[] load = new double[512];
        for (int t = 0; t < load.length; t++) {
            double hour = t % 24;
            load[t] = 1000 + (hour >= 8 && hour <= 20 ? 400 : 0) + 10 * random.nextGaussian();
        }
        assertThat(FlipAveraging.flips(load, REACH, PATCH)).isFalse();
    }
}
