package io.tidewise.model.tokenize;

/** The two ways a series window becomes tokens; everything else in the model is shared. */
public enum TokenizerKind {
    /** P consecutive scaled values and their mask form one token; direct multi-step quantile head (default). */
    PATCH,
    /** Each scaled value is one of B uniform bins, in the text vocabulary; next-token head, sampled paths. */
    BIN
}
