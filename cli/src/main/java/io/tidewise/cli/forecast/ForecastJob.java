package io.tidewise.cli.forecast;

import io.tidewise.core.Forecast;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.csv.LongCsvContent;
import io.tidewise.core.csv.SeriesData;
import io.tidewise.core.csv.SeriesProblem;
import io.tidewise.model.forecast.ForecastRequest;
import io.tidewise.model.forecast.Forecaster;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Forecasts the good series of a long CSV and writes the {@code forecast} contract's CSV; the rejected series are
 * reported, not fatal. Shared by {@code forecast} and the {@code run} demo.
 */
public final class ForecastJob {
    /** Above this many series a progress bar (series/s, ETA) goes to stderr. */
    public static final int PROGRESS_THRESHOLD = 100;

    /**
     * @param series    the series forecast, in input order of first appearance
     * @param forecasts one per series, same order
     * @param problems  the series (or lines) that could not be used
     * @param rows      rows written to the output
     */
    public record Outcome(List<SeriesData> series, List<Forecast> forecasts, List<SeriesProblem> problems, long rows) {}

    private final Forecaster forecaster;
    private final PrintWriter err;

    /** @param err where problems, warnings and the progress bar go */
    public ForecastJob(Forecaster forecaster, PrintWriter err) {
        this.forecaster = forecaster;
        this.err = err;
    }

    /** Forecasts every good series of {@code content}; writes the output only when at least one series is good. */
    public Outcome run(LongCsvContent content, int horizon, QuantileLevels levels, Path output) throws IOException {
        if (horizon <= 0) {
            throw new IllegalArgumentException("horizon must be positive, was " + horizon);
        }
        List<SeriesData> series = content.series();
        List<ForecastRequest> requests = new ArrayList<>(series.size());
        for (SeriesData data : series) {
            if (data.timeKind().hasCalendar() && data.frequency().isEmpty()) {
                err.println("warning: series '" + data.series() + "' has a single time (" + data.lastTime()
                        + "), so its frequency is unknown; its forecast rows get an empty timestamp");
            }
            requests.add(new ForecastRequest(data.series(), data.values(),
                    data.timeKind().hasCalendar() ? data.lastTime().instant() : null,
                    data.frequency().orElse(null)));
        }
        List<Forecast> forecasts = requests.isEmpty() ? List.of() : forecastWithProgress(requests, horizon, levels);
        long rows = 0;
        if (!series.isEmpty()) {
            Path parent = output.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                rows = ForecastCsvWriter.write(out, series, forecasts, levels);
            }
        }
        return new Outcome(series, forecasts, content.problems(), rows);
    }

    private List<Forecast> forecastWithProgress(List<ForecastRequest> requests, int horizon, QuantileLevels levels) {
        if (requests.size() <= PROGRESS_THRESHOLD) {
            return forecaster.forecast(requests, horizon, levels, done -> { });
        }
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName("Forecasting")
                .setInitialMax(requests.size())
                .setUnit(" series", 1)
                .showSpeed()
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new DelegatingProgressBarConsumer(line -> {
                    err.print('\r' + line);
                    err.flush();
                }));
        try (ProgressBar bar = builder.build()) {
            IntConsumer seriesDone = bar::stepTo;
            List<Forecast> forecasts = forecaster.forecast(requests, horizon, levels, seriesDone);
            bar.stepTo(requests.size());
            return forecasts;
        } finally {
            err.println();
        }
    }
}
