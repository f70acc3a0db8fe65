package io.tidewise.model.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The bin contract for random windows of mixed magnitudes, zeros and missing values, and random bin layouts. */
class BinTokenizerPropertiesTest {

    @Property(tries = 500)
    void idsLieInTheVocabularyAndMissingIsExactlyWhereValuesAreMissing(@ForAll("windows") double[] context,
            @ForAll("tokenizers") BinTokenizer tokenizer, @ForAll @IntRange(min = 1, max = 400) int maxTokens) {
        BinTokens tokens = tokenizer.encodeContext(context, maxTokens);
        int kept = Math.min(context.length, maxTokens);
        assertThat(tokens.length()).isEqualTo(kept);
        for (int i = 0; i < kept; i++) {
            double raw = context[context.length - kept + i];
            int id = tokens.ids()[i];
            assertThat(id).isBetween(0, tokenizer.vocabularySize() - 1);
            if (Double.isNaN(raw)) {
                assertThat(id).isEqualTo(Vocabulary.MISSING);
            } else {
                assertThat(Vocabulary.isBin(id, tokenizer.bins())).as("id %d of %s is a bin", id, raw).isTrue();
            }
        }
    }

    @Property(tries = 600)
    void decodeOfEncodeIsWithinHalfABinInsideTheRangeAndTheEdgeCentreOutside(@ForAll("windows") double[] context,
            @ForAll("tokenizers") BinTokenizer tokenizer) {
        BinTokens tokens = tokenizer.encodeContext(context, context.length + 1);
        Scale scale = tokens.scale();
        double[] decoded = tokenizer.decode(tokens.ids(), scale);
        TokenizerConfig config = tokenizer.config();
        double halfBin = tokenizer.binWidth() / 2 * scale.value();
        // Rounding in (x - low) / w can move a value on a bin edge by a few ulps of the range.
        double slack = 1e-9 * (config.high() - config.low()) * scale.value();
        for (int i = 0; i < context.length; i++) {
            double raw = context[i];
            if (Double.isNaN(raw)) {
                assertThat(decoded[i]).isNaN();
                continue;
            }
            double scaled = scale.apply(raw);
            if (scaled < config.low()) {
                assertThat(decoded[i]).isEqualTo(scale.invert(tokenizer.binCenter(0)));
            } else if (scaled > config.high()) {
                assertThat(decoded[i]).isEqualTo(scale.invert(tokenizer.binCenter(tokenizer.bins() - 1)));
            } else {
                assertThat(Math.abs(decoded[i] - raw)).as("round trip of %s (scaled %s)", raw, scaled)
                        .isLessThanOrEqualTo(halfBin + slack);
            }
        }
    }

    @Property(tries = 500)
    void labelsIgnoreExactlyTheMissingValuesAndMatchTheContextEncoding(@ForAll("windows") double[] future,
            @ForAll("tokenizers") BinTokenizer tokenizer, @ForAll("scales") double scaleValue) {
        Scale scale = new Scale(scaleValue);
        int[] labels = tokenizer.encodeLabels(future, scale);
        assertThat(labels).hasSize(future.length);
        for (int i = 0; i < future.length; i++) {
            if (Double.isNaN(future[i])) {
                assertThat(labels[i]).isEqualTo(BinTokenizer.IGNORE_LABEL);
            } else {
                assertThat(labels[i]).isEqualTo(tokenizer.idOfScaled(scale.apply(future[i])));
                assertThat(Vocabulary.isBin(labels[i], tokenizer.bins())).isTrue();
            }
        }
    }

    @Property(tries = 500)
    void binningIsMonotoneAndEveryCentreLiesInItsOwnBin(@ForAll("tokenizers") BinTokenizer tokenizer,
            @ForAll("scaledValues") double first, @ForAll("scaledValues") double second) {
        double lower = Math.min(first, second);
        double upper = Math.max(first, second);
        assertThat(tokenizer.binIndex(lower)).isLessThanOrEqualTo(tokenizer.binIndex(upper));
        int index = tokenizer.binIndex(first);
        assertThat(tokenizer.binIndex(tokenizer.binCenter(index))).isEqualTo(index);
    }

    @Property(tries = 300)
    void scaledTokensDoNotDependOnTheSeriesUnit(@ForAll("windows") double[] context,
            @ForAll @IntRange(min = -20, max = 20) int powerOfTwo) {
        double factor = Math.scalb(1.0, powerOfTwo);
        double[] rescaled = Arrays.stream(context).map(v -> v * factor).toArray();
        BinTokenizer tokenizer = BinTokenizer.ofBins(4094);
        BinTokens original = tokenizer.encodeContext(context, 512);
        BinTokens changed = tokenizer.encodeContext(rescaled, 512);
        assertThat(changed.ids()).isEqualTo(original.ids());
    }

    @Property(tries = 300)
    void scaleIsPositiveFiniteAndDecodedValuesAreFinite(@ForAll("windows") double[] context,
            @ForAll("tokenizers") BinTokenizer tokenizer) {
        BinTokens tokens = tokenizer.encodeContext(context, 256);
        assertThat(tokens.scale().value()).isPositive().isFinite();
        for (int bin = 0; bin < tokenizer.bins(); bin += Math.max(1, tokenizer.bins() / 7)) {
            assertThat(tokenizer.decode(new int[] {Vocabulary.binId(bin)}, tokens.scale())[0]).isFinite();
        }
    }

    @Provide
    Arbitrary<double[]> windows() {
        return Arbitraries.oneOf(SeriesArbitraries.window(300), SeriesArbitraries.windowOfOneMagnitude(300));
    }

    @Provide
    Arbitrary<BinTokenizer> tokenizers() {
        Arbitrary<BinTokenizer> chronos = Arbitraries.just(BinTokenizer.ofBins(4094));
        Arbitrary<BinTokenizer> random = Combinators.combine(
                        Arbitraries.integers().between(2, 5000),
                        Arbitraries.doubles().between(-50, 10),
                        Arbitraries.doubles().between(0.5, 60))
                .as((bins, low, span) -> new BinTokenizer(TokenizerConfig.bins(bins, low, low + span)));
        return Arbitraries.oneOf(chronos, random);
    }

    @Provide
    Arbitrary<Double> scales() {
        return Arbitraries.integers().between(-6, 9).map(exponent -> 3.3 * Math.pow(10, exponent));
    }

    @Provide
    Arbitrary<Double> scaledValues() {
        return Arbitraries.doubles().between(-80, 80);
    }
}
