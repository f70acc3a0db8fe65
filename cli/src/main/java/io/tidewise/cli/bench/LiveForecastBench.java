package io.tidewise.cli.bench;

import io.tidewise.core.Domain;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.ingest.serde.ObservationSerializer;
import io.tidewise.ingest.topic.Topics;
import io.tidewise.model.forecast.Forecaster;
import io.tidewise.store.InfluxSchema;
import io.tidewise.store.local.LocalInfluxd;
import io.tidewise.streaming.TidewiseJobMain;
import io.tidewise.streaming.inference.CheckpointForecasterFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Live forecasting: {@code series} series at one observation a second each, through Kafka -> Flink -> InfluxDB with
 * the default model forecasting every step.
 *
 * <ol>
 *   <li>Backfill: a full model context of history per series (one value a second of event time before the live
 *       start {@code T0}) is produced and consumed with {@code --forecast-from T0}, so the live forecasts see full
 *       contexts, as they would in a running deployment, and no time goes into forecasting history.
 *   <li>Live: for {@code warmup + seconds} seconds, series {@code s} sends its observation of second {@code k} at wall
 *       time
 *       {@code W0 + k + s/series} seconds, stamped with event time {@code T0 + k + s/series} seconds: the load is an
 *       even 1,000 observations a second, each stamped when it is sent, in event-time order. The first
 *       {@code warmup} seconds are forecast but not timed: the job is still working off the backfill (its
 *       observations are stored before its steps have passed the context window) and compiling the live path.
 *   <li>Queryable: every 100 ms the bench asks InfluxDB how many forecasts with {@code step = 1} exist for each
 *       target second ({@code T0 + k + 1}); the forecast of step {@code k} is the only one that writes step 1 there.
 *       A second is complete when all series have it. An observation's latency is the time from its send to the
 *       completion of its second: an upper bound, since a forecast may be queryable before its whole second is.
 * </ol>
 * A step closes when the watermark passes its end, i.e. when an observation stamped at least the out-of-orderness
 * later arrives; so an observation sent early in its second waits about a second for that, one sent late waits
 * little. The job kept up when the lag of each second's completion behind that second's last send does not grow
 * from second to second ({@link #latencyDrift}); the sustained rate follows from that growth.
 */
final class LiveForecastBench {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final Pattern BUCKET = Pattern.compile("\\[(\\d+),(\\d+|null)\\]");
    private static final long POLL_MILLIS = 100;
    /**
     * The most latency drift ({@link #latencyDrift}) that still counts as kept up: about 2% of the offered load left
     * undone, the margin the bench's rate criterion had before; polling every 100 ms alone adds no drift.
     */
    static final double MAX_KEPT_UP_DRIFT = 0.02;

    private final Path model;
    private final int context;
    private final int series;
    private final int seconds;
    private final int warmup;
    private final int parallelism;
    private final int batchSize;
    private final long batchDelayMs;
    private final long outOfOrdernessMs;
    private final Duration timeout;
    private final PrintWriter out;

    /** @param context values per forecast; 0: the model's context length */
    LiveForecastBench(Path model, int context, int series, int warmup, int seconds, int parallelism, int batchSize,
            long batchDelayMs, long outOfOrdernessMs, Duration timeout, PrintWriter out) {
        this.warmup = warmup;
        this.parallelism = parallelism;
        this.model = model;
        this.context = context;
        this.series = series;
        this.seconds = seconds;
        this.batchSize = batchSize;
        this.batchDelayMs = batchDelayMs;
        this.outOfOrdernessMs = outOfOrdernessMs;
        this.timeout = timeout;
        this.out = out;
    }

    void run() throws Exception {
        int history;
        try (Forecaster forecaster = new CheckpointForecasterFactory(model).create()) {
            if (context > forecaster.maxContextLength()) {
                throw new IllegalArgumentException("--live-context must be at most the model's context length "
                        + forecaster.maxContextLength() + ", was " + context);
            }
            history = context > 0 ? context : forecaster.maxContextLength();
        }
        out.printf(Locale.ROOT, "bench streaming, live: %d series x 1 observation/s for %d s after %d s of warm-up,"
                        + " model %s (context %d values, so %d s of backfilled history per series), inference batch %d"
                        + " / %d ms, out-of-orderness %d ms, parallelism %d, %d available processors%n", series, seconds,
                warmup, model, history, history, batchSize, batchDelayMs, outOfOrdernessMs, parallelism,
                Runtime.getRuntime().availableProcessors());
        out.flush();
        try (BenchServers.LocalServers servers = new BenchServers.LocalServers("tidewise-bench-live-", parallelism)) {
            String bootstrap = servers.bootstrapServers();
            LocalInfluxd influxd = servers.influxd();
            JobClient job = startJob(bootstrap, influxd.url(), history);
            try (KafkaProducer<String, Observation> producer = producer(bootstrap)) {
                long deadline = System.nanoTime() + timeout.toNanos();
                BenchServers.awaitRunning(job, deadline);
                Values values = new Values(series);
                long backfilling = System.nanoTime();
                for (int k = -history; k < 0; k++) {
                    for (int s = 0; s < series; s++) {
                        producer.send(record(s, k, values.next(s)));
                    }
                }
                producer.flush();
                long expected = (long) history * series;
                awaitObservations(influxd.url(), expected, job, deadline);
                out.printf(Locale.ROOT, "  backfill: %d observations stored in %.1f s%n", expected,
                        (System.nanoTime() - backfilling) / 1e9);
                out.flush();
                measure(producer, values, influxd.url(), job);
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
        }
    }

    private JobClient startJob(String bootstrap, String influxUrl, int contextLength) throws Exception {
        Configuration configuration = new Configuration();
        // Watermarks every 50 ms instead of 200: a step closes (and is forecast) at most this long after it may.
        configuration.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, Duration.ofMillis(50));
        StreamExecutionEnvironment env = BenchServers.loopbackEnvironment(parallelism, configuration);
        String[] arguments = {"--kafka", bootstrap, "--influx", influxUrl, "--model", model.toString(),
                "--canonical", "--context", Integer.toString(contextLength), "--default-frequency", "1s", "--forecast-every", "1", "--forecast-from", T0.toString(),
                "--out-of-orderness-ms", Long.toString(outOfOrdernessMs), "--idleness-ms", "0",
                "--batch-size", Integer.toString(batchSize), "--batch-delay-ms", Long.toString(batchDelayMs),
                "--checkpoint-ms", "10000", "--influx-flush-ms", "50", "--group", "tidewise-bench-live",
                "--name", "tidewise-bench-live"};
        String name = TidewiseJobMain.configure(env, ParameterTool.fromArgs(arguments));
        return env.executeAsync(name);
    }

    private void measure(KafkaProducer<String, Observation> producer, Values values, String influxUrl,
            JobClient job) throws Exception {
        // One more second than timed: its observations close the last timed second's steps.
        int total = warmup + seconds;
        long[][] sent = new long[total + 1][series];
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        AtomicReference<Throwable> sendFailure = new AtomicReference<>();
        Thread sender = new Thread(() -> {
            try {
                for (int k = 0; k <= total; k++) {
                    for (int s = 0; s < series; s++) {
                        long due = start + TimeUnit.SECONDS.toNanos(k) + TimeUnit.SECONDS.toNanos(1) * s / series;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        sent[k][s] = System.nanoTime();
                        producer.send(record(s, k, values.next(s)), (metadata, error) -> {
                            if (error != null) {
                                sendFailure.compareAndSet(null, error);
                            }
                        });
                    }
                }
                producer.flush();
            } catch (RuntimeException e) {
                sendFailure.compareAndSet(null, e);
            }
        }, "bench-live-sender");
        Map<Long, BenchServers.ThreadCpu> threadsBefore = BenchServers.threadCpu();
        sender.start();

        long[] complete = new long[total];
        int done = 0;
        long deadline = start + TimeUnit.SECONDS.toNanos(total) + timeout.toNanos();
        String database = InfluxSchema.DEFAULT_DATABASE;
        while (done < total) {
            Thread.sleep(POLL_MILLIS);
            if (sendFailure.get() != null) {
                throw new IllegalStateException("sending observations failed", sendFailure.get());
            }
            long sentSeconds = Math.min(total, (System.nanoTime() - start) / 1_000_000_000L + 1);
            long from = T0.toEpochMilli() + (done + 1) * 1000L;
            long to = T0.toEpochMilli() + (sentSeconds + 1) * 1000L;
            String body = BenchServers.query(influxUrl, database, "SELECT COUNT(\"" + InfluxSchema.FIELD_STEP
                    + "\") FROM " + InfluxSchema.FORECAST + " WHERE \"" + InfluxSchema.FIELD_STEP + "\" = 1 AND time >= "
                    + from + "ms AND time < " + to + "ms GROUP BY time(1s)");
            long answered = System.nanoTime();
            Matcher bucket = BUCKET.matcher(body);
            while (bucket.find()) {
                int k = (int) ((Long.parseLong(bucket.group(1)) - T0.toEpochMilli()) / 1000L) - 1;
                if (k >= 0 && k < total && complete[k] == 0 && !"null".equals(bucket.group(2))
                        && Long.parseLong(bucket.group(2)) >= series) {
                    complete[k] = answered;
                }
            }
            while (done < total && complete[done] != 0) {
                done++;
            }
            if (System.nanoTime() > deadline) {
                out.printf(Locale.ROOT, "  live: only %d of %d seconds had every series' forecast within %d s after"
                        + " the last send: NOT kept up%n", done, total, timeout.toSeconds());
                out.flush();
                return;
            }
            BenchServers.requireNotEnded(job, done + " of " + total + " live seconds forecast");
        }
        sender.join(TimeUnit.SECONDS.toMillis(10));
        report(sent, complete);
        out.println("  CPU by thread over the live seconds, warm-up included (this JVM):");
        List<Map.Entry<String, Double>> threads = BenchServers.cpuByThread(threadsBefore, BenchServers.threadCpu());
        for (Map.Entry<String, Double> thread : threads.subList(0, Math.min(8, threads.size()))) {
            out.printf(Locale.ROOT, "      %6.2f s CPU  %s%n", thread.getValue(), thread.getKey());
        }
        out.flush();
    }

    private void report(long[][] sent, long[] complete) {
        double[] latencies = new double[seconds * series];
        double[] lags = new double[seconds];
        int i = 0;
        for (int k = warmup; k < warmup + seconds; k++) {
            for (int s = 0; s < series; s++) {
                latencies[i++] = (complete[k] - sent[k][s]) / 1e9;
            }
            lags[k - warmup] = (complete[k] - sent[k][series - 1]) / 1e9;
        }
        double[] firstHalf = Arrays.copyOfRange(latencies, 0, latencies.length / 2);
        double[] secondHalf = Arrays.copyOfRange(latencies, latencies.length / 2, latencies.length);
        Arrays.sort(latencies);
        Arrays.sort(firstHalf);
        Arrays.sort(secondHalf);
        double drift = latencyDrift(lags);
        double rate = series / (1 + drift);
        double p99 = percentile(latencies, 0.99);
        boolean keptUp = drift <= MAX_KEPT_UP_DRIFT;
        out.printf(Locale.ROOT, "  forecasts: %d (%d series x %d s), sustained %.0f forecasts/s against %d offered"
                + " (latency drift %+.3f s per second, least squares over the timed seconds) -> %s%n",
                (long) series * seconds, series, seconds, rate, series, drift, keptUp ? "kept up" : "NOT kept up");
        out.printf(Locale.ROOT, "  latency, observation sent to Kafka -> its forecast queryable in InfluxDB (upper"
                        + " bound, %d ms polls): p50 %.2f s, p90 %.2f s, p99 %.2f s, max %.2f s; p99 first half"
                        + " %.2f s, second half %.2f s%n", POLL_MILLIS, percentile(latencies, 0.5),
                percentile(latencies, 0.9), p99, latencies[latencies.length - 1], percentile(firstHalf, 0.99),
                percentile(secondHalf, 0.99));
        out.printf(Locale.ROOT, "  slowest timed seconds (completion after the second's last send): %s%n",
                slowestSeconds(lags, 5));
        out.printf(Locale.ROOT, "  target (1,000 series at 1 observation/s kept up, p99 < 2 s): %s%n",
                keptUp && p99 < 2 && series >= 1000 ? "met" : "NOT met");
        out.flush();
    }

    /** The {@code count} largest lags as "second (lag)", seconds counted from 1 after the warm-up, slowest first. */
    static String slowestSeconds(double[] lags, int count) {
        return IntStream.range(0, lags.length).boxed()
                .sorted((a, b) -> Double.compare(lags[b], lags[a]))
                .limit(count)
                .map(k -> String.format(Locale.ROOT, "%d (%.2f s)", k + 1, lags[k]))
                .collect(Collectors.joining(", "));
    }

    /**
     * How many seconds each timed second's completion falls further behind its last send, second after second: the
     * least-squares slope of those lags over the seconds (0 with one second). A job that keeps up has lags that
     * scatter around a level; one that falls behind by a share {@code d} of the offered load has lags that grow by
     * about {@code d / (1 - d)} a second, so the sustained rate is the offered one over {@code 1 + slope}. Every second
     * counts alike, so one slow poll or a pause near the end moves it little, where comparing the two halves' p99
     * turned on a handful of observations.
     */
    static double latencyDrift(double[] lags) {
        if (lags.length < 2) {
            return 0;
        }
        SimpleRegression regression = new SimpleRegression();
        for (int t = 0; t < lags.length; t++) {
            regression.addData(t, lags[t]);
        }
        return regression.getSlope();
    }

    private void awaitObservations(String influxUrl, long expected, JobClient job, long deadline)
            throws Exception {
        long stored = 0;
        while (stored < expected) {
            Thread.sleep(200);
            stored = BenchServers.storedObservations(influxUrl, InfluxSchema.DEFAULT_DATABASE);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("InfluxDB holds " + stored + " of " + expected
                        + " backfilled observations after " + timeout.toSeconds() + " s");
            }
            BenchServers.requireNotEnded(job, stored + " of " + expected + " backfilled observations stored");
        }
    }

    private ProducerRecord<String, Observation> record(int s, int k, double value) {
        SeriesId id = SeriesId.of("live/s" + s);
        Instant time = T0.plusMillis(1000L * k + 1000L * s / series);
        return new ProducerRecord<>(Topics.OBSERVATIONS, id.value(), new Observation(id, time, value, Domain.OTHER));
    }

    private static KafkaProducer<String, Observation> producer(String bootstrap) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ACKS_CONFIG, "1");
        return new KafkaProducer<>(config, new StringSerializer(), new ObservationSerializer());
    }

    /** The nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Per series a random walk with a minute-long cycle: something a model can and must forecast. */
    private static final class Values {
        private final double[] level;
        private final int[] step;
        private final SplittableRandom random = new SplittableRandom(42);

        Values(int series) {
            level = new double[series];
            step = new int[series];
            for (int s = 0; s < series; s++) {
                level[s] = 50 + s % 100;
            }
        }

        double next(int s) {
            level[s] += random.nextGaussian() * 0.2;
            double cycle = 5 * Math.sin(2 * Math.PI * step[s]++ / 60.0 + s);
            return level[s] + cycle;
        }
    }
}
