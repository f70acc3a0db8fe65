package io.tidewise.training.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.core.QuantileLevels;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Whatever the context, every baseline returns a finite forecast with non-decreasing quantiles. */
class BaselinePropertiesTest {
    private static final List<ForecastMethod> METHODS =
            List.of(SeasonalNaive.normal(), SeasonalNaive.empirical(), Ets.auto(), new Theta());

    @Property(tries = 60)
    void forecastsAreFiniteAndQuantilesOrdered(@ForAll("contexts") double[] context,
            @ForAll @IntRange(min = 1, max = 13) int period, @ForAll @IntRange(min = 1, max = 30) int horizon) {
        for (ForecastMethod method : METHODS) {
            MethodForecast forecast = method.forecast(context, period, horizon, QuantileLevels.DECILES);
            assertWellFormed(method, forecast, horizon);
        }
    }

    @Property(tries = 30)
    void constantAndZeroContextsGiveFlatForecasts(@ForAll @IntRange(min = 1, max = 80) int length,
            @ForAll("levelsOfConstants") double value, @ForAll @IntRange(min = 1, max = 12) int period) {
        double[] context = new double[length];
        Arrays.fill(context, value);
        for (ForecastMethod method : METHODS) {
            MethodForecast forecast = method.forecast(context, period, 6, QuantileLevels.DECILES);
            assertWellFormed(method, forecast, 6);
            for (int step = 0; step < 6; step++) {
                assertThat(forecast.mean(step)).as(method.name()).isEqualTo(value);
            }
        }
    }

    @Provide
    Arbitrary<Double> levelsOfConstants() {
        return Arbitraries.of(0.0, 1.0, -3.5, 1e6, 1e-9);
    }

    @Provide
    Arbitrary<double[]> contexts() {
        Arbitrary<Integer> lengths = Arbitraries.integers().between(1, 120);
        Arbitrary<Double> scales = Arbitraries.of(1e-6, 1.0, 1000.0, 1e7);
        Arbitrary<Double> missingShares = Arbitraries.of(0.0, 0.0, 0.1, 0.5, 0.9);
        Arbitrary<Long> seeds = Arbitraries.longs();
        return Combinators.combine(lengths, scales, missingShares, seeds).as((length, scale, missing, seed) -> {
            Random random = new Random(seed);
            double[] values = new double[length];
            double walk = random.nextGaussian() * scale;
            for (int t = 0; t < length; t++) {
                walk += random.nextGaussian() * scale * 0.1;
                values[t] = walk + scale * Math.sin(t * 0.7);
                if (random.nextDouble() < missing) {
                    values[t] = Double.NaN;
                }
            }
            values[random.nextInt(length)] = walk; // at least one observed value
            return values;
        });
    }

    private static void assertWellFormed(ForecastMethod method, MethodForecast forecast, int horizon) {
        assertThat(forecast.horizon()).as(method.name()).isEqualTo(horizon);
        for (int step = 0; step < horizon; step++) {
            assertThat(Double.isFinite(forecast.mean(step))).as(method.name() + " mean at " + step).isTrue();
            double[] row = forecast.quantiles(step);
            for (int q = 0; q < row.length; q++) {
                assertThat(Double.isFinite(row[q])).as(method.name() + " quantile " + q + " at " + step).isTrue();
                if (q > 0) {
                    assertThat(row[q]).as(method.name() + " quantiles at " + step).isGreaterThanOrEqualTo(row[q - 1]);
                }
            }
        }
    }
}
