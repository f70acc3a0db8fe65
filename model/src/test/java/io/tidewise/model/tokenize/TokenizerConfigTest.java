package io.tidewise.model.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import org.junit.jupiter.api.Test;

class TokenizerConfigTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void factoriesGiveChronosDefaults() {
        TokenizerConfig patches = TokenizerConfig.patches(16);
        assertThat(patches.kind()).isEqualTo(TokenizerKind.PATCH);
        assertThat(patches.patchLength()).isEqualTo(16);
        assertThat(TokenizerConfig.defaults()).isEqualTo(patches);

        TokenizerConfig bins = TokenizerConfig.bins(4094);
        assertThat(bins.kind()).isEqualTo(TokenizerKind.BIN);
        assertThat(bins.bins()).isEqualTo(4094);
        assertThat(bins.low()).isEqualTo(-15.0);
        assertThat(bins.high()).isEqualTo(15.0);
        assertThat(bins.vocabularySize()).isEqualTo(260 + 4094);
        assertThat(patches.vocabularySize()).isEqualTo(Vocabulary.TEXT_SIZE);
    }

    @Test
    void createGivesTheTokenizerOfTheKind() {
        SeriesTokenizer patches = TokenizerConfig.patches(8).create();
        assertThat(patches).isInstanceOf(PatchTokenizer.class);
        assertThat(patches.kind()).isEqualTo(TokenizerKind.PATCH);
        assertThat(((PatchTokenizer) patches).patchLength()).isEqualTo(8);

        SeriesTokenizer bins = TokenizerConfig.bins(100, -5, 5).create();
        assertThat(bins).isInstanceOf(BinTokenizer.class);
        assertThat(bins.kind()).isEqualTo(TokenizerKind.BIN);
        assertThat(bins.config()).isEqualTo(TokenizerConfig.bins(100, -5, 5));
    }

    @Test
    void validationNamesTheFieldAndTheValue() {
        assertThatThrownBy(() -> TokenizerConfig.patches(0)).hasMessage("patchLength must be positive, was 0");
        assertThatThrownBy(() -> TokenizerConfig.patches(-3)).hasMessage("patchLength must be positive, was -3");
        assertThatThrownBy(() -> TokenizerConfig.bins(1)).hasMessageStartingWith("bins must be between 2 and ")
                .hasMessageEndingWith(", was 1");
        assertThatThrownBy(() -> TokenizerConfig.bins(10, 3, 3)).hasMessage("low must be below high, was low=3.0, high=3.0");
        assertThatThrownBy(() -> TokenizerConfig.bins(10, 4, -4)).hasMessage("low must be below high, was low=4.0, high=-4.0");
        assertThatThrownBy(() -> TokenizerConfig.bins(10, Double.NaN, 4)).hasMessage("low must be a finite number, was NaN");
        assertThatThrownBy(() -> TokenizerConfig.bins(10, 0, Double.POSITIVE_INFINITY))
                .hasMessage("high must be a finite number, was Infinity");
        assertThatThrownBy(() -> TokenizerConfig.bins(10, -Double.MAX_VALUE, Double.MAX_VALUE))
                .hasMessageStartingWith("high - low must be a finite number");
        assertThatThrownBy(() -> new TokenizerConfig(null, 16, 4094, -15, 15)).hasMessage("kind is required but was null");
    }

    @Test
    void eachKindValidatesOnlyTheFieldsItUses() {
        // A patch model never reads bins, so a checkpoint written with zeros there still loads.
        assertThat(new TokenizerConfig(TokenizerKind.PATCH, 16, 0, 0, 0).patchLength()).isEqualTo(16);
        assertThat(new TokenizerConfig(TokenizerKind.BIN, 0, 8, -1, 1).bins()).isEqualTo(8);
    }

    @Test
    void tokenizerRefusesAConfigOfTheOtherKind() {
        assertThatThrownBy(() -> new PatchTokenizer(TokenizerConfig.bins(10)))
                .hasMessage("config.kind must be PATCH, was BIN");
        assertThatThrownBy(() -> new BinTokenizer(TokenizerConfig.patches(16)))
                .hasMessage("config.kind must be BIN, was PATCH");
    }

    @Test
    void serialisesAsPlainJsonAndBack() throws Exception {
        TokenizerConfig config = TokenizerConfig.bins(1024, -10, 12.5);
        String text = json.writeValueAsString(config);
        assertThat(json.readTree(text)).isEqualTo(json.readTree(
                "{\"kind\":\"BIN\",\"patchLength\":16,\"bins\":1024,\"low\":-10.0,\"high\":12.5}"));
        assertThat(json.readValue(text, TokenizerConfig.class)).isEqualTo(config);
        TokenizerConfig patches = TokenizerConfig.patches(32);
        assertThat(json.readValue(json.writeValueAsString(patches), TokenizerConfig.class)).isEqualTo(patches);
    }

    @Test
    void readingAnInvalidConfigFailsWithTheFieldAndValue() {
        String text = "{\"kind\":\"PATCH\",\"patchLength\":-2,\"bins\":4094,\"low\":-15.0,\"high\":15.0}";
        assertThatThrownBy(() -> json.readValue(text, TokenizerConfig.class))
                .isInstanceOf(ValueInstantiationException.class)
                .hasRootCauseMessage("patchLength must be positive, was -2");
    }
}
