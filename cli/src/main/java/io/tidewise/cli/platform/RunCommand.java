package io.tidewise.cli.platform;

import io.tidewise.cli.ExitCodes;
import io.tidewise.cli.Home;
import io.tidewise.cli.forecast.DefaultModel;
import io.tidewise.ingest.produce.SpeedFactor;
import io.tidewise.ui.UiOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tidewise run}: the whole platform on this machine ({@link Platform}) until Ctrl-C (or {@code --for}), with
 * a status line every ten seconds.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"The whole platform on this machine: a Kafka broker (in-process, loopback), a local influxd,"
                + " the Flink forecasting job on a MiniCluster, and demo producers for stock, economy and traffic"
                + " streams (streams/*.yaml).",
                "Prints where each piece listens, then a status line every 10 s; Ctrl-C stops everything.",
                "Kafka's log, InfluxDB's data and the job's checkpoints stay in the data directory (--data-dir,"
                + " default ~/.tidewise/data): started again, the platform continues where it stopped. Delete the"
                + " folder (or give another) to start afresh; --ephemeral keeps nothing.",
                "The web app starts beside the job once its first forecasts are in, on http://127.0.0.1:8080/.",
                "The forecast demo on the shipped CSV is `./tidewise demo`."})
public final class RunCommand implements Callable<Integer> {
    /** HH:mm:ss always: LocalTime's own toString drops zero seconds, which misaligns the status lines. */
    private static final java.time.format.DateTimeFormatter CLOCK = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss");

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);
    static final Duration STATUS_INTERVAL = Duration.ofSeconds(10);
    /** The web app starts at the latest this long after the platform, first forecasts or not. */
    static final Duration WEB_APP_MAX_WAIT = Duration.ofSeconds(60);

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR",
            description = "Checkpoint directory to forecast with instead of the registry's default model.")
    Path model;

    @Option(names = "--streams", paramLabel = "DIR",
            description = "Stream definitions (default: streams/ under the Tidewise home).")
    Path streams;

    @Option(names = "--kafka", paramLabel = "HOST:PORT",
            description = "Use this Kafka instead of starting a broker in-process.")
    String kafka;

    @Option(names = "--kafka-port", defaultValue = "9092", paramLabel = "PORT",
            description = "Port of the in-process broker, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--influx", paramLabel = "URL",
            description = "Use this InfluxDB (1.x HTTP API) instead of starting influxd; credentials from"
                    + " TIDEWISE_INFLUX_USER/TIDEWISE_INFLUX_PASSWORD.")
    String influx;

    @Option(names = "--flink", paramLabel = "HOST:PORT",
            description = "Submit the job to this Flink cluster's REST endpoint instead of a MiniCluster. Its task"
                    + " managers must reach Kafka and InfluxDB at the addresses printed (the in-process broker and"
                    + " influxd listen on 127.0.0.1 only: a cluster on other machines needs --kafka and --influx) and"
                    + " read the model directory at the same absolute path (on this machine, any --model works); its"
                    + " lib/ needs PyTorch's native library (streaming/README.md).")
    String flink;

    @Option(names = "--flink-job-jar", paramLabel = "JAR",
            description = "Job jar shipped with --flink (default: streaming/target/"
                    + "tidewise-streaming-0.1.0-SNAPSHOT-job.jar under the Tidewise home).")
    Path flinkJobJar;

    @Option(names = "--flink-port", defaultValue = "8081", paramLabel = "PORT",
            description = "REST port of the MiniCluster, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int flinkPort;

    @Option(names = "--series", defaultValue = "5", paramLabel = "N",
            description = "Demo series per domain, 0 for no demo producers (default: ${DEFAULT-VALUE}).")
    int series;

    @Option(names = "--history", defaultValue = "48", paramLabel = "STEPS",
            description = "Steps of history each demo series sends first, quickly (default: ${DEFAULT-VALUE}).")
    int history;

    @Option(names = "--rate", defaultValue = "500", paramLabel = "R",
            description = "Records per second, all domains together, while the history is sent (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--speed", defaultValue = "60x", paramLabel = "FACTOR",
            description = "Event time against wall time once live: 60x, 1x, ... (default: ${DEFAULT-VALUE}).")
    String speed;

    @Option(names = "--ui-port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port of the web app, 0 for any free one, -1 for no web app (default: ${DEFAULT-VALUE}).")
    int uiPort;

    @Option(names = "--ui-host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address the web app listens on (default: ${DEFAULT-VALUE}, this machine only).")
    String uiHost;

    @Option(names = "--ui-users", paramLabel = "FILE",
            description = "The web app's users file (default: ~/.tidewise/ui-users; see README, Web app).")
    Path uiUsers;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where Kafka's log, InfluxDB's data and the job's checkpoints are kept across restarts"
                    + " (default: ~/.tidewise/data). One `run` at a time per folder.")
    Path dataDir;

    @Option(names = "--ephemeral",
            description = "Keep everything in a temporary folder removed on exit instead of the data directory.")
    boolean ephemeral;

    @Option(names = "--for", paramLabel = "DURATION",
            description = "Stop after this long (ISO-8601 or e.g. 90s, 10m); until Ctrl-C by default.")
    String duration;

    @Override
    public Integer call() throws Exception {
        CommandLine commandLine = spec.commandLine();
        if (series < 0) {
            throw new CommandLine.ParameterException(commandLine, "--series must not be negative, was " + series);
        }
        if (history < 0) {
            throw new CommandLine.ParameterException(commandLine, "--history must not be negative, was " + history);
        }
        if (!(rate > 0)) {
            throw new CommandLine.ParameterException(commandLine, "--rate must be positive, was " + rate);
        }
        SpeedFactor speedFactor;
        try {
            speedFactor = SpeedFactor.parse(speed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--" + e.getMessage());
        }
        Duration runFor = duration == null ? null : parseDuration(commandLine, duration);
        if (ephemeral && dataDir != null) {
            throw new CommandLine.ParameterException(commandLine, "--ephemeral and --data-dir " + dataDir
                    + " exclude each other: an ephemeral run keeps no data directory");
        }
        Path checkpoint = DefaultModel.resolve(commandLine, model);
        Path home = Home.directory();
        Platform.Builder builder = Platform.builder()
                .setStreams(streams != null ? streams : home.resolve("streams"))
                .setModel(checkpoint)
                .optKafkaPort(kafkaPort)
                .optFlinkRestPort(flinkPort)
                .optSeriesPerDomain(series)
                .optHistorySteps(history)
                .optRate(rate)
                .optSpeed(speedFactor);
        if (!ephemeral) {
            builder.optDataDirectory(dataDir != null ? dataDir : DataDirectory.defaultLocation());
        }
        if (kafka != null) {
            builder.optKafka(kafka);
        }
        if (influx != null) {
            builder.optInflux(influx);
        }
        if (flink != null) {
            builder.optFlink(flink, flinkJobJar != null ? flinkJobJar : home.resolve("streaming/target/"
                    + "tidewise-streaming-0.1.0-SNAPSHOT-job.jar"));
        }
        PrintWriter out = commandLine.getOut();
        Platform platform = builder.build();
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C: stop producers, job, influxd and broker before the JVM goes, then let main return.
        java.util.concurrent.atomic.AtomicReference<WebApp> webApp = new java.util.concurrent.atomic.AtomicReference<>();
        Thread hook = new Thread(() -> {
            closeWebApp(webApp.get());
            platform.close();
            stopped.countDown();
        }, "tidewise-run-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            platform.start();
            out.println("Tidewise is running (Ctrl-C stops it):");
            out.println("  Kafka bootstrap  " + platform.kafkaBootstrap());
            out.println("  InfluxDB         " + platform.influxUrl() + "  (database tidewise)");
            out.println("  Flink REST       " + platform.flinkUrl() + "  (jobs: " + platform.flinkUrl()
                    + "/jobs/overview)");
            out.println("  Model            " + checkpoint);
            printDataDirectory(out, platform);
            out.flush();
            if (uiPort >= 0) {
                out.println("  Web app          starting once the first forecasts are in (at most "
                        + WEB_APP_MAX_WAIT.toSeconds() + " s)...");
                out.flush();
                // after the job's first forecasts: Spring and Vaadin starting would slow them down
                webApp.set(WebApp.startWhen(() -> hasForecasts(platform), WEB_APP_MAX_WAIT,
                        new UiOptions(uiHost, uiPort, platform.influxUrl(), null, platform.kafkaBootstrap(),
                                platform.flinkUrl(), home.resolve("models"),
                                streams != null ? streams : home.resolve("streams"), uiUsers, true),
                        flink == null ? new EmbeddedJobRestarter(platform, out) : null, out));
            }
            long deadline = runFor == null ? Long.MAX_VALUE : System.nanoTime() + runFor.toNanos();
            while (System.nanoTime() < deadline) {
                long wait = Math.min(STATUS_INTERVAL.toNanos(), deadline - System.nanoTime());
                if (stopped.await(Math.max(wait, 0), TimeUnit.NANOSECONDS)) {
                    break;
                }
                String line;
                try {
                    line = CLOCK.format(java.time.LocalTime.now()) + "  " + platform.status().describe();
                } catch (Exception e) {
                    LOG.warn("Status could not be read", e);
                    line = CLOCK.format(java.time.LocalTime.now()) + "  status unavailable: " + e.getMessage();
                }
                synchronized (out) { // the web app announces itself from its own thread
                    out.println(line);
                    out.flush();
                }
            }
        } finally {
            closeWebApp(webApp.get());
            platform.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                LOG.debug("The JVM is already shutting down; the hook stops the platform", e);
            }
        }
        return ExitCodes.OK;
    }

    /** Where the data lives and where the job resumed from: what a restart keeps is visible at a glance. */
    private void printDataDirectory(PrintWriter out, Platform platform) {
        DataDirectory data = platform.dataDirectory();
        out.println("  Data             " + (data.isEphemeral() ? data.root() + "  (ephemeral: removed on exit)"
                : data.root()));
        if (flink != null) {
            out.println("  Job state        on the cluster " + flink + " (resume there from a savepoint: flink run -s)");
        } else if (platform.resumedFrom().isPresent()) {
            out.println("  Job state        resumed from checkpoint " + platform.resumedFrom().get());
        } else {
            out.println("  Job state        fresh (no checkpoint to resume from yet)");
        }
    }

    /** Whether the job has stored its first forecasts; false while that cannot be read yet. */
    private static boolean hasForecasts(Platform platform) {
        try {
            return platform.status().seriesForecast() > 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.debug("Forecasts in InfluxDB could not be counted yet", e);
            return false;
        }
    }

    private static void closeWebApp(WebApp webApp) {
        if (webApp != null) {
            webApp.close();
        }
    }

    static Duration parseDuration(CommandLine commandLine, String text) {
        String trimmed = text.strip().toLowerCase(java.util.Locale.ROOT);
        try {
            Duration parsed = trimmed.startsWith("p") ? Duration.parse(trimmed.toUpperCase(java.util.Locale.ROOT))
                    : Duration.parse("PT" + trimmed.toUpperCase(java.util.Locale.ROOT));
            if (parsed.isNegative() || parsed.isZero()) {
                throw new CommandLine.ParameterException(commandLine, "--for must be positive, was " + text);
            }
            return parsed;
        } catch (java.time.format.DateTimeParseException e) {
            throw new CommandLine.ParameterException(commandLine,
                    "--for must be a duration such as 90s, 10m or PT1H, was '" + text + "'");
        }
    }
}
