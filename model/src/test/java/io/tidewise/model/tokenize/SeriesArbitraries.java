package io.tidewise.model.tokenize;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Series windows for property tests: values from 1e-6 to 1e9 of either sign, exact zeros and missing values. */
final class SeriesArbitraries {
    private SeriesArbitraries() {}

    /** One value: mostly a number with a magnitude between 1e-6 and 1e10, sometimes 0, sometimes missing. */
    static Arbitrary<Double> value() {
        Arbitrary<Double> number = Combinators.combine(
                        Arbitraries.doubles().between(1.0, 10.0),
                        Arbitraries.integers().between(-6, 9),
                        Arbitraries.of(1.0, -1.0))
                .as((mantissa, exponent, sign) -> sign * mantissa * Math.pow(10, exponent));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, number),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(0.0)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(Double.NaN)));
    }

    /** A window of 0 to {@code maxLength} values mixing magnitudes, zeros and missing values. */
    static Arbitrary<double[]> window(int maxLength) {
        return value().array(double[].class).ofMinSize(0).ofMaxSize(maxLength);
    }

    /**
     * A window whose values share one magnitude (the realistic case: one series, one unit) but vary in sign,
     * size within two decades, zeros and missing values.
     */
    static Arbitrary<double[]> windowOfOneMagnitude(int maxLength) {
        return Arbitraries.integers().between(-6, 9).flatMap(exponent -> Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(12, Arbitraries.doubles().between(-100, 100)
                                .map(v -> v * Math.pow(10, exponent))),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(0.0)),
                        net.jqwik.api.Tuple.of(3, Arbitraries.just(Double.NaN)))
                .array(double[].class).ofMinSize(0).ofMaxSize(maxLength));
    }
}
