package io.tidewise.model.tokenize;

import java.util.Arrays;
import java.util.Objects;

/**
 * A window as bin tokens: one {@link Vocabulary} id per value, oldest first, {@link Vocabulary#MISSING} where a
 * value was missing, and the window's scale. The array is shared, not copied; treat it as read-only.
 */
public record BinTokens(int[] ids, Scale scale) {

    public BinTokens {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(scale, "scale");
    }

    /** Number of tokens. */
    public int length() {
        return ids.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BinTokens that && Arrays.equals(ids, that.ids) && scale.equals(that.scale);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + scale.hashCode();
    }

    @Override
    public String toString() {
        return "BinTokens[length=" + ids.length + ", scale=" + scale.value() + "]";
    }
}
