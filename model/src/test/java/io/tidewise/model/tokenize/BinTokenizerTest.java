package io.tidewise.model.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BinTokenizerTest {
    private static final double NaN = Double.NaN;
    private static final int MISSING = Vocabulary.MISSING;
    private static final int FIRST = Vocabulary.FIRST_BIN;
    /** Six bins of width 1 over [-3, 3]: bin i covers [i - 3, i - 2) and decodes to i - 2.5. */
    private final BinTokenizer six = new BinTokenizer(TokenizerConfig.bins(6, -3, 3));

    @Test
    void defaultIsChronosBins() {
        BinTokenizer tokenizer = (BinTokenizer) TokenizerConfig.bins(4094).create();
        assertThat(tokenizer.bins()).isEqualTo(4094);
        assertThat(tokenizer.binWidth()).isCloseTo(30.0 / 4094, within(1e-15));
        assertThat(tokenizer.vocabularySize()).isEqualTo(4354);
        assertThat(tokenizer.binCenter(0)).isCloseTo(-15 + 15.0 / 4094, within(1e-12));
        assertThat(tokenizer.binCenter(4093)).isCloseTo(15 - 15.0 / 4094, within(1e-12));
    }

    @Test
    void binsAreUniformWithCentres() {
        assertThat(six.binWidth()).isEqualTo(1.0);
        assertThat(six.binIndex(-3)).isEqualTo(0);
        assertThat(six.binIndex(-2.01)).isEqualTo(0);
        assertThat(six.binIndex(-2)).isEqualTo(1);
        assertThat(six.binIndex(0)).isEqualTo(3);
        assertThat(six.binIndex(2.99)).isEqualTo(5);
        assertThat(six.binIndex(3)).isEqualTo(5);
        assertThat(six.binCenter(0)).isEqualTo(-2.5);
        assertThat(six.binCenter(3)).isEqualTo(0.5);
        assertThat(six.binCenter(5)).isEqualTo(2.5);
        assertThat(six.idOfScaled(0.2)).isEqualTo(FIRST + 3);
    }

    @Test
    void valuesOutsideTheRangeFallIntoTheEdgeBins() {
        assertThat(six.binIndex(-3.5)).isEqualTo(0);
        assertThat(six.binIndex(-1e300)).isEqualTo(0);
        assertThat(six.binIndex(Double.NEGATIVE_INFINITY)).isEqualTo(0);
        assertThat(six.binIndex(3.0001)).isEqualTo(5);
        assertThat(six.binIndex(Double.MAX_VALUE)).isEqualTo(5);
        assertThatThrownBy(() -> six.binIndex(NaN)).hasMessage("scaled must be a number, was NaN");
    }

    @Test
    void contextIsScaledBinnedAndMissingBecomesTheMissingToken() {
        // mean |x| over 10, 20, 30 = 20: scaled 0.5, -1, 1.5 fall in bins [0, 1), [-1, 0), [1, 2).
        BinTokens tokens = six.encodeContext(new double[] {10, NaN, -20, 30}, 10);
        assertThat(tokens.scale().value()).isEqualTo(20.0);
        assertThat(tokens.ids()).containsExactly(FIRST + 3, MISSING, FIRST + 2, FIRST + 4);
        assertThat(six.decode(tokens.ids(), tokens.scale())).containsExactly(10.0, NaN, -10.0, 30.0);
    }

    @Test
    void contextLongerThanMaxTokensKeepsTheLatestValues() {
        BinTokens tokens = six.encodeContext(new double[] {1e6, 1e6, 2, -2, NaN}, 3);
        assertThat(tokens.length()).isEqualTo(3);
        assertThat(tokens.scale().value()).isEqualTo(2.0);
        assertThat(tokens.ids()).containsExactly(FIRST + 4, FIRST + 2, MISSING);
    }

    @Test
    void allZeroConstantAndAllMissingWindowsDecodeToFiniteValues() {
        BinTokens zeros = six.encodeContext(new double[5], 8);
        assertThat(zeros.scale().value()).isEqualTo(1.0);
        assertThat(zeros.ids()).containsOnly(FIRST + 3);
        assertThat(six.decode(zeros.ids(), zeros.scale())).containsOnly(0.5);

        double[] constant = new double[7];
        Arrays.fill(constant, 42.0);
        BinTokens constants = six.encodeContext(constant, 8);
        assertThat(constants.scale().value()).isEqualTo(42.0);
        assertThat(constants.ids()).containsOnly(FIRST + 4); // scaled 1 falls in [1, 2)
        assertThat(six.decode(constants.ids(), constants.scale())).containsOnly(63.0);

        BinTokens missing = six.encodeContext(new double[] {NaN, NaN, NaN}, 8);
        assertThat(missing.scale().value()).isEqualTo(1.0);
        assertThat(missing.ids()).containsOnly(MISSING);
        assertThat(six.decode(new int[] {FIRST, FIRST + 5}, missing.scale())).containsExactly(-2.5, 2.5);

        BinTokens empty = six.encodeContext(new double[0], 8);
        assertThat(empty.ids()).isEmpty();
        assertThat(empty.scale().value()).isEqualTo(1.0);
    }

    @Test
    void magnitudesFromMicroToGigaComeBackWithinHalfABin() {
        BinTokenizer chronos = BinTokenizer.ofBins(4094);
        for (double magnitude : new double[] {1e-6, 1e-3, 1, 1e3, 1e6, 1e9}) {
            double[] context = {magnitude, -2.5 * magnitude, 0, NaN, 7.25 * magnitude, 0.001 * magnitude, -magnitude / 3};
            BinTokens tokens = chronos.encodeContext(context, 100);
            double[] decoded = chronos.decode(tokens.ids(), tokens.scale());
            double halfBin = chronos.binWidth() / 2 * tokens.scale().value();
            for (int i = 0; i < context.length; i++) {
                if (Double.isNaN(context[i])) {
                    assertThat(tokens.ids()[i]).isEqualTo(MISSING);
                    assertThat(decoded[i]).isNaN();
                } else {
                    assertThat(decoded[i]).isCloseTo(context[i], within(halfBin * (1 + 1e-9)));
                }
            }
        }
    }

    @Test
    void labelsUseTheContextScaleAndIgnoreMissingValues() {
        BinTokens context = six.encodeContext(new double[] {-4, 4}, 2);
        int[] labels = six.encodeLabels(new double[] {6, NaN, -100, 0, Double.POSITIVE_INFINITY}, context.scale());
        assertThat(labels).containsExactly(FIRST + 4, BinTokenizer.IGNORE_LABEL, FIRST, FIRST + 3,
                BinTokenizer.IGNORE_LABEL);
        assertThat(BinTokenizer.IGNORE_LABEL).isEqualTo(-1);
        assertThat(six.encodeLabels(new double[0], context.scale())).isEmpty();
    }

    @Test
    void idsThatNameNoBinDecodeToNan() {
        double[] decoded = six.decode(new int[] {'a', Vocabulary.PAD, Vocabulary.BOS, Vocabulary.EOS, MISSING,
                BinTokenizer.IGNORE_LABEL, FIRST + 6, Integer.MAX_VALUE, FIRST + 1}, new Scale(2));
        assertThat(Arrays.copyOf(decoded, 8)).containsOnly(NaN);
        assertThat(decoded[8]).isEqualTo(-3.0);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> six.encodeContext(new double[3], 0)).hasMessage("maxTokens must be positive, was 0");
        assertThatThrownBy(() -> six.encodeContext(null, 3)).hasMessage("context");
        assertThatThrownBy(() -> six.encodeLabels(new double[3], null)).hasMessage("scale");
        assertThatThrownBy(() -> six.decode(new int[1], null)).hasMessage("scale");
        assertThatThrownBy(() -> six.binCenter(6)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void oddBinCountPutsZeroAtACentre() {
        BinTokenizer odd = BinTokenizer.ofBins(4093);
        assertThat(odd.binCenter(odd.binIndex(0))).isCloseTo(0, within(1e-12));
    }

    @Test
    void inputsAreNotModified() {
        double[] context = {5, NaN, -1e9, 0, 3};
        double[] future = {NaN, 2, 1e-6};
        six.encodeContext(context, 2);
        six.encodeLabels(future, new Scale(3));
        assertThat(context).containsExactly(5, NaN, -1e9, 0, 3);
        assertThat(future).containsExactly(NaN, 2, 1e-6);
    }

    @Test
    void tokensCompareByContent() {
        BinTokens first = six.encodeContext(new double[] {1, NaN, 3}, 5);
        assertThat(first).isEqualTo(six.encodeContext(new double[] {1, NaN, 3}, 5))
                .hasSameHashCodeAs(six.encodeContext(new double[] {1, NaN, 3}, 5));
        assertThat(first).isNotEqualTo(six.encodeContext(new double[] {1, 2, 3}, 5));
        assertThat(first.toString()).contains("length=3", "scale=2.0");
    }
}
