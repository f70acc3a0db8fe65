package io.tidewise.model.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Byte tokens for random text in every script. */
class ByteTokenizerPropertiesTest {
    private final ByteTokenizer tokenizer = new ByteTokenizer();

    @Property(tries = 500)
    void anyUnicodeTextRoundTrips(@ForAll("unicodeText") String text) {
        int[] ids = tokenizer.encode(text);
        assertThat(ids).hasSize(text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(java.util.Arrays.stream(ids)).allSatisfy(id -> assertThat(id).isBetween(0, 255));
        assertThat(tokenizer.decode(ids)).isEqualTo(text);
    }

    @Property(tries = 300)
    void specialIdsAnywhereDoNotChangeTheText(@ForAll("unicodeText") String text, @ForAll long seed) {
        int[] ids = tokenizer.encode(text);
        java.util.Random random = new java.util.Random(seed);
        java.util.List<Integer> withSpecials = new java.util.ArrayList<>();
        for (int id : ids) {
            if (random.nextInt(4) == 0) {
                withSpecials.add(Vocabulary.PAD + random.nextInt(4));
            }
            withSpecials.add(id);
        }
        withSpecials.add(Vocabulary.EOS);
        assertThat(tokenizer.decode(withSpecials.stream().mapToInt(Integer::intValue).toArray())).isEqualTo(text);
    }

    @Provide
    Arbitrary<String> unicodeText() {
        // Every valid code point: ASCII, CJK, astral planes; surrogate code points alone are not characters.
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0x20, 0x7E)),
                        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0x4E00, 0x9FFF)),
                        net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, Character.MAX_CODE_POINT)))
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE);
        return codePoint.list().ofMaxSize(60).map(cps -> {
            StringBuilder text = new StringBuilder();
            cps.forEach(text::appendCodePoint);
            return text.toString();
        });
    }
}
