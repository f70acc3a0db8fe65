package io.tidewise.cli.bench;

import io.tidewise.cli.forecast.DefaultModel;
import io.tidewise.core.Domain;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.ingest.serde.ObservationDeserializer;
import io.tidewise.ingest.serde.ObservationSerializer;
import io.tidewise.ingest.topic.Topics;
import io.tidewise.store.local.LocalInfluxd;
import io.tidewise.streaming.TidewiseJobMain;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
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
 * {@code tidewise bench streaming}: two figures of issue 3, each in one run with its own embedded KRaft broker, local
 * {@code influxd} and streaming's job ({@link TidewiseJobMain#configure}, what {@code tidewise run} runs) on a
 * Flink MiniCluster bound to loopback.
 *
 * <ol>
 *   <li><b>Ingest without inference</b>: observations per second through Kafka -> Flink -> InfluxDB beside a plain
 *       {@link KafkaConsumer} reading and deserializing the same topic. The observations are produced before either
 *       reader starts; the job's time runs from RUNNING until InfluxDB counts every observation (so it includes the
 *       source's subscription and the last checkpoint's flush). The job forecasts only every
 *       {@code --forecast-every} steps (by default never within the run). Both readers run {@code --rounds} times,
 *       the job into a fresh database each round; the first round pays for class loading and JIT compilation of the
 *       job's code (the consumer's code is already hot from producing), so the last round is the figure.
 *   <li><b>Live forecasting</b> ({@link LiveForecastBench}): 1,000 series at one observation a second each, the
 *       default model forecasting every step; the sustained forecast rate and the latency from an observation
 *       entering Kafka to its forecast being queryable in InfluxDB.
 * </ol>
 */
@Command(name = "streaming", mixinStandardHelpOptions = true,
        description = {"Issue 3's streaming figures on an embedded broker, a local influxd and a Flink MiniCluster"
                + " (loopback): observations/s through Kafka -> Flink -> InfluxDB beside a plain Kafka consumer"
                + " reading the same topic in the same run; then live forecasting of --live-series series at one"
                + " observation a second each (forecast rate, p50/p99 latency from Kafka to InfluxDB).",
                "Needs influxd on the PATH."})
public final class StreamingBenchCommand implements Callable<Integer> {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final String TORCH_THREADS = "ai.djl.pytorch.num_threads";
    private static final String TORCH_INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";

    /** Which figures to measure. */
    enum Part { INGEST, LIVE, ALL }

    @Spec
    CommandSpec spec;

    @Option(names = "--part", defaultValue = "all", paramLabel = "ingest|live|all",
            description = "Which figures (default: ${DEFAULT-VALUE}).")
    String part = "all";

    @Option(names = "--series", defaultValue = "1000", paramLabel = "N",
            description = "Ingest: series (default: ${DEFAULT-VALUE}).")
    int series = 1000;

    @Option(names = "--steps", defaultValue = "1000", paramLabel = "S",
            description = "Ingest: observations per series, one a minute of event time (default: ${DEFAULT-VALUE}).")
    int steps = 1000;

    @Option(names = "--rounds", defaultValue = "3", paramLabel = "R",
            description = "Ingest: times both readers run; the last round is the figure (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--parallelism", defaultValue = "1", paramLabel = "P",
            description = "Both parts: Flink parallelism and topic partitions (default: ${DEFAULT-VALUE}, as"
                    + " `tidewise run`).")
    int parallelism = 1;

    @Option(names = "--model", paramLabel = "DIR",
            description = "Checkpoint the job loads (default: the promoted default model, as `tidewise run` loads).")
    Path model;

    @Option(names = "--forecast-every", defaultValue = "1000000", paramLabel = "K",
            description = "Ingest: forecast every K observed steps (default: ${DEFAULT-VALUE}: no inference).")
    int forecastEvery = 1_000_000;

    @Option(names = "--checkpoint-ms", defaultValue = "1000", paramLabel = "MS",
            description = "Ingest: the job's checkpoint interval; InfluxDB sees points at least this often"
                    + " (default: ${DEFAULT-VALUE}).")
    long checkpointMs = 1000;

    @Option(names = "--influx-batch-size", defaultValue = "5000", paramLabel = "N",
            description = "Ingest: points per InfluxDB write request (default: ${DEFAULT-VALUE}, the job's default).")
    int influxBatchSize = 5000;

    @Option(names = "--live-series", defaultValue = "1000", paramLabel = "N",
            description = "Live: series, each one observation a second (default: ${DEFAULT-VALUE}).")
    int liveSeries = 1000;

    @Option(names = "--live-seconds", defaultValue = "60", paramLabel = "S",
            description = "Live: seconds of observations whose forecasts are timed (default: ${DEFAULT-VALUE}).")
    int liveSeconds = 60;

    @Option(names = "--live-warmup-seconds", defaultValue = "10", paramLabel = "S",
            description = "Live: seconds forecast but not timed first (default: ${DEFAULT-VALUE}).")
    int liveWarmupSeconds = 10;

    @Option(names = "--live-context", defaultValue = "0", paramLabel = "N",
            description = "Live: values per forecast, the job's --context (default: the model's context length).")
    int liveContext;

    @Option(names = "--live-batch-size", defaultValue = "128", paramLabel = "B",
            description = "Live: the job's inference batch size (default: ${DEFAULT-VALUE}).")
    int liveBatchSize = 128;

    @Option(names = "--live-batch-delay-ms", defaultValue = "50", paramLabel = "MS",
            description = "Live: the job's longest wait for an inference batch to fill (default: ${DEFAULT-VALUE}).")
    long liveBatchDelayMs = 50;

    @Option(names = "--live-out-of-orderness-ms", defaultValue = "50", paramLabel = "MS",
            description = "Live: the job's watermark bound (default: ${DEFAULT-VALUE}; the bench's producer sends"
                    + " in event-time order).")
    long liveOutOfOrdernessMs = 50;

    @Option(names = "--torch-threads", defaultValue = "1", paramLabel = "N",
            description = "PyTorch's intra-op and inter-op threads (default: ${DEFAULT-VALUE}: the job's inference"
                    + " shares two cores with the broker, Flink and influxd, where more threads only contend; 0:"
                    + " PyTorch's default, one per core). Ignored where ai.djl.pytorch.num_threads is already set.")
    int torchThreads = 1;

    @Option(names = "--cpu-by-thread", description = "Ingest: also print where the last round's job spent its CPU,"
            + " by thread.")
    boolean cpuByThread;

    @Option(names = "--timeout-seconds", defaultValue = "600", paramLabel = "S",
            description = "Give up waiting for InfluxDB after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds = 600;

    @Override
    public Integer call() throws Exception {
        CommandLine commandLine = spec.commandLine();
        Part which = parsePart(commandLine);
        requirePositive(commandLine, "--series", series);
        requirePositive(commandLine, "--steps", steps);
        requirePositive(commandLine, "--rounds", rounds);
        requirePositive(commandLine, "--parallelism", parallelism);
        requirePositive(commandLine, "--forecast-every", forecastEvery);
        requirePositive(commandLine, "--checkpoint-ms", checkpointMs);
        requirePositive(commandLine, "--influx-batch-size", influxBatchSize);
        requirePositive(commandLine, "--live-series", liveSeries);
        requirePositive(commandLine, "--live-seconds", liveSeconds);
        requirePositive(commandLine, "--live-batch-size", liveBatchSize);
        requirePositive(commandLine, "--live-batch-delay-ms", liveBatchDelayMs);
        requirePositive(commandLine, "--timeout-seconds", timeoutSeconds);
        if (liveWarmupSeconds < 0) {
            throw new CommandLine.ParameterException(commandLine, "--live-warmup-seconds must not be negative, was "
                    + liveWarmupSeconds);
        }
        if (liveContext < 0) {
            throw new CommandLine.ParameterException(commandLine, "--live-context must not be negative, was "
                    + liveContext);
        }
        if (liveOutOfOrdernessMs < 0) {
            throw new CommandLine.ParameterException(commandLine, "--live-out-of-orderness-ms must not be negative,"
                    + " was " + liveOutOfOrdernessMs);
        }
        model = DefaultModel.resolve(commandLine, model);
        if (LocalInfluxd.findExecutable().isEmpty()) {
            throw new IllegalStateException("influxd was not found on the PATH: " + LocalInfluxd.INSTALL_HINT);
        }
        if (torchThreads < 0) {
            throw new CommandLine.ParameterException(commandLine, "--torch-threads must not be negative, was "
                    + torchThreads);
        }
        // Read by DJL when the PyTorch engine loads, which happens later in this run (the job loads the model).
        if (torchThreads > 0 && System.getProperty(TORCH_THREADS) == null) {
            System.setProperty(TORCH_THREADS, Integer.toString(torchThreads));
            System.setProperty(TORCH_INTEROP_THREADS, Integer.toString(torchThreads));
        }
        PrintWriter out = commandLine.getOut();
        out.printf(Locale.ROOT, "PyTorch threads: %s%n", System.getProperty(TORCH_THREADS, "PyTorch's default"));
        if (which != Part.LIVE) {
            ingest(out);
        }
        if (which != Part.INGEST) {
            new LiveForecastBench(model, liveContext, liveSeries, liveWarmupSeconds, liveSeconds, parallelism, liveBatchSize, liveBatchDelayMs,
                    liveOutOfOrdernessMs, Duration.ofSeconds(timeoutSeconds), out).run();
        }
        return 0;
    }

    private void ingest(PrintWriter out) throws Exception {
        long total = (long) series * steps;
        out.printf(Locale.ROOT, "bench streaming, ingest: %d observations (%d series x %d steps) on %s, parallelism"
                        + " %d, checkpoint %d ms, %d rounds, %d available processors%n", total, series, steps,
                Topics.OBSERVATIONS, parallelism, checkpointMs, rounds, Runtime.getRuntime().availableProcessors());
        out.flush();

        try (BenchServers.LocalServers servers = new BenchServers.LocalServers("tidewise-bench-streaming-",
                parallelism)) {
            String bootstrap = servers.bootstrapServers();
            LocalInfluxd influxd = servers.influxd();

            long producing = System.nanoTime();
            produce(bootstrap);
            double produceSeconds = (System.nanoTime() - producing) / 1e9;
            out.printf(Locale.ROOT, "  produced in %.2f s (%.0f observations/s, not a benchmark figure)%n",
                    produceSeconds, total / produceSeconds);
            out.flush();

            double ratio = 0;
            @SuppressWarnings("unchecked")
            Map<Long, BenchServers.ThreadCpu>[] threadCpu = new Map[1];
            for (int round = 1; round <= rounds; round++) {
                String label = round == rounds ? "round " + round + " (the figure)"
                        : "round " + round + (round == 1 ? " (cold JVM)" : "");
                double[] consumerFirst = new double[1];
                double cpuBefore = BenchServers.processCpuSeconds();
                double consumerSeconds = consumeAll(bootstrap, total, consumerFirst);
                double consumerCpu = BenchServers.processCpuSeconds() - cpuBefore;
                double consumerRate = total / consumerSeconds;
                out.printf(Locale.ROOT, "  %-20s %-27s %10.0f observations/s  (%d in %.2f s, first record after"
                                + " %.2f s; CPU %.1f us/observation)%n", label, "plain Kafka consumer", consumerRate,
                        total, consumerSeconds, consumerFirst[0], consumerCpu * 1e6 / total);
                out.flush();

                double[] jobFirst = new double[1];
                long influxdPid = influxd.pid().orElse(-1);
                double influxdBefore = BenchServers.processCpuSeconds(influxdPid);
                cpuBefore = BenchServers.processCpuSeconds();
                Map<Long, BenchServers.ThreadCpu> threadsBefore = BenchServers.threadCpu();
                double jobSeconds = runJob(bootstrap, influxd.url(), "tidewise_bench_" + round, total, jobFirst,
                        threadCpu);
                double jobCpu = BenchServers.processCpuSeconds() - cpuBefore;
                double influxdCpu = BenchServers.processCpuSeconds(influxdPid) - influxdBefore;
                double jobRate = total / jobSeconds;
                ratio = jobRate / consumerRate;
                out.printf(Locale.ROOT, "  %-20s %-27s %10.0f observations/s  (%d in %.2f s from RUNNING to all"
                                + " counted, first counted after %.2f s; CPU %.1f us/observation in this JVM, %.1f in"
                                + " influxd); ratio %.3f%n", label, "Kafka -> Flink -> InfluxDB", jobRate, total,
                        jobSeconds, jobFirst[0], jobCpu * 1e6 / total, influxdCpu * 1e6 / total, ratio);
                if (cpuByThread && round == rounds) {
                    for (Map.Entry<String, Double> thread : BenchServers.cpuByThread(threadsBefore, threadCpu[0])
                            .subList(0, 10)) {
                        out.printf(Locale.ROOT, "      %6.2f s CPU  %s%n", thread.getValue(), thread.getKey());
                    }
                }
                out.flush();
            }
            out.printf(Locale.ROOT, "  Flink-to-InfluxDB / plain consumer = %.3f (round %d; target >= 0.5: %s)%n",
                    ratio, rounds, ratio >= 0.5 ? "met" : "NOT met");
            out.flush();
        }
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
     * Seconds from the job RUNNING until InfluxDB's {@code database} holds every observation; {@code first[0]}
     * gets the seconds until InfluxDB first counts any.
     */
    private double runJob(String bootstrap, String influxUrl, String database, long total, double[] first,
            Map<Long, BenchServers.ThreadCpu>[] threadCpuAtEnd) throws Exception {
        StreamExecutionEnvironment env = BenchServers.loopbackEnvironment(parallelism, new Configuration());
        String[] arguments = {"--kafka", bootstrap, "--influx", influxUrl, "--influx-database", database,
                "--model", model.toString(), "--canonical", "--checkpoint-ms", Long.toString(checkpointMs),
                "--forecast-every", Integer.toString(forecastEvery), "--group", "tidewise-bench-" + database,
                "--influx-batch-size", Integer.toString(influxBatchSize),
                "--name", "tidewise-bench-streaming"};
        String name = TidewiseJobMain.configure(env, ParameterTool.fromArgs(arguments));
        JobClient job = env.executeAsync(name);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            BenchServers.awaitRunning(job, deadline);
            long started = System.nanoTime();
            long stored = 0;
            while (stored < total) {
                Thread.sleep(100);
                stored = BenchServers.pointsWritten(influxUrl, database);
                if (stored > 0 && first[0] == 0) {
                    first[0] = (System.nanoTime() - started) / 1e9;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("InfluxDB holds " + stored + " of " + total
                            + " observations after " + timeoutSeconds + " s");
                }
                BenchServers.requireNotEnded(job, stored + " of " + total + " observations in InfluxDB");
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            threadCpuAtEnd[0] = BenchServers.threadCpu(); // before cancelling: the job's threads still live
            long counted = BenchServers.storedObservations(influxUrl, database);
            if (counted != total) {
                throw new IllegalStateException("InfluxDB accepted " + stored + " points but counts " + counted
                        + " observations, expected " + total);
            }
            return seconds;
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    private Part parsePart(CommandLine commandLine) {
        try {
            return Part.valueOf(part.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--part must be ingest, live or all, was '"
                    + part + "'");
        }
    }

    private static void requirePositive(CommandLine commandLine, String option, long value) {
        if (value <= 0) {
            throw new CommandLine.ParameterException(commandLine, option + " must be positive, was " + value);
        }
    }
}
