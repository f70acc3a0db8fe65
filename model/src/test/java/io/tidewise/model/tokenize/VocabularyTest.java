package io.tidewise.model.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void layoutIsBytesThenSpecialsThenBins() {
        assertThat(new int[] {Vocabulary.PAD, Vocabulary.BOS, Vocabulary.EOS, Vocabulary.MISSING, Vocabulary.FIRST_BIN})
                .containsExactly(256, 257, 258, 259, 260);
        assertThat(Vocabulary.TEXT_SIZE).isEqualTo(260);
        assertThat(Vocabulary.size(4094)).isEqualTo(4354);
        assertThat(Vocabulary.size(0)).isEqualTo(Vocabulary.TEXT_SIZE);
    }

    @Test
    void classifiesIds() {
        assertThat(Vocabulary.isByte(0)).isTrue();
        assertThat(Vocabulary.isByte(255)).isTrue();
        assertThat(Vocabulary.isByte(256)).isFalse();
        assertThat(Vocabulary.isByte(-1)).isFalse();
        assertThat(Vocabulary.isSpecial(Vocabulary.PAD)).isTrue();
        assertThat(Vocabulary.isSpecial(Vocabulary.MISSING)).isTrue();
        assertThat(Vocabulary.isSpecial(Vocabulary.FIRST_BIN)).isFalse();
        assertThat(Vocabulary.isBin(260, 2)).isTrue();
        assertThat(Vocabulary.isBin(261, 2)).isTrue();
        assertThat(Vocabulary.isBin(262, 2)).isFalse();
        assertThat(Vocabulary.isBin(259, 2)).isFalse();
        assertThat(Vocabulary.binId(7)).isEqualTo(267);
        assertThat(Vocabulary.binIndex(267)).isEqualTo(7);
    }

    @Test
    void rejectsImpossibleSizesAndIds() {
        assertThatThrownBy(() -> Vocabulary.size(-1)).hasMessageContaining("bins").hasMessageEndingWith("was -1");
        assertThatThrownBy(() -> Vocabulary.binIndex(Vocabulary.MISSING))
                .hasMessage("id must be a bin id (at least 260), was 259");
        assertThatThrownBy(() -> Vocabulary.binId(-3)).hasMessageEndingWith("was -3");
    }
}
