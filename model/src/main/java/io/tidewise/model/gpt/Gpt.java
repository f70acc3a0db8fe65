package io.tidewise.model.gpt;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The decoder-only GPT: an input embedding, the shared {@link DecoderStack}, and a head. Two kinds share the stack:
 * {@link GptKind#TOKENS} (byte text and bin tokens in one table, next-token logits out) and
 * {@link GptKind#PATCHES} (patches of scaled values in, direct multi-step quantiles out).
 *
 * <p>Dimension letters used across this package: B batch, T tokens in the sequence (new tokens when a cache is
 * used), S tokens already cached, C width, nh attention heads, hs head size, V vocabulary size, P patch length,
 * R head reach in values, Q quantile levels.
 *
 * <p>As a plain DJL {@link Block} (what a trainer calls) it runs a full causal pass and returns the head's output
 * at every position: logits (B, T, V) or quantiles (B, T, R, Q) in the window's standardised units.
 * {@link #predictNext} is the inference path and {@link #predictLast} the patch model's training path: the head at the
 * last position only. A patch model hides padding from attention: a patch with nothing observed is never attended
 * to (left padding of a short context, or a gap), so a 20-value series is read from its 2 real tokens alone.
 */
public final class Gpt extends AbstractBlock {
    private static final float INIT_STD = 0.02f;

    private final GptConfig config;
    private final GptKind kind;
    private final Block embedding;
    private final DecoderStack stack;
    private final Block head;

    private Gpt(Builder builder) {
        this.config = builder.config;
        this.kind = builder.vocabularySize > 0 ? GptKind.TOKENS : GptKind.PATCHES;
        if (kind == GptKind.TOKENS) {
            this.embedding = addChildBlock("embedding", new TokenEmbedding(builder.vocabularySize, config.width()));
        } else {
            this.embedding = addChildBlock("embedding", new PatchEmbedding(builder.patchLength, config.width()));
        }
        this.stack = addChildBlock("stack", new DecoderStack(config));
        if (kind == GptKind.TOKENS) {
            this.head = addChildBlock("head", new NextTokenHead(builder.vocabularySize));
        } else {
            this.head = addChildBlock("head", new QuantileHead(config.width(), builder.reach, builder.quantiles));
        }
        // GPT-2's initialisation: N(0, 0.02) everywhere, residual projections shrunk by sqrt(2 * layers) so the
        // residual stream's variance does not grow with depth
        setInitializer(new NormalInitializer(INIT_STD), Parameter.Type.WEIGHT);
        NormalInitializer residual = new NormalInitializer((float) (INIT_STD / Math.sqrt(2.0 * config.layers())));
        for (DecoderBlock block : stack.blocks()) {
            block.attention().projection().setInitializer(residual, Parameter.Type.WEIGHT);
            block.mlp().projection().setInitializer(residual, Parameter.Type.WEIGHT);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public GptConfig config() {
        return config;
    }

    public GptKind kind() {
        return kind;
    }

    /** {@link TokenEmbedding} or {@link PatchEmbedding}. */
    public Block embedding() {
        return embedding;
    }

    public DecoderStack stack() {
        return stack;
    }

    /** {@link NextTokenHead} or {@link QuantileHead}. */
    public Block head() {
        return head;
    }

    /** A fresh cache for incremental decoding with this network; the caller closes it. */
    public KvCache newCache(NDManager manager) {
        return new KvCache(manager, config.layers());
    }

    /** Input shapes for {@link #initialize}: ids (B, T), or values and mask (B, T, P) each. */
    public Shape[] inputShapes(int batch, int tokens) {
        if (kind == GptKind.TOKENS) {
            return new Shape[] {new Shape(batch, tokens)};
        }
        int patchLength = ((PatchEmbedding) embedding).patchLength();
        return new Shape[] {new Shape(batch, tokens, patchLength), new Shape(batch, tokens, patchLength)};
    }

    /**
     * Inference step: embeds the inputs, continues the cached sequence if a cache is given (extending it), and
     * applies the head to the last position only.
     *
     * @param inputs ids (B, T), or values and mask (B, T, P) each
     * @param cache  null for a full pass from position 0
     * @return logits (B, V), or scaled quantiles (B, R, Q)
     */
    public NDArray predictNext(ParameterStore parameterStore, NDList inputs, KvCache cache) {
        return last(parameterStore, inputs, false, cache);
    }

    /**
     * The head at the last position of a full pass, in training or inference mode: what a patch model is trained on,
     * exactly what {@link #predictNext} forecasts with.
     *
     * @param inputs values and mask (B, T, P) each
     * @return scaled quantiles (B, R, Q)
     */
    public NDArray predictLast(ParameterStore parameterStore, NDList inputs, boolean training) {
        return last(parameterStore, inputs, training, null);
    }

    private NDArray last(ParameterStore parameterStore, NDList inputs, boolean training, KvCache cache) {
        NDArray hidden = hidden(parameterStore, inputs, training, cache); // (B, T, C)
        long tokens = hidden.getShape().get(1);
        NDArray last = hidden.get(new NDIndex(":, {}:", tokens - 1)); // (B, 1, C)
        NDArray out = head.forward(parameterStore, new NDList(last), training).singletonOrThrow(); // (B, 1, V|R, Q)
        return out.squeeze(1); // (B, V) or (B, R, Q)
    }

    /**
     * Additive attention scores that hide every patch with nothing observed: 0 for a patch holding at least one
     * observed value, a large negative number otherwise. Null for token models (their padding is a PAD id that
     * text pretraining taught them to read).
     *
     * @param inputs values and mask (B, T, P) each
     * @return (B, 1, 1, T), or null
     */
    NDArray keyPadding(NDList inputs) {
        if (kind != GptKind.PATCHES) {
            return null;
        }
        NDArray mask = inputs.get(1); // (B, T, P)
        NDArray empty = mask.max(new int[] {2}).lte(0f).toType(DataType.FLOAT32, false); // (B, T)
        return empty.mul(CausalSelfAttention.MASKED).expandDims(1).expandDims(1); // (B, 1, 1, T)
    }

    private NDArray hidden(ParameterStore parameterStore, NDList inputs, boolean training, KvCache cache) {
        NDArray embedded = embedding.forward(parameterStore, inputs, training).singletonOrThrow(); // (B, T, C)
        return stack.forward(parameterStore, embedded, training, cache, keyPadding(inputs)); // (B, T, C)
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray hidden = hidden(parameterStore, inputs, training, null); // (B, T, C)
        return head.forward(parameterStore, new NDList(hidden), training); // (B, T, V) or (B, T, R, Q)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] embedded = embedding.getOutputShapes(inputShapes);
        return head.getOutputShapes(embedded);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        embedding.initialize(manager, dataType, inputShapes);
        Shape[] embedded = embedding.getOutputShapes(inputShapes);
        stack.initialize(manager, dataType, embedded);
        head.initialize(manager, dataType, embedded);
    }

    /** Number of trainable values in every parameter of the network. */
    public long parameterCount() {
        long count = 0;
        for (Pair<String, Parameter> parameter : getParameters()) {
            count += parameter.getValue().getArray().size();
        }
        return count;
    }

    /**
     * Replaces this network's stack parameters with {@code source}'s, e.g. blocks pretrained on text loaded into a
     * series model. Both stacks must have the same configuration.
     *
     * @param manager owns the copied parameters (the model's manager)
     */
    public void loadStackFrom(Gpt source, NDManager manager) {
        if (!source.config.equals(config)) {
            throw new IllegalArgumentException("source stack config must equal this stack's " + config + ", was "
                    + source.config);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            source.stack.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialise the source stack", e);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            stack.loadParameters(manager, in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the source stack", e);
        } catch (MalformedModelException e) {
            throw new IllegalStateException("source stack parameters do not fit this stack", e);
        }
    }

    /**
     * Replaces every parameter of this network with a copy of {@code source}'s: continuing a trained series model,
     * or adapting a copy of it without touching the original. Both networks must have the same shape.
     */
    public void copyParametersFrom(Gpt source) {
        ai.djl.nn.ParameterList from = source.getParameters();
        ai.djl.nn.ParameterList to = getParameters();
        if (from.size() != to.size() || !source.config.equals(config) || source.kind != kind) {
            throw new IllegalArgumentException("source network must have this network's shape (" + kind + ", "
                    + config + ", " + to.size() + " parameters), was " + source.kind + ", " + source.config + ", "
                    + from.size() + " parameters");
        }
        for (int i = 0; i < to.size(); i++) {
            NDArray target = to.valueAt(i).getArray();
            NDArray value = from.valueAt(i).getArray();
            if (!target.getShape().equals(value.getShape())) {
                throw new IllegalArgumentException("parameter " + to.keyAt(i) + " must have shape " + target.getShape()
                        + ", the source's was " + value.getShape());
            }
            target.set(value.toFloatArray());
        }
    }

    /** {@code set*} values are required, and exactly one of {@link #setTokens} and {@link #setPatches}. */
    public static final class Builder {
        private GptConfig config;
        private int vocabularySize;
        private int patchLength;
        private int reach;
        private int quantiles;

        private Builder() {}

        public Builder setConfig(GptConfig config) {
            this.config = config;
            return this;
        }

        /** A {@link GptKind#TOKENS} network over ids {@code 0..vocabularySize-1}. */
        public Builder setTokens(int vocabularySize) {
            this.vocabularySize = vocabularySize;
            return this;
        }

        /** A {@link GptKind#PATCHES} network: patches of {@code patchLength} in, {@code reach x quantiles} out. */
        public Builder setPatches(int patchLength, int reach, int quantiles) {
            this.patchLength = patchLength;
            this.reach = reach;
            this.quantiles = quantiles;
            return this;
        }

        public Gpt build() {
            if (config == null) {
                throw new IllegalArgumentException("config is required but was null");
            }
            boolean tokens = vocabularySize != 0;
            boolean patches = patchLength != 0 || reach != 0 || quantiles != 0;
            if (tokens == patches) {
                throw new IllegalArgumentException(
                        "exactly one of setTokens and setPatches must be called, was " + (tokens ? "both" : "neither"));
            }
            if (tokens && vocabularySize < 2) {
                throw new IllegalArgumentException("vocabularySize must be at least 2, was " + vocabularySize);
            }
            if (patches) {
                requirePositive(patchLength, "patchLength");
                requirePositive(reach, "reach");
                requirePositive(quantiles, "quantiles");
            }
            return new Gpt(this);
        }

        private static void requirePositive(int value, String field) {
            if (value <= 0) {
                throw new IllegalArgumentException(field + " must be positive, was " + value);
            }
        }
    }
}
