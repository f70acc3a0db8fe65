package io.tidewise.model.gpt;

/** What goes into and comes out of the shared stack. */
public enum GptKind {
    /** Token ids in (bytes of text, bins of series values); next-token logits out. */
    TOKENS,
    /** Patches of scaled values with their mask in; quantiles of the next R values out. */
    PATCHES
}
