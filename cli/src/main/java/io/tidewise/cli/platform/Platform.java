package io.tidewise.cli.platform;

import io.tidewise.ingest.definition.StreamCatalog;
import io.tidewise.ingest.definition.StreamDefinitionLoader;
import io.tidewise.ingest.produce.SpeedFactor;
import io.tidewise.ingest.topic.TopicAdmin;
import io.tidewise.ingest.topic.Topics;
import io.tidewise.store.InfluxQueries;
import io.tidewise.store.InfluxSettings;
import io.tidewise.store.InfluxStore;
import io.tidewise.store.SeriesSummary;
import io.tidewise.store.local.LocalInfluxd;
import io.tidewise.streaming.TidewiseJobMain;
import io.tidewise.streaming.metrics.MetricsReporting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.commons.io.FileUtils;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform on one machine: a Kafka broker in this JVM, a local {@code influxd}, streaming's job on a Flink
 * MiniCluster bound to loopback, and the demo producers for stock, economy and traffic. Each server can instead be
 * an existing one ({@link Builder#optKafka}, {@link Builder#optInflux}, {@link Builder#optFlink}). {@link #close()}
 * stops what it started in reverse order: producers, job, InfluxDB, broker; no process outlives it.
 *
 * <p>The broker's log, InfluxDB's data and the embedded job's checkpoints live in one {@link DataDirectory}
 * ({@link Builder#optDataDirectory}; a temporary folder otherwise). Started again on the same folder, the broker
 * has its topics and offsets, InfluxDB its points, and the job resumes from its newest retained checkpoint: the
 * Kafka offsets and keyed state (regularizer steps, contexts) it had, so nothing is read twice or lost.
 *
 * <pre>{@code
 * try (Platform platform = Platform.builder()
 *         .setStreams(Path.of("streams"))
 *         .setModel(Path.of("models/default/3"))
 *         .build()
 *         .start()) {
 *     System.out.println(platform.kafkaBootstrap() + " " + platform.influxUrl() + " " + platform.flinkUrl());
 * }
 * }</pre>
 */
public final class Platform implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);
    private static final Duration KAFKA_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SOURCE_SUBSCRIBE_DELAY = Duration.ofSeconds(3);

    private final Builder settings;
    private DataDirectory data;
    private Path resumedFrom;
    private EmbeddedKafka kafka;
    private LocalInfluxd influxd;
    /** Replaced by a restart; read by the web app's thread. */
    private volatile JobClient job;
    private DemoProducers producers;
    private InfluxStore store;
    private Admin admin;
    private String kafkaBootstrap;
    private String influxUrl;
    private String flinkUrl;
    private int flinkRestPort;
    private volatile boolean closed;
    /** Set while a job restart runs: a second one is refused, not queued. */
    private final java.util.concurrent.atomic.AtomicReference<java.time.Instant> restartingSince =
            new java.util.concurrent.atomic.AtomicReference<>();

    private Platform(Builder builder) {
        this.settings = builder;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts every piece and returns once the job runs and the producers send; on a failure, stops what had started
     * and rethrows.
     */
    public Platform start() throws Exception {
        try {
            StreamCatalog catalog = new StreamDefinitionLoader().loadDirectory(settings.streams);
            openDataDirectory();
            startKafka(catalog);
            startInflux();
            startJob(null);
            awaitRunning(Duration.ofSeconds(120));
            if (settings.seriesPerDomain > 0) {
                producers = DemoProducers.start(catalog, kafkaBootstrap, settings.seriesPerDomain,
                        settings.historySteps, settings.rate, settings.speed,
                        data.isEphemeral() ? null : data.demoProducerState());
            }
            store = InfluxStore.connect(influxSettings());
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap));
            return this;
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private void startKafka(StreamCatalog catalog) throws IOException, InterruptedException {
        if (settings.kafka != null) {
            kafkaBootstrap = settings.kafka;
        } else {
            kafka = EmbeddedKafka.start(data.kafka(), settings.kafkaPort, KAFKA_START_TIMEOUT);
            kafkaBootstrap = kafka.bootstrapServers();
        }
        try (TopicAdmin topics = new TopicAdmin(kafkaBootstrap, Duration.ofSeconds(30))) {
            topics.ensureTidewiseTopics(1, (short) 1);
            topics.ensureSourceTopics(catalog.definitions(), 1, (short) 1);
        }
    }

    private void startInflux() throws IOException, InterruptedException {
        if (settings.influx != null) {
            influxUrl = settings.influx;
            return;
        }
        if (LocalInfluxd.findExecutable().isEmpty()) {
            throw new IllegalStateException("influxd was not found on the PATH: " + LocalInfluxd.INSTALL_HINT
                    + " (sudo apt-get install -y influxdb), or point at a running InfluxDB with --influx URL");
        }
        // close() cancels the job (which flushes its last points into influxd) before it stops influxd; at JVM
        // exit (Ctrl-C) influxd's own kill hook waits for that instead of racing it.
        influxd = LocalInfluxd.builder().setDirectory(data.influxd())
                .optExitGrace(Duration.ofSeconds(150)).build();
        influxd.start();
        influxUrl = influxd.url();
    }

    /** Submits the job with the definitions now in {@code streams/}, restoring {@code savepoint} if given. */
    private void startJob(Path savepoint) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--kafka", kafkaBootstrap, "--influx", influxUrl,
                "--model", settings.model.toString(), "--streams", settings.streams.toString(),
                "--checkpoint-ms", Long.toString(settings.checkpointInterval.toMillis()),
                // the economy stream goes quiet for long stretches of wall time: do not let it hold the rest back
                "--idleness-ms", "5000"));
        StreamExecutionEnvironment env;
        if (settings.flink != null) {
            HostAndPort flink = HostAndPort.parse("--flink", settings.flink);
            if (!Files.isRegularFile(settings.flinkJobJar)) {
                throw new IllegalArgumentException("--flink needs streaming's job jar to ship to the cluster, "
                        + settings.flinkJobJar + " does not exist: build it with `mvn -pl streaming package "
                        + "-DskipTests`, or name it with --flink-job-jar");
            }
            env = StreamExecutionEnvironment.createRemoteEnvironment(flink.host(), flink.port(),
                    settings.flinkJobJar.toString());
            flinkUrl = "http://" + flink.host() + ":" + flink.port();
        } else {
            int restPort = flinkRestPort != 0 ? flinkRestPort
                    : settings.flinkRestPort != 0 ? settings.flinkRestPort : Loopback.freePort();
            flinkRestPort = restPort; // a restarted job keeps the address the platform announced
            Configuration configuration = Loopback.miniClusterConfiguration(restPort);
            MetricsReporting.apply(configuration, influxSettings()); // job metrics into InfluxDB's tidewise_metrics
            arguments.addAll(checkpointArguments());
            configuration.addAll(savepoint == null ? restoreFromLatestCheckpoint() : restoreFrom(savepoint));
            env = StreamExecutionEnvironment.createLocalEnvironment(1, configuration);
            flinkUrl = "http://127.0.0.1:" + restPort;
        }
        String name = TidewiseJobMain.configure(env, ParameterTool.fromArgs(arguments.toArray(String[]::new)));
        try {
            job = env.executeAsync(name);
        } catch (Exception e) {
            throw resumedFrom == null ? e : restoreFailed(e);
        }
        LOG.info("Flink job '{}' ({}) submitted to {}{}", name, job.getJobID(), flinkUrl,
                resumedFrom == null ? "" : ", resuming from " + resumedFrom);
    }

    /**
     * Opens the data directory (locked) or, without one, a temporary folder: Kafka's log, InfluxDB's data, the
     * job's checkpoints and the demo producers' place live there.
     */
    private void openDataDirectory() throws IOException {
        data = settings.dataDirectory == null ? DataDirectory.ephemeral() : DataDirectory.open(settings.dataDirectory);
        LOG.info("Data directory: {}", data);
    }

    /**
     * The embedded job writes its checkpoints into the data directory and keeps the last one when it is cancelled
     * (as {@link #close()} does), so the next start resumes from it.
     */
    private List<String> checkpointArguments() throws IOException {
        Files.createDirectories(data.checkpoints());
        return List.of("--checkpoint-dir", data.checkpoints().toString(),
                "--checkpoint-retention", "retain-on-cancellation");
    }

    /**
     * Flink's restore setting for the newest complete checkpoint an earlier run left in the data directory (empty
     * when there is none); the checkpoints of older runs go, as nothing resumes from them any more.
     */
    private Configuration restoreFromLatestCheckpoint() throws IOException {
        Configuration restore = new Configuration();
        java.util.Optional<Path> latest = data.latestCheckpoint();
        if (latest.isPresent()) {
            resumedFrom = latest.get();
            data.deleteCheckpointsOtherThan(resumedFrom);
            data.deleteSavepointsOtherThan(resumedFrom);
            restore.set(StateRecoveryOptions.SAVEPOINT_PATH, resumedFrom.toUri().toString());
        } else if (Files.isDirectory(data.checkpoints())) {
            FileUtils.deleteDirectory(data.checkpoints().toFile()); // only incomplete checkpoints, if anything
            Files.createDirectories(data.checkpoints());
        }
        return restore;
    }

    /**
     * Flink's restore setting for a savepoint of the running platform's own job. Non-restored state is not allowed:
     * stream definitions change the source's topics and the mapping's definitions, never the operators (their uids
     * are fixed), so every operator's state has its operator in the new job.
     */
    private Configuration restoreFrom(Path savepoint) throws IOException {
        resumedFrom = savepoint;
        data.deleteCheckpointsOtherThan(savepoint);
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint.toUri().toString());
        restore.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, false);
        return restore;
    }

    /**
     * Stops the embedded job with a savepoint into the data directory and submits it again, restoring that
     * savepoint, with the stream definitions now in {@code streams/}: Kafka offsets and keyed state come from the
     * savepoint, so no record is lost or read twice, and a new stream's topic is read from its start. Returns once
     * the new job runs. One restart at a time: another while one runs is refused.
     *
     * @throws IllegalStateException when the job runs on a cluster of its own, the platform is stopped, a restart
     *                               is under way, or the new definitions do not load (the job then keeps running)
     */
    public JobRestart restartJob() throws Exception {
        if (settings.flink != null) {
            throw new IllegalStateException("the job runs on the Flink cluster " + settings.flink + ", not in this "
                    + "process: restart it there (flink stop --savepointPath DIR JOB_ID, then flink run -s SAVEPOINT)");
        }
        java.time.Instant now = java.time.Instant.now();
        java.time.Instant busySince = restartingSince.compareAndExchange(null, now);
        if (busySince != null) {
            throw new IllegalStateException("a restart of the job is already under way (since " + busySince
                    + "); try again once it has finished");
        }
        try {
            synchronized (this) {
                if (closed || job == null) {
                    throw new IllegalStateException("the platform is not running, so its job cannot be restarted");
                }
                return restartFromSavepoint();
            }
        } finally {
            restartingSince.set(null);
        }
    }

    /** Whether {@link #restartJob()} would start now: the job runs here and no restart is under way. */
    public boolean canRestartJob() {
        return settings.flink == null && job != null && !closed && restartingSince.get() == null;
    }

    private JobRestart restartFromSavepoint() throws Exception {
        long started = System.nanoTime();
        // a definition that does not load must not stop the running job
        StreamCatalog catalog = new StreamDefinitionLoader().loadDirectory(settings.streams);
        try (TopicAdmin topics = new TopicAdmin(kafkaBootstrap, Duration.ofSeconds(30))) {
            topics.ensureSourceTopics(catalog.definitions(), 1, (short) 1);
        }
        Files.createDirectories(data.savepoints());
        org.apache.flink.api.common.JobID stopped = job.getJobID();
        String location = job.stopWithSavepoint(false, data.savepoints().toUri().toString(),
                org.apache.flink.core.execution.SavepointFormatType.CANONICAL).get(120, TimeUnit.SECONDS);
        awaitJobEnd(Duration.ofSeconds(60));
        Path savepoint = Path.of(java.net.URI.create(location.startsWith("/") ? "file:" + location : location));
        LOG.info("Flink job {} stopped with savepoint {}", stopped, savepoint);
        // the MiniCluster of the stopped job shuts down after it; the new one listens on the same REST port
        awaitPortFree(flinkRestPort, Duration.ofSeconds(30));
        try {
            startJob(savepoint);
            awaitRunning(Duration.ofSeconds(120));
        } catch (Exception e) {
            throw new IllegalStateException("the job stopped with savepoint " + savepoint + " but did not start again"
                    + " (" + e.getMessage() + "); restart ./tidewise run: it resumes from that savepoint", e);
        }
        data.deleteSavepointsOtherThan(savepoint);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        List<String> streams = catalog.definitions().stream().map(definition -> definition.name()).toList();
        LOG.info("Flink job restarted as {} from savepoint {} in {} ms with streams {}", job.getJobID(), savepoint,
                took.toMillis(), streams);
        return new JobRestart(stopped.toString(), job.getJobID().toString(), savepoint, took, streams);
    }

    private static void awaitPortFree(int port, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (java.net.ServerSocket probe = new java.net.ServerSocket(port, 1,
                    java.net.InetAddress.getByName("127.0.0.1"))) {
                return;
            } catch (java.net.BindException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the stopped job's Flink REST port " + port + " was not "
                            + "released within " + timeout, e);
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * A restart of the embedded job that succeeded.
     *
     * @param streams the names of the stream definitions the new job reads
     */
    public record JobRestart(String stoppedJob, String startedJob, Path savepoint, Duration took,
            List<String> streams) {}

    /** A job that cannot resume from its checkpoint: the message says which one and how to start the job afresh. */
    private IllegalStateException restoreFailed(Exception cause) {
        return new IllegalStateException("the Flink job could not resume from its checkpoint " + resumedFrom + " ("
                + cause.getMessage() + "); to start the job afresh, keeping Kafka's and InfluxDB's data, delete "
                + data.checkpoints(), cause);
    }

    /**
     * Waits until the job runs, plus a moment for its source to subscribe: the demo's history must be read in the
     * order it is sent (see {@link DemoProducers}).
     */
    private void awaitRunning(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JobStatus status = job.getJobStatus().get(30, TimeUnit.SECONDS);
        while (status != JobStatus.RUNNING) {
            if (status.isGloballyTerminalState() || System.nanoTime() > deadline) {
                IllegalStateException failed = new IllegalStateException("the Flink job did not start running "
                        + "within " + timeout + ", it is " + status + " (see the log, and " + flinkUrl + "/jobs/"
                        + job.getJobID() + ")");
                throw resumedFrom == null ? failed : restoreFailed(failed);
            }
            Thread.sleep(200);
            status = job.getJobStatus().get(30, TimeUnit.SECONDS);
        }
        Thread.sleep(SOURCE_SUBSCRIBE_DELAY.toMillis());
    }

    private InfluxSettings influxSettings() {
        return InfluxSettings.builderFromEnvironment(System.getenv()).setUrl(influxUrl).build();
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    public String influxUrl() {
        return influxUrl;
    }

    /** The Flink REST endpoint (the web UI where the cluster bundles it). */
    public String flinkUrl() {
        return flinkUrl;
    }

    /** The InfluxDB reads the UI uses, on the platform's InfluxDB. */
    public InfluxQueries queries() {
        return store.queries();
    }

    /** Where the platform keeps its data; known once {@link #start()} has opened it. */
    public DataDirectory dataDirectory() {
        return data;
    }

    /** The checkpoint the embedded job resumed from, if it resumed from one. */
    public java.util.Optional<Path> resumedFrom() {
        return java.util.Optional.ofNullable(resumedFrom);
    }

    /** The embedded {@code influxd}, if this platform started one. */
    public java.util.Optional<LocalInfluxd> localInfluxd() {
        return java.util.Optional.ofNullable(influxd);
    }

    /** Reads InfluxDB and the dead-letter topic: what the platform has done so far. */
    public PlatformStatus status() throws Exception {
        List<SeriesSummary> series = store.queries().series();
        int forecast = 0;
        for (SeriesSummary summary : series) {
            if (!store.queries().models(summary.series()).isEmpty()) {
                forecast++;
            }
        }
        return new PlatformStatus(producers == null ? 0 : producers.recordsSent(), series.size(), forecast,
                deadLetters());
    }

    private long deadLetters() throws Exception {
        var partitions = admin.describeTopics(List.of(Topics.DEAD_LETTER)).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(Topics.DEAD_LETTER).partitions();
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        partitions.forEach(info -> latest.put(new TopicPartition(Topics.DEAD_LETTER, info.partition()),
                OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset()).sum();
    }

    /** Stops producers, job, InfluxDB and broker, in that order; each failure is logged and the rest still stop. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly("demo producers", () -> {
            if (producers != null) {
                producers.close();
            }
        });
        stopQuietly("Kafka admin client", () -> {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
        });
        stopQuietly("Flink job", () -> {
            if (job != null) {
                job.cancel().get(60, TimeUnit.SECONDS);
                awaitJobEnd(Duration.ofSeconds(60));
            }
        });
        stopQuietly("InfluxDB client", () -> {
            if (store != null) {
                store.close();
            }
        });
        stopQuietly("influxd", () -> {
            if (influxd != null) {
                influxd.close();
            }
        });
        stopQuietly("Kafka broker", () -> {
            if (kafka != null) {
                kafka.close();
            }
        });
        stopQuietly("data directory", () -> {
            if (data != null) {
                data.close();
            }
        });
        LOG.info("Platform stopped");
    }

    /**
     * Waits until the cancelled job has ended. A cluster acknowledges a cancellation before the job's tasks stop; a
     * job still running when InfluxDB and the broker go writes into a stopping influxd and retries a broker that is
     * gone.
     */
    private void awaitJobEnd(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            job.getJobExecutionResult().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            LOG.debug("The Flink job {} ended with {}", job.getJobID(), e.getCause().toString());
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void stopQuietly(String what, Step step) {
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while stopping the {}", what, e);
        } catch (Exception e) {
            LOG.warn("Stopping the {} failed", what, e);
        }
    }

    /** {@code host:port} of an option. */
    record HostAndPort(String host, int port) {
        static HostAndPort parse(String option, String text) {
            int colon = text.lastIndexOf(':');
            try {
                if (colon > 0) {
                    int port = Integer.parseInt(text.substring(colon + 1));
                    if (port > 0 && port <= 65_535) {
                        return new HostAndPort(text.substring(0, colon), port);
                    }
                }
            } catch (NumberFormatException e) {
                // falls through to the message below, which names the option and the value
            }
            throw new IllegalArgumentException(option + " must be host:port, was '" + text + "'");
        }
    }

    /** Builds a {@link Platform}: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private Path streams;
        private Path model;
        private Path dataDirectory;
        private String kafka;
        private int kafkaPort;
        private String influx;
        private String flink;
        private Path flinkJobJar;
        private int flinkRestPort;
        private int seriesPerDomain = 5;
        private int historySteps = 48;
        private double rate = 500;
        private SpeedFactor speed = SpeedFactor.parse("60x");
        private Duration checkpointInterval = Duration.ofSeconds(5);

        private Builder() {}

        /** The folder of stream definitions ({@code streams/}): the job reads them, the producers write them. */
        public Builder setStreams(Path streams) {
            this.streams = streams;
            return this;
        }

        /** The checkpoint directory the job forecasts with. */
        public Builder setModel(Path model) {
            this.model = model;
            return this;
        }

        /**
         * The data directory ({@link DataDirectory}): the broker's log, InfluxDB's data, the job's checkpoints,
         * kept across restarts and locked while the platform runs. Without one, a temporary folder deleted on close.
         */
        public Builder optDataDirectory(Path dataDirectory) {
            this.dataDirectory = dataDirectory;
            return this;
        }

        /** An existing Kafka ({@code host:port}) instead of the embedded broker. */
        public Builder optKafka(String kafka) {
            this.kafka = kafka;
            return this;
        }

        /** The embedded broker's client port; a free one by default. */
        public Builder optKafkaPort(int kafkaPort) {
            this.kafkaPort = kafkaPort;
            return this;
        }

        /** An existing InfluxDB (base URL) instead of a local {@code influxd}. */
        public Builder optInflux(String influx) {
            this.influx = influx;
            return this;
        }

        /** An existing Flink cluster's REST endpoint ({@code host:port}) instead of the MiniCluster. */
        public Builder optFlink(String flink, Path jobJar) {
            this.flink = flink;
            this.flinkJobJar = jobJar;
            return this;
        }

        /** The MiniCluster's REST port; a free one by default. */
        public Builder optFlinkRestPort(int flinkRestPort) {
            this.flinkRestPort = flinkRestPort;
            return this;
        }

        /** Series per demo domain; 0 starts no producers. Default 5. */
        public Builder optSeriesPerDomain(int seriesPerDomain) {
            this.seriesPerDomain = seriesPerDomain;
            return this;
        }

        /** Steps of history each demo series sends before it goes live. Default 48. */
        public Builder optHistorySteps(int historySteps) {
            this.historySteps = historySteps;
            return this;
        }

        /** Records per second, all domains together, while the history is sent. Default 500. */
        public Builder optRate(double rate) {
            this.rate = rate;
            return this;
        }

        /** Event time against wall time once live. Default 60x. */
        public Builder optSpeed(SpeedFactor speed) {
            this.speed = speed;
            return this;
        }

        /** The job's checkpoint interval; InfluxDB sees the job's points at least this often. Default 5 s. */
        public Builder optCheckpointInterval(Duration checkpointInterval) {
            this.checkpointInterval = checkpointInterval;
            return this;
        }

        public Platform build() {
            Objects.requireNonNull(streams, "streams");
            Objects.requireNonNull(model, "model");
            if (!Files.isDirectory(streams)) {
                throw new IllegalArgumentException("streams must be a folder of stream definitions, was " + streams);
            }
            if (seriesPerDomain < 0) {
                throw new IllegalArgumentException("seriesPerDomain must not be negative, was " + seriesPerDomain);
            }
            if (!(rate > 0)) {
                throw new IllegalArgumentException("rate must be positive, was " + rate);
            }
            if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
                throw new IllegalArgumentException("checkpointInterval must be positive, was " + checkpointInterval);
            }
            return new Platform(this);
        }
    }
}
