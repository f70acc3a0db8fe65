package io.tidewise.training.loop;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Appends every step's loss to a CSV ({@code step,loss,learning_rate,gradient_norm,seconds}) beside a run's checkpoint,
 * so the loss curve of a run resumed over several sessions is one file; seconds count from this invocation's start.
 */
public final class LossLog implements Consumer<TrainingLoop.StepReport>, AutoCloseable {
    private final BufferedWriter out;
    private final long start = System.nanoTime();

    public LossLog(Path file) throws IOException {
        boolean fresh = !Files.exists(file);
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (fresh) {
            out.write("step,loss,learning_rate,gradient_norm,seconds\n");
        }
    }

    @Override
    public void accept(TrainingLoop.StepReport report) {
        try {
            out.write(String.format(Locale.ROOT, "%d,%.5f,%.3e,%.4f,%.1f%n", report.step(), report.loss(),
                    report.learningRate(), report.gradientNorm(), (System.nanoTime() - start) / 1e9));
            if (report.step() % 50 == 0) {
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the loss log", e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
