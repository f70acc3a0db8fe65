package io.tidewise.training.evaluate;

import io.tidewise.core.QuantileLevels;
import io.tidewise.training.baseline.ForecastMethod;
import io.tidewise.training.baseline.ForecastTask;
import io.tidewise.training.baseline.MethodForecast;
import io.tidewise.training.baseline.SeasonalNaive;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs forecasting methods over the same rolling-origin windows of a set of series and scores them. The baseline
 * (seasonal naive unless set otherwise) is always among the methods, so every report carries the yardstick of its
 * own run. Windows whose context or actuals are entirely missing are skipped for every method alike.
 *
 * <p>Each method gets all windows of all series in one {@link ForecastMethod#forecastAll} call, so a batched
 * method (the GPT) batches across series and windows.
 */
public final class Backtest {
    private static final Logger LOG = LoggerFactory.getLogger(Backtest.class);

    private final RollingOrigin windows;
    private final QuantileLevels levels;
    private final List<ForecastMethod> methods;
    private final String baseline;
    private final int threads;

    private Backtest(Builder builder) {
        this.windows = builder.windows;
        this.threads = builder.threads;
        this.levels = builder.levels;
        String defaultName = builder.defaultBaseline().name();
        ForecastMethod baselineMethod = builder.baseline != null ? builder.baseline
                : builder.methods.stream().filter(method -> method.name().equals(defaultName)).findFirst()
                        .orElseGet(builder::defaultBaseline);
        this.baseline = baselineMethod.name();
        // The baseline runs first and once, even when it is also among the added methods.
        List<ForecastMethod> all = new ArrayList<>();
        all.add(baselineMethod);
        for (ForecastMethod method : builder.methods) {
            if (!method.name().equals(baseline)) {
                all.add(method);
            }
        }
        this.methods = List.copyOf(all);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The method names in report order, the baseline first. */
    public List<String> methodNames() {
        return methods.stream().map(ForecastMethod::name).toList();
    }

    public BacktestReport run(List<EvaluationSeries> series) {
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException("series must hold at least one series to backtest, was " + series);
        }
        List<PlannedWindow> planned = plan(series);
        if (planned.isEmpty()) {
            throw new IllegalArgumentException("no series of " + series.size() + " is long enough for " + windows);
        }
        List<ForecastTask> tasks = planned.stream()
                .map(window -> new ForecastTask(window.context, window.series.seasonalPeriod()))
                .toList();
        List<SeriesScore> scores = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        for (ForecastMethod method : methods) {
            long started = System.nanoTime();
            List<MethodForecast> forecasts = forecast(method, tasks);
            double elapsed = (System.nanoTime() - started) / 1e9;
            if (forecasts.size() != tasks.size()) {
                throw new IllegalStateException("method " + method.name() + " returned " + forecasts.size()
                        + " forecasts for " + tasks.size() + " windows");
            }
            LOG.info("{}: {} windows of {} series in {} s", method.name(), tasks.size(), series.size(),
                    String.format("%.2f", elapsed));
            seconds.add(elapsed);
            scores.addAll(scoreMethod(method.name(), planned, forecasts));
        }
        return BacktestReport.of(baseline, windows, levels, methodNames(), seconds, scores);
    }

    /**
     * All windows in one call, or, for a thread-safe method and more than one thread, in one chunk per thread
     * (results in task order either way, so the report does not depend on the thread count).
     */
    private List<MethodForecast> forecast(ForecastMethod method, List<ForecastTask> tasks) {
        if (threads == 1 || !method.isThreadSafe() || tasks.size() < 2) {
            return method.forecastAll(tasks, windows.horizon(), levels);
        }
        int chunks = Math.min(threads, tasks.size());
        ExecutorService executor = Executors.newFixedThreadPool(chunks);
        try {
            List<Future<List<MethodForecast>>> futures = new ArrayList<>();
            for (int c = 0; c < chunks; c++) {
                List<ForecastTask> chunk = tasks.subList(c * tasks.size() / chunks, (c + 1) * tasks.size() / chunks);
                futures.add(executor.submit(() -> method.forecastAll(chunk, windows.horizon(), levels)));
            }
            List<MethodForecast> forecasts = new ArrayList<>(tasks.size());
            for (Future<List<MethodForecast>> future : futures) {
                forecasts.addAll(future.get());
            }
            return forecasts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("backtest of " + method.name() + " was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("method " + method.name() + " failed in a backtest", e.getCause());
        } finally {
            executor.shutdownNow();
        }
    }

    private List<PlannedWindow> plan(List<EvaluationSeries> series) {
        Set<String> ids = new LinkedHashSet<>();
        List<PlannedWindow> planned = new ArrayList<>();
        for (EvaluationSeries one : series) {
            if (!ids.add(one.id())) {
                throw new IllegalArgumentException("series ids must be unique, but '" + one.id() + "' repeats");
            }
            double[] values = one.valuesUnsafe();
            List<RollingOrigin.Window> seriesWindows = windows.windowsFor(values.length);
            if (seriesWindows.isEmpty()) {
                LOG.info("series {} of {} values is too short for {}: left out", one.id(), values.length, windows);
            }
            for (RollingOrigin.Window window : seriesWindows) {
                double[] context = window.context(values);
                double[] actual = window.actual(values);
                if (allMissing(context) || allMissing(actual)) {
                    LOG.debug("skipping window at origin {} of {}: context or actuals all missing", window.origin(),
                            one.id());
                    continue;
                }
                planned.add(new PlannedWindow(one, window, context, actual));
            }
        }
        return planned;
    }

    /**
     * The point forecast MASE and sMAPE score: the median when the levels hold 0.5, as Chronos, fev and GIFT-Eval
     * score probabilistic forecasters (absolute errors are smallest at the median; on intermittent counts the mean
     * of a skewed distribution is far from it), otherwise the mean. For the baselines' normal forecasts the two agree.
     */
    static double[] pointForecast(MethodForecast forecast) {
        boolean hasMedian = false;
        for (int q = 0; q < forecast.levels().size(); q++) {
            hasMedian |= Math.abs(forecast.levels().level(q) - 0.5) < 1e-9;
        }
        if (!hasMedian) {
            return forecast.mean();
        }
        double[] median = new double[forecast.horizon()];
        for (int step = 0; step < median.length; step++) {
            median[step] = forecast.quantileAt(step, 0.5);
        }
        return median;
    }

    private List<SeriesScore> scoreMethod(String method, List<PlannedWindow> planned,
            List<MethodForecast> forecasts) {
        List<SeriesScore> scores = new ArrayList<>();
        int i = 0;
        while (i < planned.size()) {
            EvaluationSeries series = planned.get(i).series;
            double maseSum = 0;
            int maseCount = 0;
            double smapeSum = 0;
            int smapeCount = 0;
            QuantileLossSums losses = null;
            int inside = 0;
            int observed = 0;
            int windowCount = 0;
            for (; i < planned.size() && planned.get(i).series == series; i++) {
                PlannedWindow window = planned.get(i);
                MethodForecast forecast = forecasts.get(i);
                double[] point = pointForecast(forecast);
                double mase = Metrics.mase(window.actual, point,
                        Metrics.maseScale(window.context, series.seasonalPeriod()));
                if (Double.isFinite(mase)) {
                    maseSum += mase;
                    maseCount++;
                }
                double smape = Metrics.smape(window.actual, point);
                if (Double.isFinite(smape)) {
                    smapeSum += smape;
                    smapeCount++;
                }
                QuantileLossSums windowLosses = Metrics.quantileLossSums(window.actual, forecast);
                losses = losses == null ? windowLosses : losses.plus(windowLosses);
                if (hasLevel(0.1) && hasLevel(0.9)) {
                    int[] counts = Metrics.coverageCounts(window.actual, forecast, 0.1, 0.9);
                    inside += counts[0];
                    observed += counts[1];
                }
                windowCount++;
            }
            scores.add(new SeriesScore(series.id(), method, windowCount,
                    maseCount == 0 ? Double.NaN : maseSum / maseCount,
                    smapeCount == 0 ? Double.NaN : smapeSum / smapeCount,
                    losses.weightedQuantileLoss(),
                    observed == 0 ? Double.NaN : (double) inside / observed,
                    Double.NaN, Double.NaN));
        }
        return scores;
    }

    private boolean hasLevel(double level) {
        for (int q = 0; q < levels.size(); q++) {
            if (Math.abs(levels.level(q) - level) < 1e-9) {
                return true;
            }
        }
        return false;
    }

    private static boolean allMissing(double[] values) {
        for (double value : values) {
            if (!Double.isNaN(value)) {
                return false;
            }
        }
        return true;
    }

    private record PlannedWindow(EvaluationSeries series, RollingOrigin.Window window, double[] context,
            double[] actual) {}

    /** Collects the settings; {@link #build()} checks them. */
    public static final class Builder {
        private RollingOrigin windows;
        private QuantileLevels levels = QuantileLevels.DECILES;
        private final List<ForecastMethod> methods = new ArrayList<>();
        private ForecastMethod baseline;
        private int threads = 1;

        private Builder() {}

        /** Where the origins lie (required). */
        public Builder setWindows(RollingOrigin windows) {
            this.windows = windows;
            return this;
        }

        /** A method to score (at least one besides the baseline is usual, none is allowed). */
        public Builder addMethod(ForecastMethod method) {
            if (method == null) {
                throw new IllegalArgumentException("method is required but was null");
            }
            methods.add(method);
            return this;
        }

        /** The quantile levels every method forecasts; defaults to the deciles (p10 and p90 give coverage). */
        public Builder optLevels(QuantileLevels levels) {
            this.levels = levels;
            return this;
        }

        /** The method relative scores divide by; defaults to R-style seasonal naive. */
        public Builder optBaseline(ForecastMethod baseline) {
            this.baseline = baseline;
            return this;
        }

        /** Threads for thread-safe methods (the baselines); defaults to 1. */
        public Builder optThreads(int threads) {
            this.threads = threads;
            return this;
        }

        private ForecastMethod defaultBaseline() {
            return SeasonalNaive.normal();
        }

        public Backtest build() {
            if (windows == null) {
                throw new IllegalArgumentException("windows is required but was null");
            }
            if (levels == null) {
                throw new IllegalArgumentException("levels is required but was null");
            }
            if (threads <= 0) {
                throw new IllegalArgumentException("threads must be positive, was " + threads);
            }
            Set<String> names = new LinkedHashSet<>();
            for (ForecastMethod method : methods) {
                if (!names.add(method.name())) {
                    throw new IllegalArgumentException("method names must be unique, but '" + method.name()
                            + "' repeats");
                }
            }
            return new Backtest(this);
        }
    }
}
