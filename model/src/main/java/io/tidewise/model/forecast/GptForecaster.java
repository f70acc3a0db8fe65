package io.tidewise.model.forecast;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.CheckpointConfig;
import io.tidewise.model.checkpoint.SeriesHeadConfig;
import io.tidewise.model.gpt.Gpt;
import io.tidewise.model.gpt.KvCache;
import io.tidewise.model.tokenize.BinTokenizer;
import io.tidewise.model.tokenize.BinTokens;
import io.tidewise.model.tokenize.PatchTokenizer;
import io.tidewise.model.tokenize.PatchTokens;
import io.tidewise.model.tokenize.Scale;
import io.tidewise.model.tokenize.SeriesTokenizer;
import io.tidewise.model.tokenize.TokenizerKind;
import io.tidewise.model.tokenize.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The {@link Forecaster} of a series checkpoint, for both tokenizers:
 * <ul>
 *   <li><b>patch models</b> predict the quantiles of the next R values in one pass; a longer horizon is rolled out
 *       over the quantile paths (each path appended to the context and forecast again, the Q x Q values of a step
 *       summarised into its quantiles, as Chronos-Bolt does). A context that never went below zero gets no negative
 *       forecast. Fully deterministic.</li>
 *   <li><b>bin models</b> sample S paths per series token by token with a KV cache (the context is prefilled once
 *       per series and its keys are shared by its S paths, never copied), and report the samples' quantiles and
 *       mean. A horizon longer than R is rolled out as Chronos does: the context is extended by the samples' median
 *       and S paths are drawn again. Each path draws from its own random stream, seeded from the forecaster's seed
 *       and the series id, so a series gets the same forecast whatever batch it is in.</li>
 * </ul>
 * Two rules pick how a series is presented to the model: steadily growing or falling series are forecast through their
 * differences ({@link SteadyTrends}), and series with a regular cycle through their seasonal differences where a
 * backtest on their own context says so ({@link SeasonalCycles}). A patch model also reads most windows upside down
 * and averages the two answers ({@link FlipAveraging}).
 * Every context is cut to the model's context length and left-padded to it, so a series' forecast does not depend on
 * the other series of its batch (but for the last bits of float rounding, which a batch's size can change). The mean
 * of a patch model's forecast is the average of its quantiles at the trained levels (a midpoint-rule estimate of the
 * mean of the predicted distribution), or of the Q x Q values past the reach.
 */
public final class GptForecaster implements Forecaster {
    /** The steady-trends threshold unless another is given ({@link Builder#optSteadyDriftStandardErrors}). */
    public static final double DEFAULT_STEADY_DRIFT_STANDARD_ERRORS = SteadyTrends.DEFAULT_STEADY_DRIFT_STANDARD_ERRORS;
    /** The seasonal-cycles margin a forecaster has unless given another ({@link Builder#optSeasonalCycles}). */
    public static final double DEFAULT_SEASONAL_MARGIN = SeasonalCycles.DEFAULT_MARGIN;
    private static final double[] MEDIAN = {0.5};
    /**
     * Most attention scores (floats) one layer of a bin model's prefill may hold, 64 MB: a context of 512 bin tokens
     * costs nh x 512 x 512 scores per series, so 64 series at once would need 2 GB per layer.
     */
    private static final long PREFILL_SCORE_BUDGET = 1L << 24;
    /** Series whose seasonal-cycles decision is kept at most (a few tens of bytes each). */
    private static final int MAX_KEPT_DECISIONS = 100_000;

    private final Checkpoint checkpoint;
    private final boolean closesCheckpoint;
    private final CheckpointConfig config;
    private final SeriesHeadConfig series;
    private final Gpt gpt;
    private final SeriesTokenizer tokenizer;
    private final ParameterStore parameterStore;
    private final int batchSize;
    private final long seed;
    private final int sampleCount;
    private final boolean flipAveraging;
    private final boolean steadyTrends;
    private final double steadyDriftStandardErrors;
    private final double seasonalMargin;
    private final int cycleDecisionsKept;
    private final GptForecaster cycleForecaster;
    private final boolean closesCyclesFrom;
    /** Per series, the last seasonal-cycles decision and how many more forecasts may use it; the oldest go first. */
    private final Map<SeriesId, KeptDecision> keptDecisions = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SeriesId, KeptDecision> eldest) {
            return size() > MAX_KEPT_DECISIONS;
        }
    };

    private record KeptDecision(int period, int usesLeft) {}

    private GptForecaster(Builder builder, GptForecaster cycleForecaster) {
        this.closesCyclesFrom = cycleForecaster != null && builder.closesCyclesFrom;
        this.checkpoint = builder.checkpoint;
        this.closesCheckpoint = builder.closesCheckpoint;
        this.config = checkpoint.config();
        this.series = config.series();
        this.gpt = checkpoint.gpt();
        this.tokenizer = config.tokenizer().create();
        this.parameterStore = new ParameterStore(checkpoint.model().getNDManager(), false);
        this.batchSize = builder.batchSize;
        this.seed = builder.seed;
        this.sampleCount = builder.sampleCount;
        // on by default where the model can answer a mirrored window with mirrored quantiles
        this.flipAveraging = builder.flipAveraging == null ? symmetricLevels(series.quantileLevels())
                : builder.flipAveraging;
        this.steadyTrends = builder.steadyTrends;
        this.steadyDriftStandardErrors = builder.steadyDriftStandardErrors;
        this.seasonalMargin = builder.seasonalMargin;
        this.cycleDecisionsKept = builder.cycleDecisionsKept;
        this.cycleForecaster = cycleForecaster;
        if (Boolean.TRUE.equals(builder.flipAveraging) && !symmetricLevels(series.quantileLevels())) {
            throw new IllegalArgumentException("flip averaging needs quantile levels symmetric around 0.5, "
                    + config.modelId() + " has " + Arrays.toString(series.quantileLevels()));
        }
    }

    private static boolean symmetricLevels(double[] trained) {
        for (int q = 0; q < trained.length; q++) {
            if (Math.abs(trained[q] + trained[trained.length - 1 - q] - 1) > 1e-9) {
                return false;
            }
        }
        return true;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A forecaster over the checkpoint in {@code directory}, with default settings; it closes the checkpoint. */
    public static GptForecaster load(Path directory) throws IOException {
        return load(directory, builder -> { });
    }

    /** A forecaster over the checkpoint in {@code directory}, with {@code options} set; it closes the checkpoint. */
    public static GptForecaster load(Path directory, Consumer<Builder> options) throws IOException {
        Checkpoint checkpoint = Checkpoint.load(directory);
        try {
            Builder builder = builder().setCheckpoint(checkpoint).optClosesCheckpoint(true);
            options.accept(builder);
            return builder.build();
        } catch (RuntimeException e) {
            checkpoint.close();
            throw e;
        }
    }

    @Override
    public List<Forecast> forecast(List<ForecastRequest> requests, int horizon, QuantileLevels levels,
            IntConsumer seriesDone) {
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(levels, "levels");
        Objects.requireNonNull(seriesDone, "seriesDone");
        if (horizon <= 0) {
            throw new IllegalArgumentException("horizon must be positive, was " + horizon);
        }
        // grad mode is per thread: without this a caller's thread (a Flink operator) would record a graph per pass
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            if (!(seasonalMargin > 0 && tokenizer instanceof PatchTokenizer)) {
                return forecastOrdinary(requests, horizon, levels, seriesDone);
            }
            return forecastWithSeasonalCycles(requests, horizon, levels, seriesDone);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    /**
     * {@link SeasonalCycles}: each series' period (0: the usual forecast), kept from an earlier call or decided by
     * backtests (two passes over them); then one pass over the series forecast as usual and one over the others'
     * seasonal differences. Progress counts every pass in series.
     */
    private List<Forecast> forecastWithSeasonalCycles(List<ForecastRequest> requests, int horizon,
            QuantileLevels levels, IntConsumer seriesDone) {
        int n = requests.size();
        int[] periods = new int[n];
        List<Integer> undecided = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            OptionalInt kept = keptPeriod(requests.get(i));
            if (kept.isPresent()) {
                periods[i] = kept.getAsInt();
            } else {
                undecided.add(i);
            }
        }
        // the backtests hide the context's last values: a model adapted to these contexts has trained on them
        GptForecaster cycles = cycleForecaster == null ? this : cycleForecaster;
        CycleBacktests backtests = cycles.cycleBacktests(requests, undecided, horizon,
                ((PatchTokenizer) cycles.tokenizer).patchLength());
        IntConsumer advances = onlyAdvances(seriesDone);
        long passes = n + 2L * backtests.truncated().size();
        cycles.decideByBacktests(backtests, periods, seasonalMargin, levels, progress(advances, n, 0, passes));
        if (cycleDecisionsKept > 0) {
            for (int i : undecided) {
                SeriesId id = requests.get(i).series();
                keptDecisions.put(id, new KeptDecision(periods[i], decisionUses(id, cycleDecisionsKept)));
            }
        }
        List<Integer> usual = new ArrayList<>();
        List<Integer> seasonal = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (periods[i] > 0 && SeasonalCycles.lastPeriodObserved(requests.get(i).contextUnsafe(), periods[i])
                    ? seasonal : usual).add(i);
        }
        long before = 2L * backtests.truncated().size();
        List<Forecast> usualForecasts = forecastOrdinary(usual.stream().map(requests::get).toList(), horizon, levels,
                progress(advances, n, before, passes));
        // and a model adapted to their values has not learnt their seasonal differences
        List<Forecast> seasonalForecasts = cycles.forecastThroughSeasonalDifferences(
                seasonal.stream().map(requests::get).toList(),
                seasonal.stream().map(i -> skeleton(requests.get(i), horizon, levels)).toList(),
                seasonal.stream().map(i -> periods[i]).toList(), horizon, levels,
                progress(advances, n, before + usual.size(), passes));
        Forecast[] forecasts = new Forecast[n];
        for (int k = 0; k < usual.size(); k++) {
            forecasts[usual.get(k)] = usualForecasts.get(k);
        }
        for (int k = 0; k < seasonal.size(); k++) {
            forecasts[seasonal.get(k)] = seasonalForecasts.get(k);
        }
        advances.accept(n);
        return Arrays.asList(forecasts);
    }

    /**
     * How many forecasts of series {@code id} use its decision: between half of {@code kept} and {@code kept}, fixed
     * per series. Series that start together (a streaming job's, after a restart) would otherwise all backtest again
     * at the same forecast, six passes each; on the live streaming bench that burst made the slowest seconds about
     * twice as late as the rest. Spread this way, each series keeps its own rhythm and the backtests stay spread out.
     */
    static int decisionUses(SeriesId id, int kept) {
        int spread = (kept + 1) / 2;
        return kept - (int) Math.floorMod(mix(id.value().hashCode()), (long) spread);
    }

    /** The period kept for this series from an earlier call, counting the use; empty when there is none to use. */
    private OptionalInt keptPeriod(ForecastRequest request) {
        if (cycleDecisionsKept == 0) {
            return OptionalInt.empty();
        }
        KeptDecision decision = keptDecisions.get(request.series());
        if (decision == null || decision.usesLeft() == 0) {
            return OptionalInt.empty();
        }
        keptDecisions.put(request.series(), new KeptDecision(decision.period(), decision.usesLeft() - 1));
        return OptionalInt.of(decision.period());
    }

    /** A forecast with the request's series and target times and no values, for the seasonal pass to fill. */
    private static Forecast skeleton(ForecastRequest request, int horizon, QuantileLevels levels) {
        List<ForecastStep> steps = new ArrayList<>(horizon);
        for (int h = 1; h <= horizon; h++) {
            steps.add(new ForecastStep(h, targetTime(request, h), 0, new double[levels.size()]));
        }
        return new Forecast(request.series(), levels, steps);
    }

    /** Passes each count on to {@code seriesDone} only when it is more than the last one passed on. */
    private static IntConsumer onlyAdvances(IntConsumer seriesDone) {
        int[] last = {0};
        return done -> {
            if (done > last[0]) {
                last[0] = done;
                seriesDone.accept(done);
            }
        };
    }

    /** A pass's progress, {@code done} of its series, as a share of {@code total} reported in the caller's series. */
    private static IntConsumer progress(IntConsumer seriesDone, int series, long before, long total) {
        return done -> seriesDone.accept((int) (series * (before + done) / total));
    }

    /** The forecast without {@link SeasonalCycles}: values, and steady trends through their differences. */
    private List<Forecast> forecastOrdinary(List<ForecastRequest> requests, int horizon, QuantileLevels levels,
            IntConsumer seriesDone) {
        List<Forecast> forecasts = forecastValues(requests, horizon, levels, seriesDone);
        return steadyTrends ? withSteadyTrendsThroughDifferences(requests, forecasts, horizon, levels) : forecasts;
    }

    /**
     * The series (of {@code candidates}, indices of requests) whose context proposes a period and has room for enough
     * backtest ({@link SeasonalCycles}), in request order ({@code cyclic}, with their {@code periods}), and their
     * backtests: each a shortened context, the values it hides ({@code truths}) and the index in {@code cyclic} it
     * belongs to.
     */
    private record CycleBacktests(List<Integer> cyclic, List<Integer> periods, List<ForecastRequest> truncated,
            List<double[]> truths, List<Integer> owners, int steps) {}

    private CycleBacktests cycleBacktests(List<ForecastRequest> requests, List<Integer> candidates, int horizon,
            int patch) {
        int reach = series.reach();
        int minDifferences = SeasonalCycles.MIN_DIFFERENCE_PATCHES * patch;
        List<Integer> cyclic = new ArrayList<>();
        List<Integer> periods = new ArrayList<>();
        List<ForecastRequest> truncated = new ArrayList<>();
        List<double[]> truths = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        int steps = 0;
        for (int i : candidates) {
            double[] context = requests.get(i).contextUnsafe();
            double[] window = latest(context, series.contextLength());
            int period = SeasonalCycles.period(window, horizon, reach, minDifferences);
            if (period == 0) {
                continue;
            }
            int hidden = SeasonalCycles.backtestHorizon(horizon, period, reach);
            int origins = SeasonalCycles.backtestOrigins(window, period, hidden, SeasonalCycles.BACKTEST_ORIGINS,
                    minDifferences);
            if (origins * hidden < SeasonalCycles.MIN_BACKTEST_PATCHES * patch) {
                continue;
            }
            for (int origin = 1; origin <= origins; origin++) {
                int end = context.length - (origin - 1) * hidden;
                owners.add(cyclic.size());
                truths.add(Arrays.copyOfRange(context, end - hidden, end));
                truncated.add(ForecastRequest.ofValues(requests.get(i).series(), Arrays.copyOf(context, end - hidden)));
            }
            cyclic.add(i);
            periods.add(period);
            steps = Math.max(steps, hidden);
        }
        return new CycleBacktests(cyclic, periods, truncated, truths, owners, steps);
    }

    /**
     * Sets {@code periods[i]} for each backtested series whose seasonal forecast won by {@code margin}: the backtests
     * as usual and through seasonal differences, one pass each, with this forecaster's model.
     */
    private void decideByBacktests(CycleBacktests backtests, int[] periods, double margin, QuantileLevels levels,
            IntConsumer progress) {
        List<ForecastRequest> truncated = backtests.truncated();
        if (truncated.isEmpty()) {
            return;
        }
        List<Forecast> usual = forecastOrdinary(truncated, backtests.steps(), levels, progress);
        List<Integer> backtestPeriods = backtests.owners().stream().map(backtests.periods()::get).toList();
        List<Forecast> seasonal = forecastThroughSeasonalDifferences(truncated, usual, backtestPeriods,
                backtests.steps(), levels, done -> progress.accept(truncated.size() + done));
        double[] usualErrors = new double[backtests.cyclic().size()];
        double[] seasonalErrors = new double[backtests.cyclic().size()];
        for (int b = 0; b < truncated.size(); b++) {
            double[] truth = backtests.truths().get(b);
            usualErrors[backtests.owners().get(b)] += SeasonalCycles.absoluteError(usual.get(b), truth);
            seasonalErrors[backtests.owners().get(b)] += SeasonalCycles.absoluteError(seasonal.get(b), truth);
        }
        for (int k = 0; k < backtests.cyclic().size(); k++) {
            if (seasonalErrors[k] < margin * usualErrors[k]) {
                periods[backtests.cyclic().get(k)] = backtests.periods().get(k);
            }
        }
    }

    /** One pass over the seasonal differences of the values the model reads (and one period before them). */
    private List<Forecast> forecastThroughSeasonalDifferences(List<ForecastRequest> requests, List<Forecast> templates,
            List<Integer> periods, int horizon, QuantileLevels levels, IntConsumer seriesDone) {
        List<ForecastRequest> differenced = new ArrayList<>(requests.size());
        List<double[]> recents = new ArrayList<>(requests.size());
        for (int k = 0; k < requests.size(); k++) {
            double[] context = requests.get(k).contextUnsafe();
            int period = periods.get(k);
            double[] recent = latest(context, series.contextLength() + period);
            recents.add(recent);
            differenced.add(ForecastRequest.ofValues(requests.get(k).series(),
                    SeasonalCycles.seasonalDifferences(recent, period)));
        }
        List<Forecast> differenceForecasts = forecastValues(differenced, horizon, levels, seriesDone);
        List<Forecast> integrated = new ArrayList<>(requests.size());
        for (int k = 0; k < requests.size(); k++) {
            double[] recent = recents.get(k);
            integrated.add(SeasonalCycles.integrate(templates.get(k), recent, periods.get(k),
                    differenceForecasts.get(k), isNonNegative(latest(recent, series.contextLength()))));
        }
        return integrated;
    }

    private List<Forecast> forecastValues(List<ForecastRequest> requests, int horizon, QuantileLevels levels,
            IntConsumer seriesDone) {
        List<Forecast> forecasts = new ArrayList<>(requests.size());
        int seriesPerPass = effectiveBatchSize();
        for (int from = 0; from < requests.size(); from += seriesPerPass) {
            List<ForecastRequest> batch = requests.subList(from, Math.min(requests.size(), from + seriesPerPass));
            try (NDManager manager = checkpoint.model().getNDManager().newSubManager()) {
                forecasts.addAll(tokenizer instanceof PatchTokenizer patches
                        ? forecastPatches(manager, patches, batch, horizon, levels)
                        : forecastBins(manager, (BinTokenizer) tokenizer, batch, horizon, levels));
            }
            seriesDone.accept(forecasts.size());
        }
        return forecasts;
    }

    /** {@link SteadyTrends}: a second pass over the differences of the series that move steadily one way. */
    private List<Forecast> withSteadyTrendsThroughDifferences(List<ForecastRequest> requests,
            List<Forecast> forecasts, int horizon, QuantileLevels levels) {
        List<Integer> steady = new ArrayList<>();
        List<double[]> steadyContexts = new ArrayList<>();
        List<ForecastRequest> differenced = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            double[] context = requests.get(i).contextUnsafe();
            // the values the model reads, not older ones it would ignore: for the steps and for the zero floor alike
            double[] recent = latest(context, series.contextLength());
            Optional<double[]> steps = SteadyTrends.steadySteps(recent, steadyDriftStandardErrors);
            if (steps.isPresent()) {
                steady.add(i);
                steadyContexts.add(recent);
                differenced.add(ForecastRequest.ofValues(requests.get(i).series(), steps.get()));
            }
        }
        if (steady.isEmpty()) {
            return forecasts;
        }
        List<Forecast> differenceForecasts = forecastValues(differenced, horizon, levels, done -> { });
        List<Forecast> combined = new ArrayList<>(forecasts);
        for (int k = 0; k < steady.size(); k++) {
            double[] recent = steadyContexts.get(k);
            int i = steady.get(k);
            combined.set(i, SteadyTrends.integrate(forecasts.get(i), recent[recent.length - 1],
                    differenceForecasts.get(k), isNonNegative(recent)));
        }
        return combined;
    }

    private List<Forecast> forecastPatches(NDManager manager, PatchTokenizer tokenizer, List<ForecastRequest> batch,
            int horizon, QuantileLevels levels) {
        int contextLength = series.contextLength();
        int reach = series.reach();
        double[] trained = series.quantileLevels();
        int quantileCount = trained.length;
        double[] requested = levels.toArray();
        int rows = batch.size();

        double[][] windows = new double[rows][];
        boolean[] nonNegative = new boolean[rows];
        for (int row = 0; row < rows; row++) {
            windows[row] = latest(batch.get(row).contextUnsafe(), contextLength);
            nonNegative[row] = isNonNegative(windows[row]);
        }
        // quantiles at the trained levels for every step, original units: (B, H, Q), and the mean per step
        double[][][] quantiles = new double[rows][horizon][];
        double[][] means = new double[rows][horizon];
        int take = Math.min(reach, horizon);
        Pass first = predict(manager, tokenizer, Arrays.asList(windows));
        for (int row = 0; row < rows; row++) {
            Scale scale = first.scales()[row];
            for (int step = 0; step < take; step++) {
                double[] values = new double[quantileCount];
                for (int q = 0; q < quantileCount; q++) {
                    values[q] = scale.invert(first.scaled()[(row * reach + step) * quantileCount + q]);
                }
                Arrays.sort(values); // independent quantile outputs may cross
                quantiles[row][step] = values;
                means[row][step] = SampleQuantiles.mean(values);
            }
        }
        // Past the head's reach, Chronos-Bolt's rollout: each of the Q quantile paths is appended to the context and
        // forecast again; the Q x Q values of a step give its quantiles, which become the Q paths of the next pass.
        // Feeding back the median alone would shrink the spread of every later step to that of one path.
        for (int produced = take; produced < horizon; produced += take) {
            take = Math.min(reach, horizon - produced);
            List<double[]> extended = new ArrayList<>(rows * quantileCount);
            for (int row = 0; row < rows; row++) {
                for (int q = 0; q < quantileCount; q++) {
                    double[] path = new double[produced];
                    for (int step = 0; step < produced; step++) {
                        path[step] = quantiles[row][step][q];
                    }
                    extended.add(latest(concat(windows[row], path), contextLength));
                }
            }
            Pass next = predict(manager, tokenizer, extended); // B*Q rows
            double[] samples = new double[quantileCount * quantileCount];
            for (int row = 0; row < rows; row++) {
                for (int step = 0; step < take; step++) {
                    for (int path = 0; path < quantileCount; path++) {
                        Scale scale = next.scales()[row * quantileCount + path];
                        for (int q = 0; q < quantileCount; q++) {
                            samples[path * quantileCount + q] = scale.invert(
                                    next.scaled()[((row * quantileCount + path) * reach + step) * quantileCount + q]);
                        }
                    }
                    quantiles[row][produced + step] = SampleQuantiles.summarize(samples, trained);
                    means[row][produced + step] = SampleQuantiles.mean(samples);
                }
            }
        }
        ForecastStep[][] steps = new ForecastStep[rows][horizon];
        for (int row = 0; row < rows; row++) {
            for (int step = 0; step < horizon; step++) {
                float[] atTrained = new float[quantileCount];
                for (int q = 0; q < quantileCount; q++) {
                    atTrained[q] = (float) quantiles[row][step][q];
                }
                double[] answer = QuantileInterpolation.interpolate(trained, atTrained, requested);
                double mean = means[row][step];
                if (nonNegative[row]) {
                    // a series that never went below zero (counts, prices, loads) gets no negative forecast
                    for (int q = 0; q < answer.length; q++) {
                        answer[q] = Math.max(0, answer[q]);
                    }
                    mean = Math.max(0, mean);
                }
                steps[row][step] = new ForecastStep(step + 1, targetTime(batch.get(row), step + 1), mean, answer);
            }
        }
        return toForecasts(batch, levels, steps);
    }

    /** A forward pass: scaled quantiles (N, R, Q) row-major, and the scale of each of the N windows. */
    private record Pass(float[] scaled, Scale[] scales) {}

    /**
     * One forward pass over windows in original units. With flip averaging the pass also reads the windows that
     * {@link FlipAveraging} picks upside down, and their answer is the mean of f(x) and -f(-x): quantile q of the
     * window averaged with minus quantile Q-1-q of its mirror image, in the window's scaled units.
     */
    private Pass predict(NDManager manager, PatchTokenizer tokenizer, List<double[]> windows) {
        int tokens = tokenizer.patchesFor(series.contextLength());
        List<PatchTokens> tokenized = new ArrayList<>(windows.size());
        Scale[] scales = new Scale[windows.size()];
        for (int i = 0; i < windows.size(); i++) {
            PatchTokens window = tokenizer.encodeContext(windows.get(i), tokens);
            tokenized.add(window);
            scales[i] = window.scale();
        }
        boolean[] flipped = new boolean[windows.size()];
        int flips = 0;
        for (int i = 0; i < windows.size(); i++) {
            double[] window = windows.get(i);
            if (flipAveraging && FlipAveraging.flips(window, series.reach(), tokenizer.patchLength())) {
                flipped[i] = true;
                flips++;
                double[] mirrored = new double[window.length];
                for (int t = 0; t < window.length; t++) {
                    mirrored[t] = -window[t];
                }
                tokenized.add(tokenizer.encodeContext(mirrored, tokens));
            }
        }
        float[] out;
        try (NDManager pass = manager.newSubManager()) {
            NDList inputs = ModelInputs.patches(pass, tokenized, tokens); // (N + flips, T, P) values and mask
            out = gpt.predictNext(parameterStore, inputs, null).toFloatArray(); // (N + flips, R, Q)
        }
        if (flips == 0) {
            return new Pass(out, scales);
        }
        int rows = windows.size();
        int reach = series.reach();
        int quantiles = series.quantileLevels().length;
        float[] averaged = Arrays.copyOf(out, rows * reach * quantiles);
        int mirrorRow = rows; // the mirrored windows follow the windows, in their order
        for (int row = 0; row < rows; row++) {
            if (!flipped[row]) {
                continue;
            }
            int mirrored = mirrorRow++;
            for (int step = 0; step < reach; step++) {
                int base = (row * reach + step) * quantiles;
                int mirror = (mirrored * reach + step) * quantiles;
                for (int q = 0; q < quantiles; q++) {
                    averaged[base + q] = (out[base + q] - out[mirror + quantiles - 1 - q]) / 2;
                }
            }
        }
        return new Pass(averaged, scales);
    }

    private static boolean isNonNegative(double[] window) {
        boolean any = false;
        for (double value : window) {
            if (Double.isFinite(value)) {
                if (value < 0) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private List<Forecast> forecastBins(NDManager manager, BinTokenizer tokenizer, List<ForecastRequest> batch,
            int horizon, QuantileLevels levels) {
        int contextLength = series.contextLength();
        int reach = series.reach();
        int rows = batch.size();
        int paths = rows * sampleCount;

        double[][] contexts = new double[rows][];
        SplittableRandom[] randoms = new SplittableRandom[paths];
        for (int row = 0; row < rows; row++) {
            contexts[row] = latest(batch.get(row).contextUnsafe(), contextLength);
            long seriesSeed = mix(seed ^ mix(batch.get(row).series().value().hashCode()));
            for (int sample = 0; sample < sampleCount; sample++) {
                randoms[row * sampleCount + sample] = new SplittableRandom(mix(seriesSeed + sample));
            }
        }
        double[][] sampled = new double[paths][horizon]; // original units
        double[] samples = new double[sampleCount]; // one step of one series
        for (int produced = 0; produced < horizon; ) {
            int take = Math.min(reach, horizon - produced);
            List<BinTokens> tokenized = new ArrayList<>(rows);
            for (double[] context : contexts) {
                tokenized.add(tokenizer.encodeContext(context, contextLength));
            }
            try (NDManager pass = manager.newSubManager(); KvCache cache = gpt.newCache(pass)) {
                NDArray ids = ModelInputs.binIds(pass, tokenized, contextLength); // (B, T)
                NDArray seriesLogits = gpt.predictNext(parameterStore, new NDList(ids), cache); // (B, V)
                // the S paths of a series continue one prefilled context, held once in the cache
                cache.sharePrefix(sampleCount);
                long[] owners = new long[paths];
                for (int path = 0; path < paths; path++) {
                    owners[path] = path / sampleCount;
                }
                NDArray logits = seriesLogits.get(pass.create(owners)); // (B*S, V)
                int[] chosen = sampleBins(logits, tokenizer.bins(), randoms);
                for (int step = 0; ; step++) {
                    for (int path = 0; path < paths; path++) {
                        Scale scale = tokenized.get(path / sampleCount).scale();
                        sampled[path][produced + step] = scale.invert(
                                tokenizer.binCenter(Vocabulary.binIndex(chosen[path])));
                    }
                    if (step == take - 1) {
                        break;
                    }
                    try (NDManager stepManager = pass.newSubManager()) {
                        long[] next = Arrays.stream(chosen).asLongStream().toArray();
                        NDArray input = stepManager.create(next, new Shape(paths, 1)); // (B*S, 1)
                        NDArray stepLogits = gpt.predictNext(parameterStore, new NDList(input), cache); // (B*S, V)
                        chosen = sampleBins(stepLogits, tokenizer.bins(), randoms);
                    }
                }
            }
            // beyond the reach, each series continues from its context extended by the samples' median
            for (int row = 0; row < rows; row++) {
                double[] medians = new double[take];
                for (int step = 0; step < take; step++) {
                    for (int sample = 0; sample < sampleCount; sample++) {
                        samples[sample] = sampled[row * sampleCount + sample][produced + step];
                    }
                    medians[step] = SampleQuantiles.summarize(samples, MEDIAN)[0];
                }
                contexts[row] = latest(concat(contexts[row], medians), contextLength);
            }
            produced += take;
        }

        double[] requested = levels.toArray();
        ForecastStep[][] steps = new ForecastStep[rows][horizon];
        for (int row = 0; row < rows; row++) {
            for (int step = 0; step < horizon; step++) {
                for (int sample = 0; sample < sampleCount; sample++) {
                    samples[sample] = sampled[row * sampleCount + sample][step];
                }
                steps[row][step] = new ForecastStep(step + 1, targetTime(batch.get(row), step + 1),
                        SampleQuantiles.mean(samples), SampleQuantiles.summarize(samples, requested));
            }
        }
        return toForecasts(batch, levels, steps);
    }

    /**
     * Series per pass: the configured batch size, except that a bin model's prefill is cut to the series whose
     * attention scores fit {@link #PREFILL_SCORE_BUDGET} (at least one). Results do not depend on it.
     */
    int effectiveBatchSize() {
        if (tokenizer instanceof PatchTokenizer) {
            return batchSize;
        }
        long context = series.contextLength();
        long scoresPerSeries = config.architecture().heads() * context * context;
        return (int) Math.max(1, Math.min(batchSize, PREFILL_SCORE_BUDGET / scoresPerSeries));
    }

    /**
     * Draws one bin per row from the softmax of the logits restricted to bin ids, by inverse transform: the bin is
     * the number of cumulative probabilities below a uniform number drawn from the row's own random stream.
     *
     * @param logits (N, V)
     * @return N vocabulary ids, each a bin id
     */
    private static int[] sampleBins(NDArray logits, int bins, SplittableRandom[] randoms) {
        NDManager manager = logits.getManager();
        int rows = randoms.length;
        float[] uniforms = new float[rows];
        for (int row = 0; row < rows; row++) {
            uniforms[row] = (float) randoms[row].nextDouble();
        }
        NDArray binLogits = logits.get(new NDIndex(":, {}:{}", Vocabulary.FIRST_BIN, Vocabulary.FIRST_BIN + bins));
        NDArray cumulative = binLogits.softmax(1).cumSum(1); // (N, B)
        NDArray u = manager.create(uniforms, new Shape(rows, 1)).toDevice(logits.getDevice(), false); // (N, 1)
        long[] below = cumulative.lt(u).toType(DataType.INT64, false).sum(new int[] {1}).toLongArray(); // (N)
        int[] ids = new int[rows];
        for (int row = 0; row < rows; row++) {
            ids[row] = Vocabulary.binId((int) Math.min(below[row], bins - 1)); // float rounding may leave cdf < 1
        }
        return ids;
    }

    private static List<Forecast> toForecasts(List<ForecastRequest> batch, QuantileLevels levels,
            ForecastStep[][] steps) {
        List<Forecast> forecasts = new ArrayList<>(batch.size());
        for (int row = 0; row < batch.size(); row++) {
            forecasts.add(new Forecast(batch.get(row).series(), levels, Arrays.asList(steps[row])));
        }
        return forecasts;
    }

    private static Instant targetTime(ForecastRequest request, int step) {
        return request.hasTimes() ? request.frequency().add(request.lastTimestamp(), step) : null;
    }

    private static double[] latest(double[] values, int count) {
        return values.length <= count ? values : Arrays.copyOfRange(values, values.length - count, values.length);
    }

    private static double[] concat(double[] first, double[] second) {
        double[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }

    private static int ceilDiv(int dividend, int divisor) {
        return (dividend + divisor - 1) / divisor;
    }

    /** SplitMix64's finaliser: spreads nearby seeds (series 1, 2, 3 ...) over unrelated streams. */
    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String modelId() {
        return config.modelId();
    }

    @Override
    public int maxContextLength() {
        return series.contextLength();
    }

    /** Series per forward pass. */
    public int batchSize() {
        return batchSize;
    }

    @Override
    public void close() {
        if (closesCheckpoint) {
            checkpoint.close();
        }
        if (cycleForecaster != null) {
            cycleForecaster.close();
        }
        if (closesCyclesFrom) {
            cycleForecaster.checkpoint.close();
        }
    }

    /** {@link #setCheckpoint} is required; everything else has a default. */
    public static final class Builder {
        private Checkpoint checkpoint;
        private boolean closesCheckpoint;
        private int batchSize = 64;
        private long seed = 42;
        private int sampleCount = 20; // Chronos' default number of sample paths
        private Boolean flipAveraging;
        private boolean steadyTrends = true;
        private double steadyDriftStandardErrors = DEFAULT_STEADY_DRIFT_STANDARD_ERRORS;
        private double seasonalMargin = DEFAULT_SEASONAL_MARGIN;
        private int cycleDecisionsKept;
        private Checkpoint cyclesFrom;
        private boolean closesCyclesFrom;

        private Builder() {}

        /**
         * Forecast a series with a regular cycle through its seasonal differences when, on a backtest over its
         * context's last values, that has less than {@code margin} times the usual forecast's mean absolute error
         * ({@link SeasonalCycles}; patch models only; default 0.5; 0 turns it off). Deciding costs up to six passes
         * more for a series whose context shows a cycle ({@link #optCycleDecisionsKept} to decide less often).
         *
         * @throws IllegalArgumentException if {@code margin} is negative or not finite
         */
        public Builder optSeasonalCycles(double margin) {
            if (!(margin >= 0) || !Double.isFinite(margin)) {
                throw new IllegalArgumentException("seasonal margin must be a finite number >= 0, was " + margin);
            }
            this.seasonalMargin = margin;
            return this;
        }

        /**
         * Forecast the series that move steadily one way through their first differences ({@link SteadyTrends};
         * default: on). Costs a second pass for those series only.
         */
        public Builder optSteadyTrendsThroughDifferences(boolean steadyTrends) {
            this.steadyTrends = steadyTrends;
            return this;
        }

        /**
         * How many standard errors from zero the mean step of a series must be for it to count as steady
         * ({@link SteadyTrends}; default: 3, chosen on the development suite's in-domain datasets).
         *
         * @throws IllegalArgumentException if {@code standardErrors} is not a positive finite number
         */
        public Builder optSteadyDriftStandardErrors(double standardErrors) {
            if (!(standardErrors > 0) || !Double.isFinite(standardErrors)) {
                throw new IllegalArgumentException(
                        "steadyDriftStandardErrors must be a positive finite number, was " + standardErrors);
            }
            this.steadyDriftStandardErrors = standardErrors;
            return this;
        }

        /**
         * Patch models: average the forecast of a window with minus the forecast of its mirror image, for the windows
         * {@link FlipAveraging} picks (neither floored at zero nor cyclic). Default: on for models whose quantile
         * levels are symmetric around 0.5 (chosen on the development suite's in-domain datasets; the model card has
         * the figures). Costs a second pass for the windows it picks.
         *
         * <p>{@code true} for a model with asymmetric levels makes {@link #build()} throw.
         */
        public Builder optFlipAveraging(boolean flipAveraging) {
            this.flipAveraging = flipAveraging;
            return this;
        }

        /**
         * Keep each series' seasonal-cycles decision (its period, or the usual forecast) for this many more forecasts
         * of the same series before backtesting again (default 0: decide at every call, so a forecast depends on its
         * request alone). For callers that forecast the same series again and again as it grows, such as the
         * streaming job: deciding costs two passes over three backtests, using a decision one pass. Each series
         * keeps its decision for its own number of forecasts between half of this and this, so that series started
         * together do not all decide again at once. Up to 100,000 series are kept, the least recently forecast
         * forgotten first.
         *
         * @throws IllegalArgumentException if {@code forecasts} is negative
         */
        public Builder optCycleDecisionsKept(int forecasts) {
            if (forecasts < 0) {
                throw new IllegalArgumentException("cycleDecisionsKept must be >= 0, was " + forecasts);
            }
            this.cycleDecisionsKept = forecasts;
            return this;
        }

        /**
         * Decide which series go through their seasonal differences, and forecast those differences, with
         * {@code base}'s model, under this builder's settings; this forecaster's model forecasts the other series. For
         * a copy adapted to the very contexts it forecasts ({@code --adapt-seconds}, the web app's retraining, a
         * backtest of adaptation), with the model it was adapted from as {@code base}: the copy's own backtests would
         * score values it has just trained on, and it was fitted to the values, not to their seasonal differences (on
         * {@code scripts/daily-cycle-check.sh} an adapted copy drew those differences 4.7 times worse than seasonal
         * naive, the model as loaded 1.03 times). {@code base} is a patch model; its backtests are judged by this
         * forecaster's margin, and this forecaster closes {@code base} when {@code closesBase}.
         */
        public Builder optCyclesFrom(Checkpoint base, boolean closesBase) {
            this.cyclesFrom = base;
            this.closesCyclesFrom = base != null && closesBase;
            return this;
        }

        /** A series (patch or bin) checkpoint. */
        public Builder setCheckpoint(Checkpoint checkpoint) {
            this.checkpoint = checkpoint;
            return this;
        }

        /** Whether {@link GptForecaster#close()} closes the checkpoint too (default: no, the caller owns it). */
        public Builder optClosesCheckpoint(boolean closesCheckpoint) {
            this.closesCheckpoint = closesCheckpoint;
            return this;
        }

        /** Series per forward pass (default 64). */
        public Builder optBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Seed of the sample paths of bin models (default 42); patch models are deterministic anyway. */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Sample paths per series for bin models (default 20). */
        public Builder optSampleCount(int sampleCount) {
            this.sampleCount = sampleCount;
            return this;
        }

        public GptForecaster build() {
            if (checkpoint == null) {
                throw new IllegalArgumentException("checkpoint is required but was null");
            }
            if (!checkpoint.config().isSeriesModel()) {
                throw new IllegalArgumentException("checkpoint " + checkpoint.modelId()
                        + " is a text model; forecasting needs a series (patch or bin) model");
            }
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batchSize must be positive, was " + batchSize);
            }
            if (sampleCount <= 0) {
                throw new IllegalArgumentException("sampleCount must be positive, was " + sampleCount);
            }
            if (cyclesFrom == null) {
                return new GptForecaster(this, null);
            }
            if (cyclesFrom.config().tokenizer().kind() != TokenizerKind.PATCH) {
                throw new IllegalArgumentException("the model for the cycles, " + cyclesFrom.modelId()
                        + ", is not a patch model");
            }
            // the base is closed by the forecaster built here, not by the one for the cycles: if building fails,
            // nothing the caller handed over is closed
            Builder forCycles = new Builder().setCheckpoint(cyclesFrom)
                    .optBatchSize(batchSize).optSeed(seed).optSampleCount(sampleCount)
                    .optSteadyTrendsThroughDifferences(steadyTrends)
                    .optSteadyDriftStandardErrors(steadyDriftStandardErrors)
                    .optSeasonalCycles(seasonalMargin);
            forCycles.flipAveraging = flipAveraging; // unset stays unset: the default follows that model's levels
            GptForecaster cycles = forCycles.build();
            try {
                return new GptForecaster(this, cycles);
            } catch (RuntimeException e) {
                cycles.close();
                throw e;
            }
        }

    }
}
