package io.tidewise.training.loop;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.training.optim.AdamW;
import io.tidewise.training.optim.GradientClipping;
import io.tidewise.training.optim.LearningRateSchedule;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.commons.io.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one training loop of Tidewise, used by pretraining and adaptation: AdamW without decay on norms, biases and
 * embeddings, warm-up then cosine learning rate, global-norm clipping, float32, and a resumable checkpoint every N
 * steps (parameters, optimizer moments and the step reached).
 *
 * <p>Memory: every array of a step (inputs, activations, gradients, optimizer temporaries) is created inside one
 * {@link NDScope} and freed when the step ends; only parameters and optimizer moments live across steps.
 */
public final class TrainingLoop {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    static final String OPTIMIZER_FILE = "optimizer.state";
    static final String STATE_FILE = "training-state.json";

    private final Checkpoint checkpoint;
    private final TrainingObjective objective;
    private final LearningRateSchedule schedule;
    private final float weightDecay;
    private final double clipNorm;
    private final long seed;
    private final int checkpointEvery;
    private final Path checkpointDirectory;
    private final Consumer<StepReport> listener;
    private final int stopAfter;
    private final java.time.Duration timeLimit;

    private TrainingLoop(Builder builder) {
        this.checkpoint = builder.checkpoint;
        this.objective = builder.objective;
        this.schedule = builder.schedule;
        this.weightDecay = builder.weightDecay;
        this.clipNorm = builder.clipNorm;
        this.seed = builder.seed;
        this.checkpointEvery = builder.checkpointEvery;
        this.checkpointDirectory = builder.checkpointDirectory;
        this.listener = builder.listener;
        this.stopAfter = builder.stopAfter;
        this.timeLimit = builder.timeLimit;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What one step reports to the progress display. */
    public record StepReport(int step, int totalSteps, float loss, float learningRate, double gradientNorm,
                             long tokensPerStep) {}

    /** The losses of the steps run (index = step - first step), the first and the last step run. */
    public record Result(int firstStep, int lastStep, List<Float> losses) {}

    /**
     * Trains until the schedule's last step, continuing from the state in the checkpoint directory when one is
     * there (a resumed run gives the same parameters as an uninterrupted one with the same seed).
     */
    public Result run() throws IOException {
        NDManager manager = checkpoint.model().getNDManager();
        ParameterStore parameterStore = new ParameterStore(manager, false);
        for (Pair<String, Parameter> parameter : checkpoint.gpt().getParameters()) {
            NDArray array = parameter.getValue().getArray();
            array.setRequiresGradient(parameter.getValue().requiresGradient());
        }
        AdamW optimizer = new AdamW(checkpoint.gpt().getParameters(), manager, 0.9f, 0.95f, 1e-8f, weightDecay);
        int firstStep = resumeIfPossible(optimizer, manager);
        List<Float> losses = new ArrayList<>();
        int end = Math.min(schedule.totalSteps(), stopAfter);
        long deadline = timeLimit == null ? Long.MAX_VALUE : System.nanoTime() + timeLimit.toNanos();
        for (int step = firstStep; step < end; step++) {
            float learningRate = schedule.at(step);
            float loss;
            double norm;
            // dropout masks depend on the engine's generator: seeding per step keeps resumed runs identical
            Engine.getInstance().setRandomSeed((int) (seed * 1_000_003L + step));
            try (NDScope scope = new NDScope();
                    NDManager stepManager = manager.newSubManager();
                    GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                scope.suppressNotUsedWarning();
                collector.zeroGradients();
                NDArray lossArray = objective.loss(checkpoint.gpt(), parameterStore, stepManager, step);
                collector.backward(lossArray);
                loss = lossArray.getFloat();
                List<NDArray> gradients = new ArrayList<>();
                for (Pair<String, Parameter> parameter : optimizer.parameters()) {
                    gradients.add(parameter.getValue().getArray().getGradient());
                }
                // parameters are leaves that require gradients: updating them in place must not be recorded
                JniUtils.setGradMode(false);
                try {
                    norm = GradientClipping.clipGlobalNorm(gradients, clipNorm);
                    if (Float.isFinite(loss) && Double.isFinite(norm)) {
                        optimizer.step(gradients, learningRate);
                    } else {
                        LOG.warn("step {}: loss {} / gradient norm {} not finite, update skipped", step, loss, norm);
                    }
                } finally {
                    JniUtils.setGradMode(true);
                }
            }
            losses.add(loss);
            listener.accept(new StepReport(step, schedule.totalSteps(), loss, learningRate, norm,
                    objective.tokensPerStep()));
            boolean outOfTime = System.nanoTime() >= deadline;
            boolean last = step == end - 1 || outOfTime;
            if (checkpointDirectory != null && ((step + 1) % checkpointEvery == 0 || last)) {
                saveState(optimizer, step + 1);
            }
            if (outOfTime) {
                end = step + 1;
                break;
            }
        }
        return new Result(firstStep, end - 1, losses);
    }

    private int resumeIfPossible(AdamW optimizer, NDManager manager) throws IOException {
        if (checkpointDirectory == null || !Files.isRegularFile(checkpointDirectory.resolve(STATE_FILE))) {
            return 0;
        }
        Map<?, ?> state = JSON.readValue(checkpointDirectory.resolve(STATE_FILE).toFile(), Map.class);
        int nextStep = ((Number) state.get("nextStep")).intValue();
        long savedSeed = ((Number) state.get("seed")).longValue();
        if (savedSeed != seed) {
            throw new IllegalArgumentException(checkpointDirectory.resolve(STATE_FILE) + ": the run was started with seed "
                    + savedSeed + ", resuming it with seed " + seed + " would not reproduce it");
        }
        try (Checkpoint saved = Checkpoint.load(checkpointDirectory, checkpoint.model().getNDManager().getDevice())) {
            requireSameShape("architecture", saved.config().architecture(), checkpoint.config().architecture());
            requireSameShape("tokenizer", saved.config().tokenizer(), checkpoint.config().tokenizer());
            requireSameShape("series", saved.config().series(), checkpoint.config().series());
            checkpoint.gpt().copyParametersFrom(saved.gpt());
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(checkpointDirectory.resolve(OPTIMIZER_FILE)))) {
            optimizer.load(in, manager);
        }
        LOG.info("resuming {} at step {} from {}", objective.describe(), nextStep, checkpointDirectory);
        return nextStep;
    }

    private void saveState(AdamW optimizer, int nextStep) throws IOException {
        // written to a sibling folder first and moved, so a run killed while saving leaves the previous state whole
        Path staging = checkpointDirectory.resolveSibling(checkpointDirectory.getFileName() + ".saving");
        FileUtils.deleteDirectory(staging.toFile());
        checkpoint.save(staging);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(staging.resolve(OPTIMIZER_FILE)))) {
            optimizer.save(out);
        }
        JSON.writeValue(staging.resolve(STATE_FILE).toFile(),
                Map.of("nextStep", nextStep, "seed", seed, "objective", objective.describe()));
        FileUtils.deleteDirectory(checkpointDirectory.toFile());
        Files.move(staging, checkpointDirectory, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A resumed run goes on as it started: a setting that changed in between (say, a context) is refused. */
    private void requireSameShape(String field, Object saved, Object resumedWith) {
        if (!Objects.equals(saved, resumedWith)) {
            throw new IllegalArgumentException(checkpointDirectory + ": the run was started with " + field + " "
                    + saved + "; resuming it with " + resumedWith + " would change it (repeat the options it"
                    + " started with, or train into another directory)");
        }
    }

    /** {@code set*} values are required. */
    public static final class Builder {
        private Checkpoint checkpoint;
        private TrainingObjective objective;
        private LearningRateSchedule schedule;
        private float weightDecay = 0.1f;
        private double clipNorm = 1.0;
        private long seed = 42;
        private int checkpointEvery = 200;
        private Path checkpointDirectory;
        private Consumer<StepReport> listener = report -> { };
        private int stopAfter = Integer.MAX_VALUE;
        private java.time.Duration timeLimit;

        private Builder() {}

        /**
         * Ends this invocation at the first step that finishes after {@code limit} (saving first), as a time-boxed
         * session or a forecast's adaptation budget would; the schedule stays that of the whole run, so a later run
         * with the same checkpoint directory continues it.
         */
        public Builder optTimeLimit(java.time.Duration limit) {
            if (limit == null || limit.isNegative()) {
                throw new IllegalArgumentException("time limit must be zero or positive, was " + limit);
            }
            this.timeLimit = limit;
            return this;
        }

        /**
         * Ends this invocation after {@code steps} steps of the schedule (saving first), as a time-boxed session
         * would; the next run with the same checkpoint directory resumes there.
         */
        public Builder optStopAfter(int steps) {
            this.stopAfter = steps;
            return this;
        }

        /** The network to train, with its manager and device. */
        public Builder setCheckpoint(Checkpoint checkpoint) {
            this.checkpoint = checkpoint;
            return this;
        }

        public Builder setObjective(TrainingObjective objective) {
            this.objective = objective;
            return this;
        }

        public Builder setSchedule(LearningRateSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        public Builder optWeightDecay(float weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder optClipNorm(double clipNorm) {
            this.clipNorm = clipNorm;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Saves a resumable state into {@code directory} every {@code steps} steps and at the end. */
        public Builder optCheckpoints(Path directory, int steps) {
            this.checkpointDirectory = directory;
            this.checkpointEvery = steps;
            return this;
        }

        public Builder optListener(Consumer<StepReport> listener) {
            this.listener = listener;
            return this;
        }

        public TrainingLoop build() {
            if (checkpoint == null) {
                throw new IllegalArgumentException("checkpoint is required but was null");
            }
            if (objective == null) {
                throw new IllegalArgumentException("objective is required but was null");
            }
            if (schedule == null) {
                throw new IllegalArgumentException("schedule is required but was null");
            }
            if (checkpointDirectory != null && checkpointEvery <= 0) {
                throw new IllegalArgumentException("checkpoint interval must be positive, was " + checkpointEvery);
            }
            if (!(clipNorm > 0)) {
                throw new IllegalArgumentException("clipNorm must be positive, was " + clipNorm);
            }
            return new TrainingLoop(this);
        }
    }
}
