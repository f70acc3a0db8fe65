package io.tidewise.store.testing;

import io.tidewise.store.InfluxSettings;
import io.tidewise.store.RetryPolicy;
import io.tidewise.store.local.LocalInfluxd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real {@code influxd} on free loopback ports, in a temporary directory, before a test class and stops it
 * and deletes the directory after. Use it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final InfluxServerExtension INFLUX = new InfluxServerExtension();
 * ...
 * try (InfluxStore store = InfluxStore.connect(INFLUX.freshSettings().build())) { ... }
 * }</pre>
 *
 * If {@code influxd} is not on the PATH the class fails (it never skips): a test that silently does not run is
 * worse than a red one. {@link #stop()}, {@link #kill()} and {@link #start()} take the server away and bring it
 * back at the same URL with the same data, for outage tests.
 */
public final class InfluxServerExtension implements BeforeAllCallback, AfterAllCallback {
    private final Supplier<Optional<Path>> executableFinder;
    private final boolean authentication;
    private final AtomicInteger databases = new AtomicInteger();
    private Path directory;
    private LocalInfluxd server;

    public InfluxServerExtension() {
        this(LocalInfluxd::findExecutable, false);
    }

    /**
     * A server with authentication on and no user yet: the test creates the first admin user itself, and
     * {@link #freshSettings()} must then be given credentials.
     */
    public static InfluxServerExtension withAuthentication() {
        return new InfluxServerExtension(LocalInfluxd::findExecutable, true);
    }

    InfluxServerExtension(Supplier<Optional<Path>> executableFinder, boolean authentication) {
        this.executableFinder = executableFinder;
        this.authentication = authentication;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        Path executable = executableFinder.get().orElseThrow(() -> new IllegalStateException(
                "These tests need a real InfluxDB 1.x server, but " + LocalInfluxd.EXECUTABLE
                        + " is not on the PATH: " + LocalInfluxd.INSTALL_HINT));
        directory = Files.createTempDirectory("tidewise-influxd-");
        server = LocalInfluxd.builder().setDirectory(directory).optExecutable(executable)
                .optAuthentication(authentication).build();
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException, InterruptedException {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (directory != null) {
                FileUtils.deleteDirectory(directory.toFile());
            }
        }
    }

    public String url() {
        return running().url();
    }

    /**
     * Settings for a database no other test of this server has used (it is created on connect), retrying quickly
     * (50 ms doubling to 500 ms) and never giving up, so outage tests see backpressure rather than errors.
     */
    public InfluxSettings.Builder freshSettings() {
        return InfluxSettings.builder()
                .setUrl(url())
                .optDatabase("test_" + databases.incrementAndGet())
                .optRetryPolicy(RetryPolicy.builder()
                        .optInitialBackoff(Duration.ofMillis(50))
                        .optMaxBackoff(Duration.ofMillis(500))
                        .build())
                .optConnectTimeout(Duration.ofSeconds(2))
                .optRequestTimeout(Duration.ofSeconds(10));
    }

    /** Stops the server gracefully; its data stays for {@link #start()}. */
    public void stop() throws InterruptedException {
        running().stop();
    }

    /** Kills the server as a crash would; its data (acknowledged writes) stays for {@link #start()}. */
    public void kill() throws InterruptedException {
        running().kill();
    }

    /** Starts the server again at the same URL with the same data; returns once it answers /ping. */
    public void start() throws IOException, InterruptedException {
        running().start();
    }

    /**
     * Freezes the running server (SIGSTOP): connections are accepted by the kernel but nothing answers, as with an
     * overloaded or hung InfluxDB; requests end by their client's timeout. {@link #thaw()} lets it go on.
     */
    public void freeze() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Lets a frozen server go on (SIGCONT). */
    public void thaw() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        long pid = running().pid().orElseThrow(() -> new IllegalStateException("influxd is not running"));
        Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill " + signal + " " + pid + " failed with status " + kill.exitValue());
        }
    }

    public LocalInfluxd server() {
        return running();
    }

    private LocalInfluxd running() {
        if (server == null) {
            throw new IllegalStateException("the influxd of this extension is not set up: register it as a static"
                    + " @RegisterExtension field");
        }
        return server;
    }
}
