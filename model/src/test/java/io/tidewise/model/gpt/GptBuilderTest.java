package io.tidewise.model.gpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Configurations and builders refuse bad values with a message naming the field and the value. */
class GptBuilderTest {

    @Test
    void defaultsAreTheShippedModelSize() {
        GptConfig config = GptConfig.builder().build();
        assertThat(config).isEqualTo(new GptConfig(4, 256, 8, 512, 0.1f, PositionEncoding.LEARNED));
        assertThat(config.headSize()).isEqualTo(32);
    }

    @Test
    void configRefusesBadValues() {
        assertThatThrownBy(() -> GptConfig.builder().optLayers(0).build()).hasMessage("layers must be positive, was 0");
        assertThatThrownBy(() -> GptConfig.builder().optWidth(100).optHeads(8).build())
                .hasMessage("width must be a multiple of heads, was width 100 with heads 8");
        assertThatThrownBy(() -> GptConfig.builder().optDropout(1f).build())
                .hasMessage("dropout must lie in [0, 1), was 1.0");
        assertThatThrownBy(() -> GptConfig.builder().optWidth(24).optHeads(8).optPositions(PositionEncoding.ROTARY)
                        .build())
                .hasMessage("rotary positions need an even head size (width / heads), was 3");
        assertThatThrownBy(() -> GptConfig.builder().optPositions(null).build())
                .hasMessage("positions is required but was null");
    }

    @Test
    void builderNeedsExactlyOneKindOfInput() {
        GptConfig config = GptTestSupport.tinyConfig(PositionEncoding.LEARNED);
        assertThatThrownBy(() -> Gpt.builder().setTokens(10).build()).hasMessage("config is required but was null");
        assertThatThrownBy(() -> Gpt.builder().setConfig(config).build())
                .hasMessage("exactly one of setTokens and setPatches must be called, was neither");
        assertThatThrownBy(() -> Gpt.builder().setConfig(config).setTokens(10).setPatches(4, 2, 3).build())
                .hasMessage("exactly one of setTokens and setPatches must be called, was both");
        assertThatThrownBy(() -> Gpt.builder().setConfig(config).setPatches(4, 0, 3).build())
                .hasMessage("reach must be positive, was 0");
        assertThatThrownBy(() -> Gpt.builder().setConfig(config).setTokens(1).build())
                .hasMessage("vocabularySize must be at least 2, was 1");
        assertThat(Gpt.builder().setConfig(config).setPatches(4, 2, 3).build().kind()).isEqualTo(GptKind.PATCHES);
        assertThat(Gpt.builder().setConfig(config).setTokens(10).build().kind()).isEqualTo(GptKind.TOKENS);
    }
}
