package io.tidewise.model.gpt;

/** How a token learns where it sits in the sequence. */
public enum PositionEncoding {
    /** A trained table of one vector per position, added to the token embedding (GPT-2). */
    LEARNED,
    /**
     * Rotary embeddings applied to queries and keys (RoFormer): no parameters, and attention sees only relative
     * distances, so a sequence may start at any position.
     */
    ROTARY
}
