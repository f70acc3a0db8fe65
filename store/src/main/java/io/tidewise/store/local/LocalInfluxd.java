package io.tidewise.store.local;

import io.tidewise.core.Validation;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code influxd} (InfluxDB 1.x) as a child process bound to 127.0.0.1, with its configuration, data, WAL and
 * log in one directory. Anonymous usage reporting and the internal monitor database are off. Ports are chosen once
 * (free ones unless given) and kept, so {@link #stop()} then {@link #start()} brings the same server back at the
 * same URL with the same data: what outage tests and restarts need. A JVM shutdown hook kills a server still
 * running, so no orphan process outlives its parent. Not thread-safe.
 */
public final class LocalInfluxd implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalInfluxd.class);
    public static final String EXECUTABLE = "influxd";
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    public static final String INSTALL_HINT = "install the InfluxDB 1.x server, e.g. `apt-get install influxdb`"
            + " on Debian or Ubuntu (it is not started automatically; Tidewise starts its own)";

    private final Path directory;
    private final Path executable;
    private final Duration startTimeout;
    private final int httpPort;
    private final int rpcPort;
    private final boolean authentication;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private volatile Process process;
    private Thread shutdownHook;
    private final Duration exitGrace;

    private LocalInfluxd(Builder builder) throws IOException {
        this.directory = builder.directory.toAbsolutePath();
        this.exitGrace = builder.exitGrace;
        this.executable = builder.executable;
        this.startTimeout = builder.startTimeout;
        this.httpPort = builder.httpPort != 0 ? builder.httpPort : freeLoopbackPort();
        this.rpcPort = builder.rpcPort != 0 ? builder.rpcPort : freeLoopbackPort();
        this.authentication = builder.authentication;
        Files.createDirectories(directory);
        Files.writeString(configFile(), config(), StandardCharsets.UTF_8);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where {@value #EXECUTABLE} is on the PATH, if it is. */
    public static Optional<Path> findExecutable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String folder : path.split(File.pathSeparator)) {
            if (!folder.isBlank()) {
                Path candidate = Path.of(folder, EXECUTABLE);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts the server and returns once it answers {@code /ping}. Does nothing if it is running. */
    public void start() throws IOException, InterruptedException {
        if (isRunning()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of(executable.toString(), "-config", configFile().toString()));
        if (Files.isExecutable(SETSID)) {
            // A session of its own: Ctrl-C in a terminal signals the whole foreground process group, and influxd
            // must outlive the owner's orderly shutdown (which flushes the job's last points into it), not die
            // first. setsid execs influxd in place, so the process (and its pid) is influxd itself.
            argv.add(0, SETSID.toString());
        }
        ProcessBuilder command = new ProcessBuilder(argv)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        // INFLUXDB_* variables override the config file; ours must win so the server stays on loopback.
        command.environment().keySet().removeIf(name -> name.startsWith("INFLUXDB_"));
        process = command.start();
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::killAfterExitGrace, "influxd-shutdown-" + httpPort);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        awaitPing();
        LOG.info("influxd (pid {}) answers at {}, data in {}", process.pid(), url(), directory);
    }

    /** Stops the server gracefully (SIGTERM, then SIGKILL after 15 s); its data stays. */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            LOG.warn("influxd (pid {}) ignored SIGTERM for 15 s; killing it", process.pid());
            process.destroyForcibly().waitFor();
        }
        process = null;
    }

    /** Kills the server at once (SIGKILL), as a crash would; acknowledged writes survive in its WAL. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
            process = null;
        }
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The HTTP API, e.g. {@code http://127.0.0.1:41234}; the same across restarts. */
    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public Path directory() {
        return directory;
    }

    public Path logFile() {
        return directory.resolve("influxd.log");
    }

    /** The process id while the server runs. */
    public OptionalLong pid() {
        return isRunning() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    /**
     * Stops the server; the directory stays (its owner deletes it). If interrupted while waiting for a graceful
     * stop it kills the server instead and sets the thread's interrupt flag again.
     */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            killQuietly();
            process = null;
            Thread.currentThread().interrupt();
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                LOG.debug("JVM already shutting down; its hook stops influxd", e);
            }
            shutdownHook = null;
        }
    }

    /**
     * The JVM runs every shutdown hook at once: the owner's own hook may still be stopping what writes into this
     * server. It gets {@code exitGrace} to stop the server in order before it is killed.
     */
    private void killAfterExitGrace() {
        Process running = process;
        if (running != null && !exitGrace.isZero()) {
            try {
                running.waitFor(exitGrace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        killQuietly();
    }

    private void killQuietly() {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.destroyForcibly();
        }
    }

    private void awaitPing() throws IOException, InterruptedException {
        HttpRequest ping = HttpRequest.newBuilder(URI.create(url() + "/ping")).timeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                int exit = process.exitValue();
                process = null;
                throw new IOException("influxd exited with status " + exit + " while starting; its log "
                        + logFile() + " ends with:\n" + logTail());
            }
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 204) {
                    return;
                }
            } catch (IOException notYet) {
                LOG.trace("influxd not answering yet", notYet);
            }
            Thread.sleep(50);
        }
        stop();
        throw new IOException("influxd did not answer " + url() + "/ping within " + startTimeout + "; its log "
                + logFile() + " ends with:\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private Path configFile() {
        return directory.resolve("influxd.conf");
    }

    private String config() {
        return """
                reporting-disabled = true
                bind-address = "127.0.0.1:%d"

                [meta]
                  dir = %s

                [data]
                  dir = %s
                  wal-dir = %s
                  query-log-enabled = false

                [monitor]
                  store-enabled = false

                [http]
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false
                  auth-enabled = %b

                [logging]
                  level = "warn"
                  suppress-logo = true

                [continuous_queries]
                  enabled = false

                [subscriber]
                  enabled = false
                """.formatted(rpcPort, tomlString(directory.resolve("meta")), tomlString(directory.resolve("data")),
                tomlString(directory.resolve("wal")), httpPort, authentication);
    }

    private static String tomlString(Path path) {
        return '"' + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }

    /** {@code setDirectory} is required; ports default to free ones, the executable to the one on the PATH. */
    public static final class Builder {
        private Path directory;
        private Path executable;
        private int httpPort;
        private int rpcPort;
        private Duration startTimeout = Duration.ofSeconds(30);
        private Duration exitGrace = Duration.ZERO;
        private boolean authentication;

        private Builder() {}

        /** Holds config, data, WAL and log; created if missing, kept after {@link LocalInfluxd#close()}. */
        public Builder setDirectory(Path directory) {
            this.directory = directory;
            return this;
        }

        public Builder optExecutable(Path executable) {
            this.executable = executable;
            return this;
        }

        /** The HTTP API port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder optHttpPort(int httpPort) {
            this.httpPort = httpPort;
            return this;
        }

        /** The backup/restore RPC port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder optRpcPort(int rpcPort) {
            this.rpcPort = rpcPort;
            return this;
        }

        /**
         * Turns on InfluxDB's authentication ({@code [http] auth-enabled}). With no user yet, InfluxDB lets anyone
         * create the first admin user ({@code CREATE USER ... WITH ALL PRIVILEGES}) and nothing else.
         */
        public Builder optAuthentication(boolean authentication) {
            this.authentication = authentication;
            return this;
        }

        public Builder optStartTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /**
         * @throws IllegalStateException if no executable was given and {@value #EXECUTABLE} is not on the PATH
         * @throws IOException if the directory or its config file cannot be written
         */
        /**
         * At JVM exit, how long the server is left to its owner's orderly stop (e.g. a platform that first cancels
         * the job writing into it) before it is killed; default zero, killed at once.
         */
        public Builder optExitGrace(Duration exitGrace) {
            if (exitGrace == null || exitGrace.isNegative()) {
                throw new IllegalArgumentException("exit grace must be zero or positive, was " + exitGrace);
            }
            this.exitGrace = exitGrace;
            return this;
        }

        public LocalInfluxd build() throws IOException {
            Validation.requireNonNull(directory, "directory");
            requirePort(httpPort, "httpPort");
            requirePort(rpcPort, "rpcPort");
            Validation.requireNonNull(startTimeout, "startTimeout");
            if (startTimeout.isNegative() || startTimeout.isZero()) {
                throw new IllegalArgumentException("startTimeout must be positive, was " + startTimeout);
            }
            if (executable == null) {
                executable = findExecutable().orElseThrow(() -> new IllegalStateException(
                        EXECUTABLE + " is not on the PATH (" + System.getenv("PATH") + "): " + INSTALL_HINT));
            } else if (!Files.isExecutable(executable)) {
                throw new IllegalStateException("executable must be an executable file, was " + executable);
            }
            return new LocalInfluxd(this);
        }

        private static void requirePort(int port, String field) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException(field + " must lie in 0..65535 (0: a free one), was " + port);
            }
        }
    }
}
