package io.tidewise.training.loop;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.CheckpointConfig;
import io.tidewise.model.gpt.GptConfig;
import io.tidewise.training.optim.LearningRateSchedule;
import io.tidewise.training.pretrain.TextCorpus;
import io.tidewise.training.pretrain.TextObjective;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures language-model training throughput on a device: the real training loop (forward, backward, clipping,
 * AdamW) on a generated text, wall time of the steps after warm-up. Reports tokens/s, the model FLOP/s that implies
 * (nanoGPT's estimate: 6 N + 12 L C T per token) and the loss curve, so a GPU run and a CPU run of the same
 * configuration compare directly.
 */
public final class TrainingThroughput {
    private TrainingThroughput() {}

    /** What one measured run gives. */
    public record Measurement(Device device, long parameters, long tokensPerStep, int measuredSteps, double seconds,
                              double tokensPerSecond, double flopsPerSecond, List<Float> losses) {}

    /**
     * @param warmUp steps run before timing starts (allocator and kernel warm-up), excluded from the figures
     */
    public static Measurement measure(GptConfig architecture, int batch, int steps, int warmUp, Device device,
            Path scratch) throws IOException {
        if (warmUp < 0 || warmUp >= steps) {
            throw new IllegalArgumentException("warm-up steps must lie in [0, steps " + steps + "), was " + warmUp);
        }
        Path text = scratch.resolve("bench-corpus.txt");
        Files.writeString(text, generatedText(400_000), StandardCharsets.UTF_8);
        TextCorpus corpus = TextCorpus.read(List.of(text), 1_000_000, 0.05);
        int length = architecture.contextLength();
        TextObjective objective = new TextObjective(corpus, batch, length, 1);
        CheckpointConfig config = CheckpointConfig.text("bench", "1", architecture, Map.of());
        List<Float> losses = new ArrayList<>();
        long[] startNanos = new long[1];
        try (Checkpoint checkpoint = Checkpoint.create(config, 1, device)) {
            TrainingLoop.builder()
                    .setCheckpoint(checkpoint)
                    .setObjective(objective)
                    .setSchedule(new LearningRateSchedule(1e-3f, 1e-4f, Math.max(1, steps / 20), steps))
                    .optListener(report -> {
                        losses.add(report.loss());
                        if (report.step() == warmUp - 1 || (warmUp == 0 && startNanos[0] == 0)) {
                            startNanos[0] = System.nanoTime();
                        }
                    })
                    .build()
                    .run();
            double seconds = (System.nanoTime() - startNanos[0]) / 1e9;
            int measured = warmUp == 0 ? steps - 1 : steps - warmUp;
            long tokensPerStep = objective.tokensPerStep();
            double tokensPerSecond = tokensPerStep * measured / seconds;
            long parameters = checkpoint.gpt().parameterCount();
            long embedding = 0;
            for (Pair<String, Parameter> parameter : checkpoint.gpt().embedding().getParameters()) {
                embedding += parameter.getValue().getArray().size();
            }
            double flopsPerToken = 6.0 * (parameters - embedding)
                    + 12.0 * architecture.layers() * architecture.width() * length;
            return new Measurement(device, parameters, tokensPerStep, measured, seconds, tokensPerSecond,
                    flopsPerToken * tokensPerSecond, losses);
        }
    }

    /** Deterministic text with structure a model can learn in a few hundred steps (numbers, repeated phrasing). */
    static String generatedText(int bytes) {
        StringBuilder text = new StringBuilder(bytes + 100);
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        String[] stations = {"Harbor", "Pier 9", "North Bay", "Estuary", "潮州港", "Lighthouse"};
        while (text.length() < bytes) {
            int hour = random.nextInt(24);
            text.append("At ").append(String.format(java.util.Locale.ROOT, "%02d:%02d", hour, random.nextInt(60)))
                    .append(" the tide at ").append(stations[random.nextInt(stations.length)]).append(" stood at ")
                    .append(120 + (int) (80 * Math.sin(hour * Math.PI / 6.2))).append(" cm.\n");
        }
        return text.toString();
    }

    /**
     * The device's own float32 matrix-multiply rate, measured with the engine and threads training uses: square
     * products of {@code size} x {@code size} matrices, {@code 2 size^3} operations each, after two untimed ones.
     * Training's model FLOP/s over this is how much of the cores a training run uses.
     *
     * @return operations per second
     */
    public static double matMulPeak(Device device, int size, int repeats) {
        try (ai.djl.ndarray.NDManager manager = ai.djl.ndarray.NDManager.newBaseManager(device)) {
            ai.djl.ndarray.NDArray a = manager.randomNormal(new ai.djl.ndarray.types.Shape(size, size));
            ai.djl.ndarray.NDArray b = manager.randomNormal(new ai.djl.ndarray.types.Shape(size, size));
            for (int i = 0; i < 2; i++) {
                a.matMul(b).close();
            }
            long start = System.nanoTime();
            for (int i = 0; i < repeats; i++) {
                try (ai.djl.ndarray.NDArray product = a.matMul(b)) {
                    product.getFloat(0, 0); // forces the product on devices that run asynchronously
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return 2.0 * size * size * (double) size * repeats / seconds;
        }
    }
}
