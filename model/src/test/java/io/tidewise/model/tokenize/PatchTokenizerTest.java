package io.tidewise.model.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PatchTokenizerTest {
    private static final double NaN = Double.NaN;
    private final PatchTokenizer four = PatchTokenizer.ofPatchLength(4);

    @Test
    void defaultTokenizerHasPatchesOfSixteen() {
        PatchTokenizer tokenizer = (PatchTokenizer) TokenizerConfig.defaults().create();
        assertThat(tokenizer.patchLength()).isEqualTo(16);
        PatchTokens tokens = tokenizer.encodeContext(new double[40], 8);
        assertThat(tokens.patchCount()).isEqualTo(3);
        assertThat(tokens.length()).isEqualTo(48);
    }

    @Test
    void contextIsStandardisedLeftPaddedAndMasked() {
        PatchTokens tokens = four.encodeContext(new double[] {2, -4, NaN, 6, 8, 4}, 10);
        // over 2, -4, 6, 8, 4: mean 3.2, variance (1.44 + 51.84 + 7.84 + 23.04 + 0.64) / 5 = 16.96
        double sd = Math.sqrt(16.96);
        assertThat(tokens.scale().center()).isCloseTo(3.2, within(1e-12));
        assertThat(tokens.scale().value()).isCloseTo(sd, within(1e-12));
        assertThat(tokens.patchCount()).isEqualTo(2);
        assertThat(tokens.patchLength()).isEqualTo(4);
        assertThat(tokens.mask()).containsExactly(0, 0, 1, 1, 0, 1, 1, 1);
        float[] expected = {0, 0, (float) ((2 - 3.2) / sd), (float) ((-4 - 3.2) / sd), 0, (float) ((6 - 3.2) / sd),
                (float) ((8 - 3.2) / sd), (float) ((4 - 3.2) / sd)};
        assertThat(tokens.values()).containsExactly(expected);
        assertThat(tokens.observedCount()).isEqualTo(5);
        assertThat(tokens.isObserved(2)).isTrue();
        assertThat(tokens.isObserved(4)).isFalse();
    }

    @Test
    void aSmallSeasonOnAHighLevelStaysVisible() {
        // defect: mean-abs scaling mapped a swing of +-3 on a level of 400 to +-0.0075, below what the model resolves
        double[] context = new double[48];
        for (int t = 0; t < context.length; t++) {
            context[t] = 400 + 3 * Math.sin(2 * Math.PI * t / 12);
        }
        PatchTokens tokens = PatchTokenizer.ofPatchLength(16).encodeContext(context, 3);
        float largest = 0;
        for (float value : tokens.values()) {
            largest = Math.max(largest, Math.abs(value));
        }
        assertThat(largest).isBetween(1f, 2f);
        assertThat(tokens.scale().center()).isCloseTo(400, within(0.5));
    }

    @Test
    void contextLongerThanMaxPatchesKeepsTheLatestValuesAndScalesOnThemOnly() {
        double[] context = new double[20];
        for (int i = 0; i < context.length; i++) {
            context[i] = i < 12 ? 1000 : i - 11; // the 8 kept values are 1..8
        }
        PatchTokens tokens = four.encodeContext(context, 2);
        assertThat(tokens.patchCount()).isEqualTo(2);
        assertThat(tokens.scale().center()).isEqualTo(4.5);
        assertThat(tokens.scale().value()).isCloseTo(Math.sqrt(5.25), within(1e-12));
        assertThat(tokens.mask()).containsOnly(1f);
        assertThat(four.decode(tokens.values(), tokens.scale())).containsExactly(
                new double[] {1, 2, 3, 4, 5, 6, 7, 8}, within(1e-6));
    }

    @Test
    void contextShorterThanOnePatchIsOnePaddedPatch() {
        PatchTokens tokens = PatchTokenizer.ofPatchLength(16).encodeContext(new double[] {3, 5}, 4);
        assertThat(tokens.patchCount()).isEqualTo(1);
        assertThat(tokens.values()).hasSize(16);
        assertThat(Arrays.copyOfRange(tokens.mask(), 0, 14)).containsOnly(0f);
        assertThat(Arrays.copyOfRange(tokens.mask(), 14, 16)).containsOnly(1f);
        assertThat(tokens.values()[14]).isEqualTo(-1f);
        assertThat(tokens.values()[15]).isEqualTo(1f);
    }

    @Test
    void emptyContextIsOnePatchWithNothingObserved() {
        PatchTokens tokens = four.encodeContext(new double[0], 3);
        assertThat(tokens.patchCount()).isEqualTo(1);
        assertThat(tokens.mask()).containsOnly(0f);
        assertThat(tokens.values()).containsOnly(0f);
        assertThat(tokens.scale().value()).isEqualTo(1.0);
    }

    @Test
    void allZeroConstantAndAllMissingWindowsStayFinite() {
        PatchTokens zeros = four.encodeContext(new double[9], 5);
        assertThat(zeros.scale().value()).isEqualTo(1.0);
        assertThat(zeros.values()).containsOnly(0f);
        assertThat(Arrays.copyOfRange(zeros.mask(), 3, 12)).containsOnly(1f);
        assertThat(four.decode(new float[] {0.3f, -2f}, zeros.scale())).containsExactly(0.3f, -2f);

        double[] constant = new double[8];
        Arrays.fill(constant, -250.0);
        PatchTokens constants = four.encodeContext(constant, 5);
        // no spread: the scale is floored at 1e-4 of the level, so the window is all zero around its level
        assertThat(constants.scale().center()).isEqualTo(-250.0);
        assertThat(constants.scale().value()).isCloseTo(0.025, within(1e-12));
        assertThat(constants.values()).containsOnly(0f);
        assertThat(four.decode(constants.values(), constants.scale())).containsOnly(-250.0);

        PatchTokens missing = four.encodeContext(new double[] {NaN, NaN, NaN, NaN, NaN}, 5);
        assertThat(missing.scale().value()).isEqualTo(1.0);
        assertThat(missing.patchCount()).isEqualTo(2);
        assertThat(missing.mask()).containsOnly(0f);
        assertThat(missing.values()).containsOnly(0f);
        assertThat(four.decode(new float[] {1.5f}, missing.scale())).containsExactly(1.5);
    }

    @Test
    void magnitudesFromMicroToGigaRoundTripWithinFloatPrecision() {
        for (double magnitude : new double[] {1e-6, 1e-3, 1, 1e3, 1e6, 1e9}) {
            double[] context = {magnitude, -2.5 * magnitude, 0, NaN, 7.25 * magnitude, 0.001 * magnitude, magnitude / 3};
            PatchTokens tokens = four.encodeContext(context, 8);
            double[] decoded = four.decode(tokens.values(), tokens.scale());
            for (int i = 0; i < context.length; i++) {
                int position = i + 1; // one position of left padding
                if (Double.isNaN(context[i])) {
                    assertThat(tokens.mask()[position]).isZero();
                } else {
                    // float32 in standardised units: precise to a millionth of the window's spread
                    assertThat(decoded[position]).isCloseTo(context[i], within(tokens.scale().value() * 1e-6));
                }
            }
        }
    }

    @Test
    void labelsUseTheContextScaleAndArePaddedOnTheRight() {
        PatchTokens context = four.encodeContext(new double[] {10, 30}, 4);
        assertThat(context.scale().center()).isCloseTo(20, within(1e-12));
        assertThat(context.scale().value()).isCloseTo(10, within(1e-12));
        PatchTokens labels = four.encodeLabels(new double[] {40, NaN, -10, 0, 20, 100}, new Scale(20, 10));
        assertThat(labels.patchCount()).isEqualTo(2);
        assertThat(labels.scale()).isEqualTo(new Scale(20, 10));
        assertThat(labels.values()).containsExactly(2f, 0f, -3f, -2f, 0f, 8f, 0f, 0f);
        assertThat(labels.mask()).containsExactly(1f, 0f, 1f, 1f, 1f, 1f, 0f, 0f);
        assertThat(four.decode(labels.values(), labels.scale())).startsWith(40, 20, -10, 0, 20, 100);
    }

    @Test
    void labelsOfExactMultipleHaveNoPaddingAndEmptyLabelsNoPatches() {
        PatchTokens labels = four.encodeLabels(new double[] {1, 2, 3, 4}, new Scale(2));
        assertThat(labels.patchCount()).isEqualTo(1);
        assertThat(labels.mask()).containsOnly(1f);
        assertThat(four.encodeLabels(new double[0], new Scale(2)).patchCount()).isZero();
    }

    @Test
    void infiniteValuesAreMissingNotNumbers() {
        PatchTokens tokens = four.encodeContext(new double[] {1, Double.POSITIVE_INFINITY, 3, Double.NEGATIVE_INFINITY}, 1);
        assertThat(tokens.mask()).containsExactly(1, 0, 1, 0);
        assertThat(tokens.values()).containsExactly(-1f, 0f, 1f, 0f);
    }

    @Test
    void decodeKeepsNanAndHandlesAnyLength() {
        double[] decoded = four.decode(new float[] {1f, Float.NaN, -0.5f}, new Scale(4));
        assertThat(decoded[0]).isEqualTo(4.0);
        assertThat(decoded[1]).isNaN();
        assertThat(decoded[2]).isEqualTo(-2.0);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> four.encodeContext(new double[4], 0)).hasMessage("maxPatches must be positive, was 0");
        assertThatThrownBy(() -> four.encodeContext(new double[4], -2)).hasMessage("maxPatches must be positive, was -2");
        assertThatThrownBy(() -> four.encodeContext(null, 2)).isInstanceOf(NullPointerException.class)
                .hasMessage("context");
        assertThatThrownBy(() -> four.encodeLabels(new double[4], null)).hasMessage("scale");
        assertThatThrownBy(() -> new PatchTokens(2, 4, new float[7], new float[8], new Scale(1)))
                .hasMessage("values must hold patchCount x patchLength = 8 numbers, was 7");
        assertThatThrownBy(() -> new PatchTokens(2, 4, new float[8], new float[9], new Scale(1)))
                .hasMessage("mask must hold patchCount x patchLength = 8 numbers, was 9");
        assertThatThrownBy(() -> new PatchTokens(-1, 4, new float[0], new float[0], new Scale(1)))
                .hasMessage("patchCount must not be negative, was -1");
    }

    @Test
    void hugeMaxPatchesDoesNotOverflow() {
        PatchTokens tokens = four.encodeContext(new double[] {1, 2, 3}, Integer.MAX_VALUE);
        assertThat(tokens.patchCount()).isEqualTo(1);
    }

    @Test
    void inputsAreNotModified() {
        double[] context = {5, NaN, -1e9, 0, 3};
        double[] future = {NaN, 2, 1e-6};
        four.encodeContext(context, 1);
        four.encodeLabels(future, new Scale(3));
        assertThat(context).containsExactly(5, NaN, -1e9, 0, 3);
        assertThat(future).containsExactly(NaN, 2, 1e-6);
    }

    @Test
    void tokensCompareByContent() {
        PatchTokens first = four.encodeContext(new double[] {1, 2, NaN, 4}, 1);
        PatchTokens second = four.encodeContext(new double[] {1, 2, NaN, 4}, 1);
        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
        assertThat(first).isNotEqualTo(four.encodeContext(new double[] {1, 2, 3, 4}, 1));
        assertThat(first.toString()).contains("patchCount=1", "observed=3");
    }
}
