package io.tidewise.model.tokenize;

import java.util.Arrays;
import java.util.Objects;

/**
 * A window cut into {@code patchCount} patch tokens of P = {@code patchLength} values each. {@code values} and
 * {@code mask} are row-major (patchCount x P): position {@code p * patchLength + i} is value i of patch p. Values
 * are scaled ({@link Scale#apply}) and 0 where missing; the mask is 1 where a value was observed and 0 where it was
 * missing or is padding, and the model always sees it, so a 0 value is never mistaken for an observed zero.
 *
 * <p>The arrays are shared, not copied (the forecaster's hot path reads them for every series); treat them as
 * read-only.
 */
public record PatchTokens(int patchCount, int patchLength, float[] values, float[] mask, Scale scale) {

    public PatchTokens {
        if (patchCount < 0) {
            throw new IllegalArgumentException("patchCount must not be negative, was " + patchCount);
        }
        if (patchLength <= 0) {
            throw new IllegalArgumentException("patchLength must be positive, was " + patchLength);
        }
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(scale, "scale");
        long expected = (long) patchCount * patchLength;
        if (values.length != expected) {
            throw new IllegalArgumentException("values must hold patchCount x patchLength = " + expected
                    + " numbers, was " + values.length);
        }
        if (mask.length != expected) {
            throw new IllegalArgumentException("mask must hold patchCount x patchLength = " + expected
                    + " numbers, was " + mask.length);
        }
    }

    /** Number of positions, {@code patchCount * patchLength}. */
    public int length() {
        return values.length;
    }

    /** Whether position {@code index} (row-major) holds an observed value. */
    public boolean isObserved(int index) {
        return mask[index] != 0f;
    }

    /** Number of observed positions. */
    public int observedCount() {
        int count = 0;
        for (float m : mask) {
            if (m != 0f) {
                count++;
            }
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PatchTokens that
                && patchCount == that.patchCount
                && patchLength == that.patchLength
                && Arrays.equals(values, that.values)
                && Arrays.equals(mask, that.mask)
                && scale.equals(that.scale);
    }

    @Override
    public int hashCode() {
        return Objects.hash(patchCount, patchLength, Arrays.hashCode(values), Arrays.hashCode(mask), scale);
    }

    @Override
    public String toString() {
        return "PatchTokens[patchCount=" + patchCount + ", patchLength=" + patchLength + ", observed="
                + observedCount() + ", center=" + scale.center() + ", scale=" + scale.value() + "]";
    }
}
