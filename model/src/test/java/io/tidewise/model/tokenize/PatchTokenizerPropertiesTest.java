package io.tidewise.model.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The patch contract for random windows of mixed magnitudes, zeros and missing values. */
class PatchTokenizerPropertiesTest {

    @Property(tries = 400)
    void shapeKeepsTheLatestValuesAndPadsOnTheLeft(@ForAll("windows") double[] context,
            @ForAll @IntRange(min = 1, max = 20) int patchLength, @ForAll @IntRange(min = 1, max = 12) int maxPatches) {
        PatchTokens tokens = PatchTokenizer.ofPatchLength(patchLength).encodeContext(context, maxPatches);
        int kept = Math.min(context.length, maxPatches * patchLength);
        int expectedPatches = Math.max(1, (kept + patchLength - 1) / patchLength);
        assertThat(tokens.patchCount()).isEqualTo(expectedPatches).isLessThanOrEqualTo(maxPatches);
        assertThat(tokens.patchLength()).isEqualTo(patchLength);
        assertThat(tokens.values()).hasSize(expectedPatches * patchLength);
        assertThat(tokens.mask()).hasSize(expectedPatches * patchLength);
        int padding = tokens.length() - kept;
        assertThat(padding).isBetween(0, patchLength);
        for (int p = 0; p < padding; p++) {
            assertThat(tokens.mask()[p]).as("padding mask at %d", p).isZero();
            assertThat(tokens.values()[p]).as("padding value at %d", p).isZero();
        }
    }

    @Property(tries = 600)
    void maskIsExactlyWhereValuesWereObserved(@ForAll("windows") double[] context,
            @ForAll @IntRange(min = 1, max = 20) int patchLength, @ForAll @IntRange(min = 1, max = 12) int maxPatches) {
        PatchTokens tokens = PatchTokenizer.ofPatchLength(patchLength).encodeContext(context, maxPatches);
        int kept = Math.min(context.length, maxPatches * patchLength);
        int padding = tokens.length() - kept;
        for (int i = 0; i < kept; i++) {
            double raw = context[context.length - kept + i];
            float mask = tokens.mask()[padding + i];
            assertThat(mask).as("mask of value %s", raw).isEqualTo(Double.isNaN(raw) ? 0f : 1f);
            if (Double.isNaN(raw)) {
                assertThat(tokens.values()[padding + i]).isZero();
            }
        }
    }

    @Property(tries = 600)
    void decodeOfEncodeIsExactWithinFloatRounding(@ForAll("windows") double[] context,
            @ForAll @IntRange(min = 1, max = 20) int patchLength, @ForAll @IntRange(min = 1, max = 12) int maxPatches) {
        PatchTokenizer tokenizer = PatchTokenizer.ofPatchLength(patchLength);
        PatchTokens tokens = tokenizer.encodeContext(context, maxPatches);
        double[] decoded = tokenizer.decode(tokens.values(), tokens.scale());
        int kept = Math.min(context.length, maxPatches * patchLength);
        int padding = tokens.length() - kept;
        for (int i = 0; i < kept; i++) {
            double raw = context[context.length - kept + i];
            if (!Double.isNaN(raw)) {
                // float32 in standardised units: the error is relative to the window's spread and level
                double tolerance = 1e-6 * (tokens.scale().value() * (1 + Math.abs(tokens.values()[padding + i]))
                        + Math.abs(tokens.scale().center()));
                assertThat(Math.abs(decoded[padding + i] - raw)).as("round trip of %s", raw)
                        .isLessThanOrEqualTo(tolerance);
            }
        }
    }

    @Property(tries = 500)
    void scaleIsPositiveFiniteAndMeasuredOnTheKeptWindowOnly(@ForAll("windows") double[] context,
            @ForAll @IntRange(min = 1, max = 20) int patchLength, @ForAll @IntRange(min = 1, max = 12) int maxPatches) {
        PatchTokens tokens = PatchTokenizer.ofPatchLength(patchLength).encodeContext(context, maxPatches);
        int kept = Math.min(context.length, maxPatches * patchLength);
        double[] keptWindow = Arrays.copyOfRange(context, context.length - kept, context.length);
        assertThat(tokens.scale().value()).isPositive().isFinite();
        assertThat(tokens.scale()).isEqualTo(StandardScaler.scaleOf(keptWindow));
        assertThat(PatchTokenizer.ofPatchLength(patchLength).encodeContext(keptWindow, maxPatches)).isEqualTo(tokens);
    }

    @Property(tries = 400)
    void scaledTokensDoNotDependOnTheSeriesUnit(@ForAll("windows") double[] context,
            @ForAll @IntRange(min = -20, max = 20) int powerOfTwo) {
        // Multiplying a series by 2^k changes its scale by 2^k exactly and its tokens not at all: the model sees
        // the shape of a window, never its unit.
        double factor = Math.scalb(1.0, powerOfTwo);
        double[] rescaled = Arrays.stream(context).map(v -> v * factor).toArray();
        PatchTokenizer tokenizer = PatchTokenizer.ofPatchLength(8);
        PatchTokens original = tokenizer.encodeContext(context, 16);
        PatchTokens changed = tokenizer.encodeContext(rescaled, 16);
        assertThat(changed.mask()).isEqualTo(original.mask());
        if (hasNonZeroObserved(context)) {
            assertThat(changed.values()).isEqualTo(original.values());
            assertThat(changed.scale().value()).isEqualTo(original.scale().value() * factor);
        }
    }

    @Property(tries = 500)
    void labelsMaskMissingAndPaddingAndRoundTrip(@ForAll("windows") double[] future,
            @ForAll @IntRange(min = 1, max = 20) int patchLength, @ForAll("scales") double scaleValue) {
        PatchTokenizer tokenizer = PatchTokenizer.ofPatchLength(patchLength);
        Scale scale = new Scale(scaleValue);
        PatchTokens labels = tokenizer.encodeLabels(future, scale);
        assertThat(labels.patchCount()).isEqualTo((future.length + patchLength - 1) / patchLength);
        assertThat(labels.scale()).isEqualTo(scale);
        double[] decoded = tokenizer.decode(labels.values(), scale);
        for (int i = 0; i < labels.length(); i++) {
            boolean observed = i < future.length && !Double.isNaN(future[i]);
            assertThat(labels.mask()[i]).as("mask at %d", i).isEqualTo(observed ? 1f : 0f);
            if (observed) {
                double raw = future[i];
                // A label far below the scale may underflow float32; it then comes back as 0, a tiny absolute error.
                double tolerance = Math.max(1e-6 * Math.abs(raw), Float.MIN_NORMAL * scaleValue);
                assertThat(Math.abs(decoded[i] - raw)).isLessThanOrEqualTo(tolerance);
            } else {
                assertThat(labels.values()[i]).isZero();
            }
        }
    }

    @Property(tries = 300)
    void valuesAreAlwaysFinite(@ForAll("windows") double[] context, @ForAll @IntRange(min = 1, max = 20) int patchLength) {
        PatchTokens tokens = PatchTokenizer.ofPatchLength(patchLength).encodeContext(context, 64);
        for (float value : tokens.values()) {
            assertThat(value).isFinite();
        }
    }

    @Provide
    Arbitrary<double[]> windows() {
        return Arbitraries.oneOf(SeriesArbitraries.window(300), SeriesArbitraries.windowOfOneMagnitude(300));
    }

    @Provide
    Arbitrary<Double> scales() {
        return Arbitraries.integers().between(-6, 9).map(exponent -> 1.7 * Math.pow(10, exponent));
    }

    private static boolean hasNonZeroObserved(double[] values) {
        return Arrays.stream(values).anyMatch(v -> !Double.isNaN(v) && v != 0);
    }
}
