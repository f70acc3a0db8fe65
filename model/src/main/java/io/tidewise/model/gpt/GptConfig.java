package io.tidewise.model.gpt;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The shape of the decoder stack, shared by the text model and both series models so that blocks trained on one
 * can be loaded into another.
 *
 * @param layers        number of decoder blocks
 * @param width         embedding width C; every token is a vector of this size between blocks
 * @param heads         attention heads; {@code width} must divide evenly into them
 * @param contextLength the most tokens one sequence may hold, the KV cache included
 * @param dropout       dropout rate in [0, 1) on attention weights and residual branches while training
 * @param positions     learned or rotary positions
 */
public record GptConfig(
        @JsonProperty("layers") int layers,
        @JsonProperty("width") int width,
        @JsonProperty("heads") int heads,
        @JsonProperty("contextLength") int contextLength,
        @JsonProperty("dropout") float dropout,
        @JsonProperty("positions") PositionEncoding positions) {

    @JsonCreator
    public GptConfig {
        requirePositive(layers, "layers");
        requirePositive(width, "width");
        requirePositive(heads, "heads");
        requirePositive(contextLength, "contextLength");
        if (width % heads != 0) {
            throw new IllegalArgumentException(
                    "width must be a multiple of heads, was width " + width + " with heads " + heads);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must lie in [0, 1), was " + dropout);
        }
        if (positions == null) {
            throw new IllegalArgumentException("positions is required but was null");
        }
        if (positions == PositionEncoding.ROTARY && (width / heads) % 2 != 0) {
            throw new IllegalArgumentException("rotary positions need an even head size (width / heads), was "
                    + width / heads);
        }
    }

    /** Width of one attention head, {@code hs = C / nh}. */
    public int headSize() {
        return width / heads;
    }

    public static Builder builder() {
        return new Builder();
    }

    private static void requirePositive(int value, String field) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }

    /** Every value has a default; the defaults are the shipped model's size. */
    public static final class Builder {
        private int layers = 4; // 4 x d=256 forecasts 64 series of 512 values in about a second on 2 CPU cores
        private int width = 256;
        private int heads = 8; // head size 32
        private int contextLength = 512; // 512 tokens: 8192 values as patches of 16, or 512 values as bins
        private float dropout = 0.1f;
        private PositionEncoding positions = PositionEncoding.LEARNED;

        private Builder() {}

        public Builder optLayers(int layers) {
            this.layers = layers;
            return this;
        }

        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        public Builder optHeads(int heads) {
            this.heads = heads;
            return this;
        }

        public Builder optContextLength(int contextLength) {
            this.contextLength = contextLength;
            return this;
        }

        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        public Builder optPositions(PositionEncoding positions) {
            this.positions = positions;
            return this;
        }

        public GptConfig build() {
            return new GptConfig(layers, width, heads, contextLength, dropout, positions);
        }
    }
}
