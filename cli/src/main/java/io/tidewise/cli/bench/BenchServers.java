package io.tidewise.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewise.cli.platform.EmbeddedKafka;
import io.tidewise.cli.platform.Loopback;
import io.tidewise.core.Validation;
import io.tidewise.ingest.topic.TopicAdmin;
import io.tidewise.store.InfluxSchema;
import io.tidewise.store.local.LocalInfluxd;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.io.FileUtils;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** What the streaming benchmarks share: local servers, a loopback MiniCluster, InfluxQL over HTTP, a job's state. */
final class BenchServers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern COUNT = Pattern.compile("\"values\":\\[\\[[^,]*,(\\d+)\\]\\]");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private BenchServers() {}

    /**
     * An embedded KRaft broker with Tidewise's topics and a local {@code influxd}, in a temporary folder that
     * {@link #close()} deletes with them.
     */
    static final class LocalServers implements AutoCloseable {
        private final Path work;
        private EmbeddedKafka kafka;
        private LocalInfluxd influxd;

        LocalServers(String folderPrefix, int partitions) throws Exception {
            work = Files.createTempDirectory(folderPrefix);
            try {
                kafka = EmbeddedKafka.start(work.resolve("kafka"), 0, Duration.ofSeconds(60));
                try (TopicAdmin topics = new TopicAdmin(kafka.bootstrapServers(), Duration.ofSeconds(30))) {
                    topics.ensureTidewiseTopics(partitions, (short) 1);
                }
                influxd = LocalInfluxd.builder().setDirectory(work.resolve("influxd")).build();
                influxd.start();
            } catch (Exception e) {
                close();
                throw e;
            }
        }

        String bootstrapServers() {
            return kafka.bootstrapServers();
        }

        LocalInfluxd influxd() {
            return influxd;
        }

        @Override
        public void close() throws IOException {
            try (EmbeddedKafka stopKafka = kafka; LocalInfluxd stopInfluxd = influxd) {
                // influxd stops first, then the broker (resources close in reverse order)
            } finally {
                FileUtils.deleteDirectory(work.toFile());
            }
        }
    }

    /** A local environment whose MiniCluster binds every endpoint to loopback; {@code extra} is applied last. */
    static StreamExecutionEnvironment loopbackEnvironment(int parallelism, Configuration extra) throws IOException {
        Configuration configuration = Loopback.miniClusterConfiguration(Loopback.freePort());
        configuration.addAll(extra);
        return StreamExecutionEnvironment.createLocalEnvironment(parallelism, configuration);
    }

    /** Waits until the job is RUNNING; throws if it ends or the deadline ({@link System#nanoTime}) passes. */
    static void awaitRunning(JobClient job, long deadlineNanos) throws Exception {
        JobStatus status = job.getJobStatus().get(30, TimeUnit.SECONDS);
        while (status != JobStatus.RUNNING) {
            if (status.isGloballyTerminalState() || System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException("the Flink job did not start running, it is " + status);
            }
            Thread.sleep(50);
            status = job.getJobStatus().get(30, TimeUnit.SECONDS);
        }
    }

    /** Throws if the job has ended (it should run until cancelled). */
    static void requireNotEnded(JobClient job, String progress) throws Exception {
        JobStatus now = job.getJobStatus().get(30, TimeUnit.SECONDS);
        if (now.isGloballyTerminalState()) {
            throw new IllegalStateException("the Flink job ended (" + now + ") with " + progress);
        }
    }

    /** The JSON answer of an InfluxQL query. */
    static String query(String influxUrl, String database, String influxQl) throws IOException,
            InterruptedException {
        Validation.requireNonBlank(database, "database");
        URI uri = URI.create(influxUrl + "/query?epoch=ms&db=" + URLEncoder.encode(database, StandardCharsets.UTF_8)
                + "&q=" + URLEncoder.encode(influxQl, StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("InfluxDB answered " + response.statusCode() + " to '" + influxQl + "': "
                    + response.body());
        }
        return response.body();
    }

    /** CPU seconds this JVM has used, all threads (the broker's and Flink's included). */
    static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** A thread's name and the CPU time it had used when the snapshot was taken. */
    record ThreadCpu(String name, long nanos) {}

    /** CPU time per live thread of this JVM, by thread id; names are taken now, while the threads live. */
    static Map<Long, ThreadCpu> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, ThreadCpu> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            ThreadInfo info = threads.getThreadInfo(id);
            if (nanos >= 0 && info != null) {
                cpu.put(id, new ThreadCpu(info.getThreadName(), nanos));
            }
        }
        return cpu;
    }

    /**
     * CPU seconds per thread name (digits folded, so a pool is one line) between two {@link #threadCpu}
     * snapshots, largest first; threads that ended in between are missing.
     */
    static List<Map.Entry<String, Double>> cpuByThread(Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after) {
        Map<String, Double> byName = new HashMap<>();
        for (Map.Entry<Long, ThreadCpu> entry : after.entrySet()) {
            String name = entry.getValue().name().replaceAll("\\d+", "N");
            if (name.length() > 60) {
                name = name.substring(0, 57) + "...";
            }
            ThreadCpu earlier = before.get(entry.getKey());
            double seconds = (entry.getValue().nanos() - (earlier == null ? 0 : earlier.nanos())) / 1e9;
            byName.merge(name, seconds, Double::sum);
        }
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(byName.entrySet());
        sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        return sorted;
    }

    /** CPU seconds another process has used (Linux {@code /proc}); NaN where that cannot be read. */
    static double processCpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name; in clock ticks
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** {@code COUNT(value)} of the observation measurement; 0 while the database does not exist yet. */
    static long storedObservations(String influxUrl, String database) throws IOException, InterruptedException {
        Matcher matcher = COUNT.matcher(query(influxUrl, database,
                "SELECT COUNT(" + InfluxSchema.FIELD_VALUE + ") FROM " + InfluxSchema.OBSERVATION));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    /**
     * Points InfluxDB has accepted into {@code database} since it started, from its own counters ({@code SHOW STATS
     * FOR 'shard'}, {@code writePointsOk} summed over the database's shards). Unlike {@code COUNT()} this reads no
     * data, so polling it does not take CPU from the system being measured; a point written twice counts twice.
     */
    static long pointsWritten(String influxUrl, String database) throws IOException, InterruptedException {
        JsonNode results = JSON.readTree(query(influxUrl, database, "SHOW STATS FOR 'shard'")).path("results");
        long written = 0;
        for (JsonNode series : results.path(0).path("series")) {
            if (!database.equals(series.path("tags").path("database").asText())) {
                continue;
            }
            JsonNode columns = series.path("columns");
            for (int i = 0; i < columns.size(); i++) {
                if ("writePointsOk".equals(columns.get(i).asText())) {
                    written += series.path("values").path(0).path(i).asLong();
                }
            }
        }
        return written;
    }
}
