package io.tidewise.streaming.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft broker (broker and controller in one) in the test JVM that can be stopped and started again
 * on the same log directory and the same loopback ports, as a broker process restarted by an operator would be.
 * Ingest's {@code KafkaBroker} (Kafka's test kit) picks new ports on every start, so it cannot restart a broker
 * that clients already know; {@link KafkaRaftServer} with a fixed configuration can.
 */
final class RestartableKafkaBroker implements AutoCloseable {
    private final Properties properties;
    private final String bootstrapServers;
    private KafkaRaftServer server;

    private RestartableKafkaBroker(Properties properties, String bootstrapServers) {
        this.properties = properties;
        this.bootstrapServers = bootstrapServers;
    }

    /** Formats a fresh log under {@code directory} and starts the broker on two free loopback ports. */
    static RestartableKafkaBroker start(Path directory) throws IOException, InterruptedException {
        int brokerPort = freePort();
        int controllerPort = freePort();
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
                Map.entry("log.dirs", directory.resolve("log").toAbsolutePath().toString()),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "false")));
        Files.createDirectories(directory);
        Path file = directory.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "restartable test broker");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
                    "--config", file.toString()}, print);
        }
        if (status != 0) {
            throw new IOException("formatting the Kafka log failed: " + output.toString(StandardCharsets.UTF_8));
        }
        RestartableKafkaBroker broker = new RestartableKafkaBroker(properties, "127.0.0.1:" + brokerPort);
        broker.start();
        return broker;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Starts the broker on its log and ports and waits until it answers. */
    void start() throws InterruptedException {
        if (server != null) {
            throw new IllegalStateException("the broker at " + bootstrapServers + " is already running");
        }
        server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        server.startup();
        awaitReady(Duration.ofSeconds(60));
    }

    /** Stops the broker (a clean shutdown, as {@code kafka-server-stop.sh} does) and waits for its threads. */
    void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(java.util.List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000));
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    // The broker answers metadata before its group coordinator has loaded: wait for both.
                    admin.describeCluster().nodes().get();
                    admin.listConsumerGroupOffsets("readiness-probe").partitionsToOffsetAndMetadata().get();
                    return;
                } catch (ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the Kafka broker at " + bootstrapServers
                                + " did not answer within " + timeout, e.getCause());
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
