package io.tidewise.cli.platform;

import io.tidewise.ui.streams.JobRestartException;
import io.tidewise.ui.streams.JobRestarter;
import io.tidewise.ui.streams.RestartResult;
import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The web app's restart of {@code tidewise run}'s embedded job ({@link Platform#restartJob()}): the Streams view
 * offers it after a save, and the console gets a status line when it happens.
 */
final class EmbeddedJobRestarter implements JobRestarter {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Platform platform;
    private final PrintWriter out;

    EmbeddedJobRestarter(Platform platform, PrintWriter out) {
        this.platform = platform;
        this.out = out;
    }

    @Override
    public boolean available() {
        return platform.canRestartJob();
    }

    @Override
    public String describe() {
        return "the Flink job of ./tidewise run (on its embedded MiniCluster, " + platform.flinkUrl() + ")";
    }

    @Override
    public RestartResult restart() {
        print("restarting the job from a savepoint to apply the stream definitions in the streams folder...");
        Platform.JobRestart restart;
        try {
            restart = platform.restartJob();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(new JobRestartException("interrupted while restarting the job", e));
        } catch (Exception e) {
            throw failed(new JobRestartException(e.getMessage(), e));
        }
        print(String.format(java.util.Locale.ROOT, "job restarted from savepoint %s in %.1f s, reading streams %s",
                restart.savepoint(), restart.took().toMillis() / 1000.0, restart.streams()));
        return new RestartResult(restart.savepoint().toString(), restart.took(), "all state restored (same "
                + "operators), job " + restart.startedJob() + " reads streams " + String.join(", ", restart.streams()));
    }

    private JobRestartException failed(JobRestartException e) {
        print("job restart failed: " + e.getMessage());
        return e;
    }

    private void print(String line) {
        synchronized (out) { // the status lines of `run` come from another thread
            out.println(CLOCK.format(LocalTime.now()) + "  " + line);
            out.flush();
        }
    }
}
