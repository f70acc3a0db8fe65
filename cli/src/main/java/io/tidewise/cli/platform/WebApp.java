package io.tidewise.cli.platform;

import io.tidewise.ui.UiOptions;
import io.tidewise.ui.UiServer;
import io.tidewise.ui.streams.JobRestarter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web app beside the platform. It starts in a background thread of low priority once the first forecasts are
 * in InfluxDB (or after {@code maxWait}), because starting Spring and Vaadin takes the CPU for seconds that the job
 * needs for its first forecasts. Then it prints its address and, on a first run, the admin password.
 */
final class WebApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
    private static final Duration POLL = Duration.ofSeconds(2);

    private final Thread starter;
    private volatile boolean closed;
    private UiServer server;

    private WebApp(UiOptions options, JobRestarter restarter, BooleanSupplier ready, Duration maxWait,
            PrintWriter out) {
        starter = new Thread(() -> run(options, restarter, ready, maxWait, out), "tidewise-web-app-start");
        starter.setDaemon(true);
        starter.setPriority(Thread.MIN_PRIORITY);
    }

    /**
     * Starts the app in the background once {@code ready} says so or {@code maxWait} has passed, with the restarter
     * of the job it runs beside (null for none).
     */
    static WebApp startWhen(BooleanSupplier ready, Duration maxWait, UiOptions options, JobRestarter restarter,
            PrintWriter out) {
        WebApp app = new WebApp(options, restarter, ready, maxWait, out);
        app.starter.start();
        return app;
    }

    private void run(UiOptions options, JobRestarter restarter, BooleanSupplier ready, Duration maxWait,
            PrintWriter out) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        try {
            while (!closed && System.nanoTime() < deadline && !isReady(ready)) {
                Thread.sleep(POLL.toMillis());
            }
            if (closed) {
                return;
            }
            UiServer started = UiServer.start(options, restarter);
            synchronized (this) {
                if (closed) {
                    started.close();
                    return;
                }
                server = started;
            }
            announce(started, out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("The web app did not start", e);
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            synchronized (out) {
                out.println("  Web app          did not start (" + cause.getMessage() + "); the platform runs on"
                        + " without it: choose another port with --ui-port, or none with --ui-port -1");
                out.flush();
            }
        }
    }

    private static boolean isReady(BooleanSupplier ready) {
        try {
            return ready.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.debug("Readiness of the platform could not be read yet", e);
            return false;
        }
    }

    static void announce(UiServer server, PrintWriter out) {
        synchronized (out) {
            out.println("  Web app          " + server.url() + "  (log in with a user of " + server.usersFile()
                    .toAbsolutePath() + ")");
            server.firstRunPassword().ifPresent(password -> out.println("  " + UiServer.firstRunMessage(server,
                    password)));
            out.flush();
        }
    }

    @Override
    public void close() {
        closed = true;
        starter.interrupt();
        UiServer running;
        synchronized (this) {
            running = server;
            server = null;
        }
        if (running != null) {
            running.close();
        }
    }
}
