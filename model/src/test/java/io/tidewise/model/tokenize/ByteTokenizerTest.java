package io.tidewise.model.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteTokenizerTest {
    private final ByteTokenizer tokenizer = new ByteTokenizer();

    @Test
    void englishIsOneIdPerAsciiCharacter() {
        assertThat(tokenizer.encode("Tide 42!")).containsExactly('T', 'i', 'd', 'e', ' ', '4', '2', '!');
        assertThat(tokenizer.decode(tokenizer.encode("The tide rises at 06:12."))).isEqualTo("The tide rises at 06:12.");
    }

    @Test
    void chineseIsThreeUtf8BytesPerCharacter() {
        // 潮 is U+6F6E: UTF-8 E6 BD AE; 汐 is U+6C50: UTF-8 E6 B1 90.
        assertThat(tokenizer.encode("潮汐")).containsExactly(0xE6, 0xBD, 0xAE, 0xE6, 0xB1, 0x90);
        String sentence = "潮汐预测：明天早上六点涨潮。";
        assertThat(tokenizer.encode(sentence)).hasSize(sentence.length() * 3);
        assertThat(tokenizer.decode(tokenizer.encode(sentence))).isEqualTo(sentence);
    }

    @Test
    void mixedScriptsAndAstralCharactersRoundTrip() {
        String text = "Ebbe und Flut — 涨潮 📈 (high tide), naïve café, Ωμέγα, עברית";
        assertThat(tokenizer.decode(tokenizer.encode(text))).isEqualTo(text);
        assertThat(tokenizer.encode("📈")).containsExactly(0xF0, 0x9F, 0x93, 0x88);
        assertThat(tokenizer.encode("")).isEmpty();
        assertThat(tokenizer.decode(new int[0])).isEmpty();
    }

    @Test
    void decodeSkipsIdsThatAreNotBytes() {
        int[] ids = {Vocabulary.BOS, 'h', Vocabulary.PAD, 'i', Vocabulary.FIRST_BIN + 5, -1, Vocabulary.EOS};
        assertThat(tokenizer.decode(ids)).isEqualTo("hi");
    }

    @Test
    void decodeReplacesMalformedUtf8() {
        // A model may stop in the middle of a character: E6 BD is the start of 潮 without its last byte.
        assertThat(tokenizer.decode(new int[] {'a', 0xE6, 0xBD})).isEqualTo("a\uFFFD");
    }

    @Test
    void unpairedSurrogateIsRejectedWithItsIndex() {
        assertThatThrownBy(() -> tokenizer.encode("ab\uD83Dc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("text holds an unpaired surrogate U+D83D at index 2, which has no UTF-8 encoding");
        assertThatThrownBy(() -> tokenizer.encode("\uDC88")).hasMessageContaining("U+DC88 at index 0");
    }
}
