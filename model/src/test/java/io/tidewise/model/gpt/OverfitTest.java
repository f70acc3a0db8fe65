package io.tidewise.model.gpt;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.tidewise.model.forecast.ModelInputs;
import io.tidewise.model.tokenize.BinTokenizer;
import io.tidewise.model.tokenize.BinTokens;
import io.tidewise.model.tokenize.PatchTokenizer;
import io.tidewise.model.tokenize.PatchTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A tiny model learns a short periodic series by heart with either head: the training loss falls by at least 90%,
 * and after the first backward pass every parameter of every block, embedding and head has a non-zero gradient.
 */
class OverfitTest {
    private static final int PERIOD = 8;
    private static final int WINDOWS = PERIOD; // every phase of the cycle once
    // pinball gradients have a constant size, so quantile heads need more, decaying steps than cross-entropy
    private static final int PATCH_STEPS = 600; // the head starts at the patch level (Gpt.patchLevels), so the first loss is already low
    private static final int BIN_STEPS = 150;

    private static final int PATCH = 4;
    private static final int TOKENS = 8;
    private static final int REACH = 4;
    private static final float[] LEVELS = {0.1f, 0.5f, 0.9f};

    @Test
    void patchModelOverfitsAPeriodicSeries() {
        GptConfig config = config(PositionEncoding.LEARNED, TOKENS);
        Gpt gpt = Gpt.builder().setConfig(config).setPatches(PATCH, REACH, LEVELS.length).build();
        PatchTokenizer tokenizer = PatchTokenizer.ofPatchLength(PATCH);
        int contextLength = TOKENS * PATCH;

        List<PatchTokens> contexts = new ArrayList<>();
        float[] labels = new float[WINDOWS * TOKENS * REACH]; // (B, T, R): the R values after each token
        for (int window = 0; window < WINDOWS; window++) {
            double[] values = periodic(window, contextLength + REACH);
            PatchTokens context = tokenizer.encodeContext(java.util.Arrays.copyOf(values, contextLength), TOKENS);
            contexts.add(context);
            for (int token = 0; token < TOKENS; token++) {
                for (int step = 0; step < REACH; step++) {
                    double next = values[(token + 1) * PATCH + step];
                    labels[(window * TOKENS + token) * REACH + step] = (float) context.scale().apply(next);
                }
            }
        }
        Loss pinball = new Loss("pinball") {
            @Override
            public NDArray evaluate(NDList target, NDList prediction) {
                NDArray quantiles = prediction.singletonOrThrow(); // (B, T, R, Q)
                NDArray levels = quantiles.getManager().create(LEVELS); // (Q)
                NDArray error = target.singletonOrThrow().expandDims(3).sub(quantiles); // (B, T, R, Q)
                return error.mul(levels).maximum(error.mul(levels.sub(1))).mean();
            }
        };
        float[] losses = train(gpt, pinball, PATCH_STEPS,
                manager -> ModelInputs.patches(manager, contexts, TOKENS),
                manager -> new NDList(manager.create(labels, new Shape(WINDOWS, TOKENS, REACH))));

        assertThat(finalLoss(losses)).as("final loss of %s", java.util.Arrays.toString(losses))
                .isLessThanOrEqualTo(0.1f * losses[0]);
    }

    @Test
    void binModelOverfitsAPeriodicSeries() {
        BinTokenizer tokenizer = BinTokenizer.ofBins(100);
        int length = 24;
        GptConfig config = config(PositionEncoding.ROTARY, length);
        Gpt gpt = Gpt.builder().setConfig(config).setTokens(tokenizer.vocabularySize()).build();

        List<BinTokens> inputs = new ArrayList<>();
        int[] labels = new int[WINDOWS * length]; // (B, T): the id of the value after each token
        for (int window = 0; window < WINDOWS; window++) {
            double[] values = periodic(window, length + 1);
            BinTokens context = tokenizer.encodeContext(java.util.Arrays.copyOf(values, length), length);
            inputs.add(context);
            int[] next = tokenizer.encodeLabels(java.util.Arrays.copyOfRange(values, 1, length + 1), context.scale());
            for (int t = 0; t < length; t++) {
                labels[window * length + t] = next[t];
            }
        }
        int vocabulary = tokenizer.vocabularySize();
        Loss crossEntropy = new Loss("crossEntropy") {
            @Override
            public NDArray evaluate(NDList target, NDList prediction) {
                NDArray logProbabilities = prediction.singletonOrThrow().logSoftmax(2); // (B, T, V)
                NDArray chosen = target.singletonOrThrow().oneHot(vocabulary); // (B, T, V)
                return logProbabilities.mul(chosen).sum(new int[] {2}).mean().neg();
            }
        };
        float[] losses = train(gpt, crossEntropy, BIN_STEPS,
                manager -> new NDList(ModelInputs.binIds(manager, inputs, length)),
                manager -> new NDList(manager.create(labels, new Shape(WINDOWS, length))));

        assertThat(losses[0]).isGreaterThan(4f); // ~ln(360) before training: the test starts from ignorance
        assertThat(finalLoss(losses)).as("final loss of %s", java.util.Arrays.toString(losses))
                .isLessThanOrEqualTo(0.1f * losses[0]);
    }

    private static float[] train(Gpt gpt, Loss loss, int steps, Function<NDManager, NDList> inputs,
            Function<NDManager, NDList> labels) {
        float[] losses = new float[steps];
        try (Model model = Model.newInstance("overfit", Device.cpu())) {
            model.setBlock(gpt);
            DefaultTrainingConfig training = new DefaultTrainingConfig(loss)
                    .optInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT)
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.cosine()
                            .setBaseValue(1e-2f).optFinalValue(1e-4f).setMaxUpdates(steps).build()).build())
                    .optDevices(new Device[] {Device.cpu()});
            try (Trainer trainer = model.newTrainer(training)) {
                Engine.getInstance().setRandomSeed(17);
                trainer.initialize(gpt.inputShapes(WINDOWS, TOKENS));
                for (int step = 0; step < steps; step++) {
                    try (NDManager stepManager = trainer.getManager().newSubManager()) {
                        NDList x = inputs.apply(stepManager);
                        NDList y = labels.apply(stepManager);
                        try (GradientCollector collector = trainer.newGradientCollector()) {
                            NDArray value = loss.evaluate(y, trainer.forward(x));
                            collector.backward(value);
                            losses[step] = value.getFloat();
                        }
                        if (step == 0) {
                            assertEveryParameterHasAGradient(gpt);
                        }
                        trainer.step();
                    }
                }
            }
        }
        return losses;
    }

    private static void assertEveryParameterHasAGradient(Gpt gpt) {
        for (Pair<String, Parameter> parameter : gpt.getParameters()) {
            try (NDArray gradient = parameter.getValue().getArray().getGradient()) {
                assertThat(gradient.abs().sum().getFloat())
                        .as("gradient of %s", parameter.getKey())
                        .isGreaterThan(0f);
            }
        }
    }

    private static float finalLoss(float[] losses) {
        float sum = 0;
        for (int i = losses.length - 5; i < losses.length; i++) {
            sum += losses[i];
        }
        return sum / 5;
    }

    private static GptConfig config(PositionEncoding positions, int contextLength) {
        return GptConfig.builder()
                .optLayers(2)
                .optWidth(32)
                .optHeads(4)
                .optContextLength(contextLength)
                .optDropout(0f)
                .optPositions(positions)
                .build();
    }

    /** {@code length} values of a cycle of {@link #PERIOD} steps around 10, starting at phase {@code offset}. */
    private static double[] periodic(int offset, int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            int phase = (offset + i) % PERIOD;
            values[i] = 10 + 3 * Math.sin(2 * Math.PI * phase / PERIOD) + (phase == 0 ? 2 : 0);
        }
        return values;
    }
}
