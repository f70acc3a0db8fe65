package io.tidewise.training.pretrain;

import ai.djl.Device;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.CheckpointConfig;
import io.tidewise.model.gpt.GptConfig;
import io.tidewise.training.loop.TrainingLoop;
import io.tidewise.training.loop.TrainingProgress;
import io.tidewise.training.optim.LearningRateSchedule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code train pretrain}: the GPT on UTF-8 text, reporting held-out bits per byte before and after. */
public final class Pretrainer {
    private static final int HELD_OUT_WINDOWS = 32;

    private Pretrainer() {}

    /**
     * @param corpus        .txt/.jsonl files, optionally gzipped
     * @param bytesPerFile  most bytes read from each file
     * @param architecture  the decoder stack; its context length is the training window
     * @param output        the checkpoint directory, also the resumable state: an interrupted run continues there
     */
    public record Options(List<Path> corpus, long bytesPerFile, GptConfig architecture, int steps, int batch,
                          float learningRate, int warmUpSteps, long seed, int checkpointEvery, Path output,
                          String name, String version, Device device, boolean showProgress) {}

    /** Held-out bits per byte at the start (NaN when resumed) and the end, and the run's losses. */
    public record Result(Path checkpoint, double initialBitsPerByte, double finalBitsPerByte, List<Float> losses,
                         double seconds, long tokens) {}

    public static Result run(Options options) throws IOException {
        TextCorpus corpus = TextCorpus.read(options.corpus(), options.bytesPerFile(), 0.02);
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("objective", "next-byte language modelling (UTF-8)");
        provenance.put("corpus", options.corpus().stream().map(p -> p.getFileName().toString()).toList());
        provenance.put("trainingBytes", corpus.trainingBytes());
        provenance.put("heldOutBytes", corpus.heldOutBytes());
        provenance.put("steps", options.steps());
        provenance.put("batch", options.batch());
        provenance.put("learningRate", options.learningRate());
        provenance.put("seed", options.seed());
        provenance.put("device", options.device().toString());
        CheckpointConfig config = CheckpointConfig.text(options.name(), options.version(), options.architecture(),
                provenance);
        int length = options.architecture().contextLength();
        TextObjective objective = new TextObjective(corpus, options.batch(), length, options.seed());
        long start = System.nanoTime();
        try (Checkpoint checkpoint = Checkpoint.create(config, (int) options.seed(), options.device())) {
            ParameterStore parameters = new ParameterStore(checkpoint.model().getNDManager(), false);
            boolean resuming = java.nio.file.Files.exists(options.output().resolve("training-state.json"));
            double initial = resuming ? Double.NaN : bitsPerByte(objective, checkpoint, parameters);
            LearningRateSchedule schedule = new LearningRateSchedule(options.learningRate(), options.learningRate() / 10,
                    options.warmUpSteps(), options.steps());
            TrainingLoop.Result result;
            try (TrainingProgress progress = options.showProgress()
                    ? new TrainingProgress("pretrain", options.steps(), 0) : null) {
                result = TrainingLoop.builder()
                        .setCheckpoint(checkpoint)
                        .setObjective(objective)
                        .setSchedule(schedule)
                        .optSeed(options.seed())
                        .optCheckpoints(options.output(), options.checkpointEvery())
                        .optListener(progress == null ? report -> { } : progress)
                        .build()
                        .run();
            }
            double last = bitsPerByte(objective, checkpoint, parameters);
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("heldOutBitsPerByteInitial", initial);
            metrics.put("heldOutBitsPerByte", last);
            metrics.put("finalTrainingLoss", result.losses().isEmpty() ? null : result.losses().get(result.losses().size() - 1));
            metrics.put("secondsThisRun", seconds);
            Checkpoint.writeMetrics(options.output(), metrics);
            return new Result(options.output(), initial, last, result.losses(), seconds,
                    objective.tokensPerStep() * result.losses().size());
        }
    }

    private static double bitsPerByte(TextObjective objective, Checkpoint checkpoint, ParameterStore parameters) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false); // evaluation must not record a graph
        try {
            return objective.heldOutBitsPerByte(checkpoint.gpt(), parameters, checkpoint.model().getNDManager(),
                    HELD_OUT_WINDOWS);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }
}
