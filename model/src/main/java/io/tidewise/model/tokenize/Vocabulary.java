package io.tidewise.model.tokenize;

/**
 * The one id space that text and bin tokens share, so a model pretrained on bytes keeps its embedding table when
 * it is adapted to bin-tokenized series: ids 0..255 are UTF-8 bytes, then four special ids, then B bin ids.
 */
public final class Vocabulary {
    /** Count of byte ids; byte {@code b} (0..255) has id {@code b}. */
    public static final int BYTE_COUNT = 256;
    /** Fills a batch row up to the batch's length. */
    public static final int PAD = 256;
    /** Begins a sequence. */
    public static final int BOS = 257;
    /** Ends a sequence. */
    public static final int EOS = 258;
    /** A series value that was not observed. */
    public static final int MISSING = 259;
    /** Id of bin 0; bin {@code i} has id {@code FIRST_BIN + i}. */
    public static final int FIRST_BIN = 260;
    /** Size of the vocabulary without bins: what a text-only model needs. */
    public static final int TEXT_SIZE = FIRST_BIN;
    /** The largest bin count whose ids still fit in an {@code int}. */
    public static final int MAX_BINS = Integer.MAX_VALUE - FIRST_BIN;

    private Vocabulary() {}

    /** Size of the vocabulary with {@code bins} bin ids: {@code 260 + bins}. */
    public static int size(int bins) {
        if (bins < 0 || bins > MAX_BINS) {
            throw new IllegalArgumentException("bins must be between 0 and " + MAX_BINS + ", was " + bins);
        }
        return FIRST_BIN + bins;
    }

    public static boolean isByte(int id) {
        return id >= 0 && id < BYTE_COUNT;
    }

    public static boolean isSpecial(int id) {
        return id >= PAD && id < FIRST_BIN;
    }

    /** Whether {@code id} names one of {@code bins} bins. */
    public static boolean isBin(int id, int bins) {
        return id >= FIRST_BIN && id - FIRST_BIN < bins;
    }

    /** Id of bin {@code index}. */
    public static int binId(int index) {
        if (index < 0 || index >= MAX_BINS) {
            throw new IllegalArgumentException("bin index must be between 0 and " + (MAX_BINS - 1) + ", was " + index);
        }
        return FIRST_BIN + index;
    }

    /** Index of the bin that {@code id} names; {@code id} must be a bin id. */
    public static int binIndex(int id) {
        if (id < FIRST_BIN) {
            throw new IllegalArgumentException("id must be a bin id (at least " + FIRST_BIN + "), was " + id);
        }
        return id - FIRST_BIN;
    }
}
