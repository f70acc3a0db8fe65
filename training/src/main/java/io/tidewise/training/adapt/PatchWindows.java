package io.tidewise.training.adapt;

import io.tidewise.model.tokenize.PatchTokenizer;
import io.tidewise.model.tokenize.PatchTokens;
import io.tidewise.model.tokenize.Scale;
import io.tidewise.model.tokenize.StandardScaler;
import io.tidewise.training.synthetic.SyntheticSeriesGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Cuts the training windows of a patch model so that they look like what it forecasts: a context ending at a
 * forecast origin, and the next R values after it as the labels of the last position only (Chronos-Bolt), scaled
 * with the context's own statistics. No value after the origin ever enters the statistics or the inputs.
 *
 * <p>Where a window comes from: a real series of the {@link SeriesCorpus} (a source by weight, then a series), a
 * synthetic series generated on the fly (every draw a new one), or a TSMixup of up to three real windows (each
 * standardised, mixed with Dirichlet(1.5) weights, as Chronos). Where the origin lies: in a long series so that the
 * whole context and all R labels are real values, so most windows have full contexts; in a short one (a 20-value
 * yearly series) anywhere that leaves a third of it, at most R, to predict. With probability
 * {@code truncation} the context is then cut to a uniform length from one value to the full context, so every
 * length the forecaster meets is trained on. With probability {@code trendShare} a straight line is added to the
 * whole window, context and labels alike (see {@link #withAddedTrend}).
 */
public final class PatchWindows {
    /** Labels further than this many standard deviations from the context's mean are clamped (a jump of 1e6 sigma
     * after a flat context would otherwise be the whole batch's gradient). */
    static final float LABEL_LIMIT = 50f;
    private static final int MIN_CONTEXT = 2;
    private static final int ATTEMPTS = 20;
    /** Bounds of the rise an added trend makes over the context, in the context's standard deviations. */
    static final double LEAST_ADDED_RISE = 0.25;
    static final double MOST_ADDED_RISE = 4;

    /** Shares of the windows drawn from synthetic series and from TSMixup; the rest come from real series. */
    public record Mixture(double synthetic, double mixup) {
        public Mixture {
            if (!(synthetic >= 0 && mixup >= 0 && synthetic + mixup <= 1)) {
                throw new IllegalArgumentException("synthetic and mixup shares must be non-negative with a sum of at"
                        + " most 1, were " + synthetic + " and " + mixup);
            }
        }

        /** Real series only: what adapting to a user's own history uses. */
        public static final Mixture REAL_ONLY = new Mixture(0, 0);
    }

    /** One window before tokenizing: the context (oldest first) and the values after it, NaN where missing. */
    record Window(double[] context, double[] future) {}

    /**
     * A batch: the tokenized contexts (padded to {@code patches} tokens by
     * {@link io.tidewise.model.forecast.ModelInputs#patches}, as forecasting pads them) and labels and labelMask
     * (B, R) row-major: the R values after each context in its scaled units, and 1 where such a value exists.
     */
    public record PatchBatch(int patches, int reach, List<PatchTokens> contexts, float[] labels, float[] labelMask) {}

    private final SeriesCorpus corpus;
    private final SyntheticSeriesGenerator synthetic;
    private final Mixture mixture;
    private final int contextValues;
    private final int reach;
    private final double truncation;
    private final double trendShare;

    /** Windows with no added trends. */
    public PatchWindows(SeriesCorpus corpus, SyntheticSeriesGenerator synthetic, Mixture mixture, int contextValues,
            int reach, double truncation) {
        this(corpus, synthetic, mixture, contextValues, reach, truncation, 0);
    }

    /**
     * @param corpus        real series, or null when every window is synthetic
     * @param synthetic     the generator of synthetic series, or null when {@code mixture.synthetic()} is 0
     * @param contextValues the most values of history a window holds (the model's context)
     * @param reach         R, values after the origin that are labels
     * @param truncation    the probability of cutting a context to a random shorter length
     * @param trendShare    the probability of adding a straight line to a window
     */
    public PatchWindows(SeriesCorpus corpus, SyntheticSeriesGenerator synthetic, Mixture mixture, int contextValues,
            int reach, double truncation, double trendShare) {
        if (corpus == null && mixture.synthetic() < 1) {
            throw new IllegalArgumentException("without real series every window must be synthetic, but the synthetic"
                    + " share was " + mixture.synthetic());
        }
        if (synthetic == null && mixture.synthetic() > 0) {
            throw new IllegalArgumentException("a synthetic share of " + mixture.synthetic() + " needs a generator");
        }
        if (contextValues < MIN_CONTEXT || reach <= 0) {
            throw new IllegalArgumentException("contextValues must be at least " + MIN_CONTEXT
                    + " and reach positive, were " + contextValues + " and " + reach);
        }
        if (!(truncation >= 0 && truncation <= 1)) {
            throw new IllegalArgumentException("truncation must be a probability, was " + truncation);
        }
        if (!(trendShare >= 0 && trendShare <= 1)) {
            throw new IllegalArgumentException("trendShare must be a probability, was " + trendShare);
        }
        this.corpus = corpus;
        this.synthetic = synthetic;
        this.mixture = mixture;
        this.contextValues = contextValues;
        this.reach = reach;
        this.truncation = truncation;
        this.trendShare = trendShare;
    }

    public PatchBatch batch(int rows, int patches, PatchTokenizer tokenizer, SplittableRandom random) {
        List<Window> windows = new ArrayList<>(rows);
        for (int row = 0; row < rows; row++) {
            windows.add(sample(random));
        }
        return encode(windows, patches, reach, tokenizer);
    }

    /**
     * Tokenizes windows as forecasting does: each context with its own scale, and its first {@code reach} future
     * values as labels in that scale (clamped at {@link #LABEL_LIMIT}), masked where missing or absent.
     */
    static PatchBatch encode(List<Window> windows, int patches, int reach, PatchTokenizer tokenizer) {
        List<PatchTokens> contexts = new ArrayList<>(windows.size());
        float[] labels = new float[windows.size() * reach];
        float[] labelMask = new float[labels.length];
        for (int row = 0; row < windows.size(); row++) {
            Window window = windows.get(row);
            PatchTokens tokens = tokenizer.encodeContext(window.context(), patches);
            contexts.add(tokens);
            Scale scale = tokens.scale();
            double[] future = window.future();
            for (int r = 0; r < Math.min(reach, future.length); r++) {
                if (Double.isFinite(future[r])) {
                    float scaled = (float) scale.apply(future[r]);
                    labels[row * reach + r] = Math.max(-LABEL_LIMIT, Math.min(LABEL_LIMIT, scaled));
                    labelMask[row * reach + r] = 1;
                }
            }
        }
        return new PatchBatch(patches, reach, contexts, labels, labelMask);
    }

    /** A window with at least {@value #MIN_CONTEXT} observed context values and one observed label. */
    Window sample(SplittableRandom random) {
        Window window = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            window = cut(draw(random), random);
            if (window != null && observed(window.context()) >= MIN_CONTEXT && observed(window.future()) > 0) {
                return trendShare > 0 && random.nextDouble() < trendShare ? withAddedTrend(window, random) : window;
            }
        }
        if (window == null) {
            throw new IllegalStateException("no usable training window in " + ATTEMPTS + " draws: the series are too"
                    + " short or too sparse (each needs " + SeriesCorpus.MIN_OBSERVED + " observed values)");
        }
        return window;
    }

    private double[] draw(SplittableRandom random) {
        double u = random.nextDouble();
        if (u < mixture.synthetic()) {
            return synthetic.generate(random.nextLong() & Long.MAX_VALUE).values();
        }
        if (u < mixture.synthetic() + mixture.mixup()) {
            return mixup(random);
        }
        return corpus.pick(random).values();
    }

    /** TSMixup: 1-3 real windows of a common length, each standardised, mixed with Dirichlet(1.5) weights. */
    private double[] mixup(SplittableRandom random) {
        int count = 1 + random.nextInt(3);
        double[][] parts = new double[count][];
        int length = contextValues + reach;
        for (int i = 0; i < count; i++) {
            parts[i] = corpus.pick(random).values();
            length = Math.min(length, parts[i].length);
        }
        double[] weights = new double[count];
        double total = 0;
        for (int i = 0; i < count; i++) {
            weights[i] = gamma(random, 1.5);
            total += weights[i];
        }
        double[] mixed = new double[length];
        for (int i = 0; i < count; i++) {
            int from = random.nextInt(parts[i].length - length + 1);
            double[] piece = Arrays.copyOfRange(parts[i], from, from + length);
            Scale scale = StandardScaler.scaleOf(piece);
            for (int t = 0; t < length; t++) {
                // a value missing in any part is missing in the mix
                mixed[t] += weights[i] / total * scale.apply(piece[t]);
            }
        }
        return mixed;
    }

    /** The origin and the context's length (see the class comment); null if the series is too short. */
    private Window cut(double[] series, SplittableRandom random) {
        int length = series.length;
        if (length < MIN_CONTEXT + 1) {
            return null;
        }
        int origin;
        if (length >= contextValues + reach) {
            origin = contextValues + random.nextInt(length - contextValues - reach + 1);
        } else {
            int labelled = Math.max(1, Math.min(reach, length / 3));
            int latest = length - labelled;
            int earliest = Math.max(MIN_CONTEXT, Math.min(latest, Math.max(latest / 2, latest - contextValues)));
            origin = earliest + random.nextInt(latest - earliest + 1);
        }
        int kept = Math.min(contextValues, origin);
        if (random.nextDouble() < truncation) {
            kept = 1 + random.nextInt(kept);
        }
        double[] context = Arrays.copyOfRange(series, origin - kept, origin);
        double[] future = Arrays.copyOfRange(series, origin, Math.min(length, origin + reach));
        return new Window(context, future);
    }

    /**
     * The window with a straight line added that rises (or falls) by 0.25 to 4 of the context's standard deviations
     * over the context and goes on at the same slope through the labels. Real series teach how much of a trend
     * persists in real data, and in short yearly ones it mostly does not; economies and populations grow for
     * decades. Adding a line that does persist to real textures (seasons, noise, gaps) shows the model trends it may
     * carry without making a series up. A constant context gets a line the size of a tenth of its level (at least 1).
     */
    static Window withAddedTrend(Window window, SplittableRandom random) {
        double[] context = window.context();
        Scale scale = StandardScaler.scaleOf(context);
        double spread = hasSpread(context) ? scale.value() : Math.max(1, 0.1 * Math.abs(scale.center()));
        double rise = LEAST_ADDED_RISE + random.nextDouble() * (MOST_ADDED_RISE - LEAST_ADDED_RISE);
        double slope = (random.nextBoolean() ? rise : -rise) * spread / context.length;
        double[] trendedContext = new double[context.length];
        for (int t = 0; t < context.length; t++) {
            // the line passes through 0 at the origin, so the labels keep their distance from the last value
            trendedContext[t] = context[t] + slope * (t - context.length);
        }
        double[] future = window.future();
        double[] trendedFuture = new double[future.length];
        for (int h = 0; h < future.length; h++) {
            trendedFuture[h] = future[h] + slope * h;
        }
        return new Window(trendedContext, trendedFuture);
    }

    private static boolean hasSpread(double[] values) {
        double first = Double.NaN;
        for (double value : values) {
            if (Double.isFinite(value)) {
                if (Double.isNaN(first)) {
                    first = value;
                } else if (value != first) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Marsaglia and Tsang's gamma sampler (shape at least 1), enough for Dirichlet weights. */
    private static double gamma(SplittableRandom random, double shape) {
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static int observed(double[] values) {
        int count = 0;
        for (double value : values) {
            if (Double.isFinite(value)) {
                count++;
            }
        }
        return count;
    }
}
