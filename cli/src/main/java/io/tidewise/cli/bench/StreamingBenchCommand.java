package io.tidewise.cli.bench;

import io.tidewise.cli.platform.EmbeddedKafka;
import io.tidewise.core.Domain;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.ingest.serde.ObservationDeserializer;
import io.tidewise.ingest.serde.ObservationSerializer;
import io.tidewise.ingest.topic.TopicAdmin;
import io.tidewise.ingest.topic.Topics;
import io.tidewise.store.InfluxSchema;
import io.tidewise.store.InfluxSettings;
import io.tidewise.store.local.LocalInfluxd;
import io.tidewise.streaming.TidewiseJobMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tidewise bench streaming}: observations per second through Kafka -> Flink -> InfluxDB, beside a plain
 * {@link KafkaConsumer} reading the same topic in the same run. Everything runs in this JVM or as a child of it: an
 * embedded KRaft broker, a local {@code influxd}, streaming's job ({@link TidewiseJobMain#configure}) on a Flink
 * MiniCluster bound to loopback. The observations are produced to the canonical topic before either reader starts;
 * the job's time runs from the moment it is RUNNING until InfluxDB counts every observation (so it includes the
 * source's subscription and the last checkpoint's flush). Inference is kept out of this figure: the job forecasts
 * only every {@code --forecast-every} steps (by default never within the run). The inference figures of issue 3
 * (forecast rate, p50/p99 latency) are not measured by this verb and are printed as such.
 */
@Command(name = "streaming", mixinStandardHelpOptions = true,
        description = {"Observations/s through Kafka -> Flink -> InfluxDB (embedded broker, local influxd, Flink"
                + " MiniCluster on loopback), beside a plain Kafka consumer reading the same topic in the same run.",
                "Needs influxd on the PATH."})
public final class StreamingBenchCommand implements Callable<Integer> {
    private static final Pattern COUNT = Pattern.compile("\"values\":\\[\\[\"[^\"]*\",(\\d+)\\]\\]");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Spec
    CommandSpec spec;

    @Option(names = "--series", defaultValue = "100", paramLabel = "N",
            description = "Series (default: ${DEFAULT-VALUE}).")
    int series = 100;

    @Option(names = "--steps", defaultValue = "3000", paramLabel = "S",
            description = "Observations per series, one a minute of event time (default: ${DEFAULT-VALUE}).")
    int steps = 3000;

    @Option(names = "--parallelism", defaultValue = "1", paramLabel = "P",
            description = "Flink parallelism and topic partitions (default: ${DEFAULT-VALUE}, as `tidewise run`).")
    int parallelism = 1;

    @Option(names = "--model", defaultValue = "models/default/1", paramLabel = "DIR",
            description = "Checkpoint the job loads (default: ${DEFAULT-VALUE}); it forecasts only every"
                    + " --forecast-every steps.")
    Path model = Path.of("models/default/1");

    @Option(names = "--forecast-every", defaultValue = "1000000", paramLabel = "K",
            description = "Forecast every K observed steps (default: ${DEFAULT-VALUE}: no inference in the run).")
    int forecastEvery = 1_000_000;

    @Option(names = "--checkpoint-ms", defaultValue = "1000", paramLabel = "MS",
            description = "The job's checkpoint interval; InfluxDB sees points at least this often"
                    + " (default: ${DEFAULT-VALUE}).")
    long checkpointMs = 1000;

    @Option(names = "--timeout-seconds", defaultValue = "600", paramLabel = "S",
            description = "Give up waiting for InfluxDB after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds = 600;

    @Override
    public Integer call() throws Exception {
        CommandLine commandLine = spec.commandLine();
        requirePositive(commandLine, "--series", series);
        requirePositive(commandLine, "--steps", steps);
        requirePositive(commandLine, "--parallelism", parallelism);
        requirePositive(commandLine, "--forecast-every", forecastEvery);
        requirePositive(commandLine, "--checkpoint-ms", checkpointMs);
        requirePositive(commandLine, "--timeout-seconds", timeoutSeconds);
        if (!Files.isDirectory(model)) {
            throw new CommandLine.ParameterException(commandLine, "--model must be a checkpoint directory, was "
                    + model);
        }
        if (LocalInfluxd.findExecutable().isEmpty()) {
            throw new IllegalStateException("influxd was not found on the PATH: " + LocalInfluxd.INSTALL_HINT);
        }
        long total = (long) series * steps;
        PrintWriter out = commandLine.getOut();
        out.printf(Locale.ROOT, "bench streaming: %d observations (%d series x %d steps) on %s, parallelism %d,"
                        + " checkpoint %d ms, %d available processors%n", total, series, steps, Topics.OBSERVATIONS,
                parallelism, checkpointMs, Runtime.getRuntime().availableProcessors());
        out.flush();

        Path work = Files.createTempDirectory("tidewise-bench-streaming-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(work.resolve("kafka"), 0, Duration.ofSeconds(60));
             LocalInfluxd influxd = LocalInfluxd.builder().setDirectory(work.resolve("influxd")).build()) {
            String bootstrap = kafka.bootstrapServers();
            try (TopicAdmin topics = new TopicAdmin(bootstrap, Duration.ofSeconds(30))) {
                topics.ensureTidewiseTopics(parallelism, (short) 1);
            }
            influxd.start();

            long producing = System.nanoTime();
            produce(bootstrap);
            double produceSeconds = (System.nanoTime() - producing) / 1e9;
            out.printf(Locale.ROOT, "  produced in %.2f s (%.0f observations/s, not a benchmark figure)%n",
                    produceSeconds, total / produceSeconds);
            out.flush();

            double[] consumerFirst = new double[1];
            double consumerSeconds = consumeAll(bootstrap, total, consumerFirst);
            double consumerRate = total / consumerSeconds;
            out.printf(Locale.ROOT, "  %-34s %12.0f observations/s  (%d in %.2f s, first record after %.2f s)%n",
                    "plain Kafka consumer", consumerRate, total, consumerSeconds, consumerFirst[0]);
            out.flush();

            double[] jobFirst = new double[1];
            double jobSeconds = runJob(bootstrap, influxd.url(), total, jobFirst);
            double jobRate = total / jobSeconds;
            out.printf(Locale.ROOT, "  %-34s %12.0f observations/s  (%d in %.2f s from RUNNING to all counted,"
                            + " first counted after %.2f s)%n", "Kafka -> Flink -> InfluxDB", jobRate, total,
                    jobSeconds, jobFirst[0]);
            out.printf(Locale.ROOT, "  Flink-to-InfluxDB / plain consumer = %.5f%n", jobRate / consumerRate);
            out.println("  inference (forecast rate, p50/p99 observation-to-forecast latency): not measured");
            out.flush();
        } finally {
            deleteRecursively(work);
        }
        return 0;
    }

    private void produce(String bootstrap) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.ACKS_CONFIG, "1");
        try (KafkaProducer<String, Observation> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ObservationSerializer())) {
            List<SeriesId> ids = new ArrayList<>(series);
            for (int s = 0; s < series; s++) {
                ids.add(SeriesId.of("bench/s" + s));
            }
            // step-major, as a live feed arrives: every series' step t before any series' step t + 1
            for (int t = 0; t < steps; t++) {
                Instant ts = START.plus(Duration.ofMinutes(t));
                for (int s = 0; s < series; s++) {
                    double value = 100 + 10 * Math.sin(2 * Math.PI * t / 24.0) + s;
                    producer.send(new ProducerRecord<>(Topics.OBSERVATIONS, ids.get(s).value(),
                            new Observation(ids.get(s), ts, value, Domain.OTHER)));
                }
            }
            producer.flush();
        }
    }

    /**
     * Seconds a plain consumer takes to read and deserialize every observation from the beginning; {@code first[0]}
     * gets the seconds to the first record (connection and first fetch, included in the total).
     */
    private double consumeAll(String bootstrap, long total, double[] first) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, Observation> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ObservationDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < parallelism; p++) {
                partitions.add(new TopicPartition(Topics.OBSERVATIONS, p));
            }
            long started = System.nanoTime();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long read = 0;
            double checksum = 0;
            long deadline = started + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (read < total) {
                for (ConsumerRecord<String, Observation> record : consumer.poll(Duration.ofMillis(200))) {
                    checksum += record.value().value(); // read, so the work cannot be skipped
                    if (read++ == 0) {
                        first[0] = (System.nanoTime() - started) / 1e9;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the plain consumer read " + read + " of " + total
                            + " observations within " + timeoutSeconds + " s");
                }
            }
            if (!Double.isFinite(checksum)) {
                throw new IllegalStateException("non-finite checksum");
            }
            return (System.nanoTime() - started) / 1e9;
        }
    }

    /**
     * Seconds from the job RUNNING until InfluxDB holds every observation; {@code first[0]} gets the seconds until
     * InfluxDB first counts any.
     */
    private double runJob(String bootstrap, String influxUrl, long total, double[] first) throws Exception {
        int restPort = freeLoopbackPort();
        Configuration configuration = new Configuration();
        configuration.set(JobManagerOptions.ADDRESS, "127.0.0.1");
        configuration.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        configuration.set(TaskManagerOptions.HOST, "127.0.0.1");
        configuration.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        configuration.set(RestOptions.ADDRESS, "127.0.0.1");
        configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        configuration.set(RestOptions.PORT, restPort);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism,
                configuration);
        String[] arguments = {"--kafka", bootstrap, "--influx", influxUrl, "--model", model.toString(),
                "--canonical", "--checkpoint-ms", Long.toString(checkpointMs),
                "--forecast-every", Integer.toString(forecastEvery), "--group", "tidewise-bench",
                "--name", "tidewise-bench-streaming"};
        String name = TidewiseJobMain.configure(env, ParameterTool.fromArgs(arguments));
        JobClient job = env.executeAsync(name);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            JobStatus status = job.getJobStatus().get(30, TimeUnit.SECONDS);
            while (status != JobStatus.RUNNING) {
                if (status.isGloballyTerminalState() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Flink job did not start running, it is " + status);
                }
                Thread.sleep(50);
                status = job.getJobStatus().get(30, TimeUnit.SECONDS);
            }
            long started = System.nanoTime();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            long stored = 0;
            while (stored < total) {
                Thread.sleep(100);
                stored = storedObservations(http, influxUrl);
                if (stored > 0 && first[0] == 0) {
                    first[0] = (System.nanoTime() - started) / 1e9;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("InfluxDB holds " + stored + " of " + total
                            + " observations after " + timeoutSeconds + " s");
                }
                JobStatus now = job.getJobStatus().get(30, TimeUnit.SECONDS);
                if (now.isGloballyTerminalState()) {
                    throw new IllegalStateException("the Flink job ended (" + now + ") with " + stored + " of "
                            + total + " observations in InfluxDB");
                }
            }
            return (System.nanoTime() - started) / 1e9;
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    /** {@code COUNT(value)} of the observation measurement; 0 while the database does not exist yet. */
    private static long storedObservations(HttpClient http, String influxUrl) throws IOException,
            InterruptedException {
        String query = "SELECT COUNT(" + InfluxSchema.FIELD_VALUE + ") FROM " + InfluxSchema.OBSERVATION;
        String database = InfluxSettings.builderFromEnvironment(System.getenv()).setUrl(influxUrl).build().database();
        URI uri = URI.create(influxUrl + "/query?db=" + URLEncoder.encode(database, StandardCharsets.UTF_8) + "&q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher matcher = COUNT.matcher(response.body());
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void requirePositive(CommandLine commandLine, String option, long value) {
        if (value <= 0) {
            throw new CommandLine.ParameterException(commandLine, option + " must be positive, was " + value);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
