package io.tidewise.training.loop;

import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A terminal progress bar for a training run on stderr: steps done with rate and ETA, and the smoothed loss,
 * learning rate and tokens per second in its message.
 */
public final class TrainingProgress implements Consumer<TrainingLoop.StepReport>, AutoCloseable {
    private final ProgressBar bar;
    private final long startNanos = System.nanoTime();
    private double smoothedLoss = Double.NaN;
    private long tokens;

    public TrainingProgress(String task, int totalSteps, int firstStep) {
        this.bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalSteps)
                .startsFrom(firstStep, java.time.Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
                .showSpeed()
                .setUnit(" steps", 1)
                .build();
    }

    @Override
    public void accept(TrainingLoop.StepReport report) {
        // an exponential average reads better than the noisy loss of single batches
        smoothedLoss = Double.isNaN(smoothedLoss) ? report.loss() : 0.9 * smoothedLoss + 0.1 * report.loss();
        tokens += report.tokensPerStep();
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        bar.stepTo(report.step() + 1);
        bar.setExtraMessage(String.format(java.util.Locale.ROOT, " | loss %.4f | lr %.2e | %.0f tok/s", smoothedLoss,
                report.learningRate(), tokens / seconds));
    }

    @Override
    public void close() {
        bar.close();
    }
}
