package io.tidewise.cli.forecast;

import io.tidewise.training.loop.TrainingLoop;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The progress of {@code --adapt-seconds} on stderr: seconds spent of the budget, steps/s and the smoothed loss. */
final class AdaptationProgress implements Consumer<TrainingLoop.StepReport>, AutoCloseable {
    private final ProgressBar bar;
    private final long start = System.nanoTime();
    private double smoothedLoss = Double.NaN;

    AdaptationProgress(double budgetSeconds, PrintStream err) {
        this.bar = new ProgressBarBuilder()
                .setTaskName("adapting to the input")
                .setInitialMax(Math.max(1, Math.round(budgetSeconds * 10)))
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(err))
                .setUnit(" s", 10)
                .build();
    }

    @Override
    public void accept(TrainingLoop.StepReport report) {
        smoothedLoss = Double.isNaN(smoothedLoss) ? report.loss() : 0.9 * smoothedLoss + 0.1 * report.loss();
        double seconds = (System.nanoTime() - start) / 1e9;
        bar.stepTo(Math.min(bar.getMax(), Math.round(seconds * 10)));
        bar.setExtraMessage(String.format(Locale.ROOT, " | step %d | %.1f steps/s | loss %.4f", report.step() + 1,
                (report.step() + 1) / Math.max(seconds, 1e-9), smoothedLoss));
    }

    @Override
    public void close() {
        bar.close();
    }
}
