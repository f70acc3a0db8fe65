package io.tidewise.training.adapt;

import ai.djl.Device;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.tidewise.core.Frequency;
import io.tidewise.core.QuantileLevels;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.CheckpointConfig;
import io.tidewise.model.checkpoint.SeriesHeadConfig;
import io.tidewise.model.gpt.GptConfig;
import io.tidewise.model.tokenize.BinTokenizer;
import io.tidewise.model.tokenize.PatchTokenizer;
import io.tidewise.model.tokenize.TokenizerConfig;
import io.tidewise.model.tokenize.TokenizerKind;
import io.tidewise.training.loop.LossLog;
import io.tidewise.training.loop.TrainingLoop;
import io.tidewise.training.loop.TrainingObjective;
import io.tidewise.training.loop.TrainingProgress;
import io.tidewise.training.optim.LearningRateSchedule;
import io.tidewise.training.synthetic.SyntheticSeriesGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code train adapt}: a series model from the language-pretrained decoder stack (or from random initialisation,
 * the ablation's other arm), with the same data, steps and seed either way, or the continued training of a series
 * model (every parameter starts from it; its tokenizer and head are kept). In {@link Mode#FROZEN} only the norms,
 * positions, embedding and head train, as GPT4TS does; in {@link Mode#FULL} everything does.
 */
public final class Adapter {

    /** Which parameters adaptation trains. */
    public enum Mode { FULL, FROZEN }

    public static final int DEFAULT_CONTEXT_VALUES = 512;
    public static final int DEFAULT_REACH = 64;

    private Adapter() {}

    /**
     * @param pretrained   a text checkpoint whose stack initialises the model, or null for random initialisation
     * @param architecture the stack when {@code pretrained} is null (ignored otherwise: the pretrained one is used)
     * @param patchLength  values per patch of a new patch model; 0 for
     *                     {@link TokenizerConfig#DEFAULT_PATCH_LENGTH}. A continued model keeps its own: any other
     *                     value is refused
     * @param bins         bins of a new bin model; 0 for {@link TokenizerConfig#DEFAULT_BINS}. A continued model keeps
     *                     its own
     * @param contextValues values of history the model reads; 0 for {@link #DEFAULT_CONTEXT_VALUES}, or for a
     *                     continued model its own. A continued model may be given a longer (or shorter) context, up
     *                     to what its positions allow
     * @param reach        patch head reach R (values per forward pass); for bin models the tokens after the context
     *                     that training windows leave for the future. 0 for {@link #DEFAULT_REACH}, or for a
     *                     continued model its own; a continued patch model cannot change it
     * @param windows      where patch windows come from: the synthetic generator (null for none), the shares of
     *                     synthetic and TSMixup windows, and how often a context is truncated
     * @param timeLimit    ends this invocation (saving a resumable state) once this much time has passed; null for
     *                     none. A later run with the same output continues the same schedule.
     * @param stopAfter    ends this invocation (saving) at this step of the schedule; 0 for none. Equal-compute
     *                     comparisons stop each run here, whatever else the machine is doing.
     */
    public record Options(Path pretrained, GptConfig architecture, TokenizerKind tokenizer, int patchLength, int bins,
                          Mode mode, int contextValues, int reach, int steps, int batch, float learningRate,
                          int warmUpSteps, long seed, int checkpointEvery, Path output, String name, String version,
                          Device device, boolean showProgress, Map<String, Object> dataProvenance,
                          WindowOptions windows, Duration timeLimit, int stopAfter) {}

    /** Where a patch model's training windows come from (see {@link PatchWindows}). */
    public record WindowOptions(SyntheticSeriesGenerator synthetic, PatchWindows.Mixture mixture, double truncation,
                                double trendShare) {
        /** The user's own series only, a quarter of the contexts truncated, no added trends. */
        public static final WindowOptions REAL_ONLY = new WindowOptions(null, PatchWindows.Mixture.REAL_ONLY, 0.25, 0);
    }

    public record Result(Path checkpoint, List<Float> losses, double seconds, long parameters, long trainable) {}

    public static Result run(Options options, SeriesCorpus corpus) throws IOException {
        long start = System.nanoTime();
        Checkpoint pretrained = options.pretrained() == null ? null : Checkpoint.load(options.pretrained(), options.device());
        try {
            boolean continues = pretrained != null && pretrained.config().isSeriesModel();
            CheckpointConfig config;
            if (continues) {
                CheckpointConfig from = pretrained.config();
                requireContinuable(options.pretrained(), from, options.tokenizer(), options.patchLength(),
                        options.bins(), options.reach());
                config = continuedConfig(from, options).withNameAndVersion(options.name(), options.version())
                        .withProvenance(provenance(options, corpus, from));
            } else {
                GptConfig architecture = pretrained != null ? pretrained.config().architecture() : options.architecture();
                config = config(options, architecture, corpus);
            }
            try (Checkpoint checkpoint = Checkpoint.create(config, (int) options.seed(), options.device())) {
                if (continues) {
                    checkpoint.gpt().copyParametersFrom(pretrained.gpt());
                } else if (pretrained != null) {
                    checkpoint.gpt().loadStackFrom(pretrained.gpt(), checkpoint.model().getNDManager());
                }
                if (options.mode() == Mode.FROZEN) {
                    freezeAttentionAndMlp(checkpoint);
                }
                TrainingObjective objective = objective(options, config, corpus);
                LearningRateSchedule schedule = new LearningRateSchedule(options.learningRate(),
                        options.learningRate() / 10, options.warmUpSteps(), options.steps());
                TrainingLoop.Result result;
                try (TrainingProgress progress = options.showProgress()
                        ? new TrainingProgress("adapt " + options.tokenizer().name().toLowerCase(Locale.ROOT),
                                options.steps(), 0) : null;
                        LossLog lossLog = options.output() == null ? null
                                : new LossLog(options.output().resolveSibling(options.output().getFileName() + ".losses.csv"))) {
                    TrainingLoop.Builder loop = TrainingLoop.builder()
                            .setCheckpoint(checkpoint)
                            .setObjective(objective)
                            .setSchedule(schedule)
                            .optSeed(options.seed())
                            .optWeightDecay(0.01f)
                            .optCheckpoints(options.output(), options.checkpointEvery())
                            .optListener(report -> {
                                if (progress != null) {
                                    progress.accept(report);
                                }
                                if (lossLog != null) {
                                    lossLog.accept(report);
                                }
                            });
                    if (options.timeLimit() != null) {
                        loop.optTimeLimit(options.timeLimit());
                    }
                    if (options.stopAfter() > 0) {
                        loop.optStopAfter(options.stopAfter());
                    }
                    result = loop.build().run();
                }
                long trainable = 0;
                for (Pair<String, Parameter> parameter : checkpoint.gpt().getParameters()) {
                    if (parameter.getValue().requiresGradient()) {
                        trainable += parameter.getValue().getArray().size();
                    }
                }
                return new Result(options.output(), result.losses(), (System.nanoTime() - start) / 1e9,
                        checkpoint.gpt().parameterCount(), trainable);
            }
        } finally {
            if (pretrained != null) {
                pretrained.close();
            }
        }
    }

    private static CheckpointConfig config(Options options, GptConfig architecture, SeriesCorpus corpus) {
        Map<String, Object> provenance = provenance(options, corpus, null);
        int contextValues = orDefault(options.contextValues(), DEFAULT_CONTEXT_VALUES);
        int reach = orDefault(options.reach(), DEFAULT_REACH);
        if (options.tokenizer() == TokenizerKind.PATCH) {
            SeriesHeadConfig series = new SeriesHeadConfig(contextValues, reach, QuantileLevels.DECILES.toArray());
            return CheckpointConfig.patches(options.name(), options.version(), architecture,
                    TokenizerConfig.patches(orDefault(options.patchLength(), TokenizerConfig.DEFAULT_PATCH_LENGTH)),
                    series, provenance);
        }
        SeriesHeadConfig series = new SeriesHeadConfig(contextValues, reach, new double[0]);
        return CheckpointConfig.bins(options.name(), options.version(), architecture,
                TokenizerConfig.bins(orDefault(options.bins(), TokenizerConfig.DEFAULT_BINS)), series, provenance);
    }

    /**
     * A continued model keeps its tokenizer and (patch models) its head's reach, which shape its parameters
     * ({@link #requireContinuable}, which {@code run} calls first, refuses a change); the length of history it reads
     * may change, because positions past the old context exist in the stack (they start from whatever the model
     * learned there before, text included, and train from there).
     */
    private static CheckpointConfig continuedConfig(CheckpointConfig from, Options options) {
        SeriesHeadConfig series = new SeriesHeadConfig(
                orDefault(options.contextValues(), from.series().contextLength()),
                orDefault(options.reach(), from.series().reach()), from.series().quantileLevels());
        return series.equals(from.series()) ? from : from.withSeries(series);
    }

    /**
     * Refuses, naming the option and both values, the settings a continued series model cannot change: its tokenizer,
     * its patch length or bins, and (patch models) its head's reach. 0 means "not given". {@code run} checks this
     * too; a caller that reads data first ({@code train adapt}) calls it before, so a wrong option fails at once.
     */
    public static void requireContinuable(Path source, CheckpointConfig from, TokenizerKind tokenizer, int patchLength,
            int bins, int reach) {
        if (from.tokenizer().kind() != tokenizer) {
            throw new IllegalArgumentException(source + " holds a " + from.tokenizer().kind()
                    + " series model; continuing it with --tokenizer " + tokenizer + " is not possible");
        }
        if (from.tokenizer().kind() == TokenizerKind.PATCH) {
            requireKept("patch length", "--patch-length", patchLength, from.tokenizer().patchLength(), from);
            // the quantile head answers reach values per pass; a bin model's reach only sets its windows
            requireKept("reach", "--reach", reach, from.series().reach(), from);
        } else {
            requireKept("bins", "--bins", bins, from.tokenizer().bins(), from);
        }
    }

    private static void requireKept(String setting, String option, int requested, int kept, CheckpointConfig from) {
        if (requested != 0 && requested != kept) {
            throw new IllegalArgumentException(setting + " (" + option + ") " + requested + " cannot change when"
                    + " continuing " + from.modelId() + ", whose " + setting + " is " + kept
                    + ": its parameters are shaped by it");
        }
    }

    private static int orDefault(int value, int fallback) {
        return value == 0 ? fallback : value;
    }

    private static Map<String, Object> provenance(Options options, SeriesCorpus corpus, CheckpointConfig continued) {
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("objective", options.tokenizer() == TokenizerKind.PATCH
                ? "pinball loss of the direct multi-step quantile head at the last position"
                : "next-bin-token cross-entropy");
        provenance.put("init", options.pretrained() == null ? "random" : options.pretrained().toString());
        if (continued != null) {
            provenance.put("continuedFrom", continued.modelId());
            provenance.put("continuedFromProvenance", continued.provenance());
        }
        provenance.put("mode", options.mode().name().toLowerCase(Locale.ROOT));
        provenance.put("series", corpus.size());
        provenance.put("values", corpus.valueCount());
        provenance.putAll(options.dataProvenance());
        if (options.tokenizer() == TokenizerKind.PATCH) {
            WindowOptions windows = options.windows();
            provenance.put("syntheticShare", windows.mixture().synthetic());
            SyntheticSeriesGenerator synthetic = windows.synthetic();
            provenance.put("stateSpaceShareOfSynthetic", synthetic == null ? 0.0 : synthetic.stateSpaceShare());
            provenance.put("profileShareOfSeasonalities", synthetic == null ? 0.0 : synthetic.profileShare());
            provenance.put("randomWalkShareOfStateSpace", synthetic == null ? 0.0 : synthetic.randomWalkShare());
            if (synthetic != null) {
                provenance.put("syntheticFrequencies", synthetic.frequencies().stream().map(Frequency::toString)
                        .toList());
            }
            provenance.put("mixupShare", windows.mixture().mixup());
            provenance.put("contextTruncation", windows.truncation());
            provenance.put("addedTrendShare", windows.trendShare());
        }
        provenance.put("steps", options.steps());
        provenance.put("batch", options.batch());
        provenance.put("learningRate", options.learningRate());
        provenance.put("seed", options.seed());
        provenance.put("device", options.device().toString());
        return provenance;
    }

    private static TrainingObjective objective(Options options, CheckpointConfig config, SeriesCorpus corpus) {
        if (options.tokenizer() == TokenizerKind.PATCH) {
            PatchTokenizer tokenizer = new PatchTokenizer(config.tokenizer());
            WindowOptions windows = options.windows();
            PatchWindows source = new PatchWindows(corpus, windows.synthetic(), windows.mixture(),
                    config.series().contextLength(), config.series().reach(), windows.truncation(),
                    windows.trendShare());
            return new PatchObjective(source, tokenizer, options.batch(),
                    tokenizer.patchesFor(config.series().contextLength()), config.series().quantileLevels(),
                    options.seed());
        }
        int length = Math.min(config.architecture().contextLength(),
                config.series().contextLength() + config.series().reach());
        return new BinObjective(corpus, new BinTokenizer(config.tokenizer()), options.batch(), length,
                config.series().reach(), options.seed());
    }

    /** GPT4TS: the attention and MLP weights of every block stay as pretrained; norms and positions adapt. */
    static void freezeAttentionAndMlp(Checkpoint checkpoint) {
        for (Pair<String, Parameter> parameter : checkpoint.gpt().stack().getParameters()) {
            String name = parameter.getKey();
            boolean keepsTraining = name.contains("Norm") || name.contains("position");
            parameter.getValue().freeze(!keepsTraining);
        }
    }
}
