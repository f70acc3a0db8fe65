package io.tidewise.cli.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka broker (broker and controller in one) inside this JVM, listening on 127.0.0.1 only,
 * its log in a folder of its own. {@link KafkaRaftServer} and {@link StorageTool} are Kafka internals: this class is
 * the one place that touches them. Kafka's test kit would be shorter but drags JUnit onto the launcher's classpath.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path directory;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path directory) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.directory = directory;
    }

    /**
     * Starts the broker on the log in {@code directory} and waits until it answers: a folder that holds a log
     * already (its {@code meta.properties}) is started as it is, with its topics, offsets and consumer groups; an
     * empty one is formatted first.
     *
     * @param port the client port, or 0 for a free one
     */
    public static EmbeddedKafka start(Path directory, int port, Duration timeout) throws IOException,
            InterruptedException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or a TCP port, was " + port);
        }
        Files.createDirectories(directory);
        int brokerPort = port != 0 ? port : Loopback.freePort();
        int controllerPort = Loopback.freePort();
        Properties properties = properties(directory.resolve("log").toAbsolutePath(), brokerPort, controllerPort);
        Path file = directory.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "tidewise run: single-node KRaft broker on loopback");
        }
        boolean formatted = isFormatted(directory);
        if (!formatted) {
            format(file);
        }
        KafkaRaftServer server;
        try {
            server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the Kafka log in " + directory + " cannot be read by this broker ("
                    + e.getMessage() + "); start afresh with another data directory, or delete " + directory, e);
        }
        String bootstrap = "127.0.0.1:" + brokerPort;
        try {
            server.startup();
            awaitReady(bootstrap, timeout);
        } catch (RuntimeException | InterruptedException e) {
            server.shutdown();
            server.awaitShutdown();
            if (e instanceof RuntimeException && formatted) {
                throw new IllegalStateException("the Kafka broker did not start on its existing log in " + directory
                        + " (" + e.getMessage() + "); start afresh with another data directory, or delete "
                        + directory, e);
            }
            throw e;
        }
        LOG.info("Kafka broker ready at {} ({} log in {})", bootstrap, formatted ? "existing" : "new", directory);
        return new EmbeddedKafka(server, bootstrap, directory);
    }

    /** {@code host:port} for clients. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path directory() {
        return directory;
    }

    static Properties properties(Path logDirectory, int brokerPort, int controllerPort) {
        Properties properties = new Properties();
        properties.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:"
                        + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", logDirectory.toString()),
                // one node: every internal topic has one replica, and consumer groups start at once
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("num.partitions", "1")));
        return properties;
    }

    /** Whether {@code directory} holds a formatted log: the format step writes {@code meta.properties}. */
    static boolean isFormatted(Path directory) {
        return Files.isRegularFile(directory.resolve("log").resolve("meta.properties"));
    }

    private static void format(Path file) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
                    "--config", file.toString()}, print);
        }
        String text = output.toString(StandardCharsets.UTF_8).strip();
        if (status != 0) {
            throw new IOException("formatting the Kafka log with " + file + " failed (status " + status + "): "
                    + text);
        }
        LOG.debug("Kafka storage formatted: {}", text);
    }

    private static void awaitReady(String bootstrap, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000))) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get();
                    return;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the Kafka broker at " + bootstrap + " did not answer within "
                                + timeout + ": " + e.getCause().getMessage(), e.getCause());
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    /** Stops the broker and waits until its threads are gone. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        LOG.info("Kafka broker at {} stopped", bootstrapServers);
    }
}
