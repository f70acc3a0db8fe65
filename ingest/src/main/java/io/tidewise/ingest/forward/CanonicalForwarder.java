package io.tidewise.ingest.forward;

import io.tidewise.core.StreamDefinition;
import io.tidewise.ingest.mapping.MappingMetrics;
import io.tidewise.ingest.mapping.MappingResult;
import io.tidewise.ingest.mapping.SourceRecord;
import io.tidewise.ingest.mapping.TopicRouter;
import io.tidewise.ingest.serde.CanonicalJson;
import io.tidewise.ingest.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps user topics onto {@code tidewise.observations} and {@code tidewise.deadletter} with plain Kafka clients, no
 * Flink: for checking stream definitions against live data and for deployments that run the Flink job on the
 * canonical topic only. At least once: a batch's offsets are committed only after its outputs are acknowledged,
 * so a crash replays the batch rather than losing it.
 *
 * <pre>{@code
 * try (CanonicalForwarder forwarder = CanonicalForwarder.builder()
 *         .setBootstrapServers("localhost:9092")
 *         .setDefinitions(catalog.definitions())
 *         .build()) {
 *     forwarder.runUntil(() -> Thread.currentThread().isInterrupted());
 * }
 * }</pre>
 */
public final class CanonicalForwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CanonicalForwarder.class);

    private final TopicRouter router;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final String observationsTopic;
    private final String deadLetterTopic;

    private CanonicalForwarder(Builder builder) {
        this.router = new TopicRouter(builder.definitions, builder.metrics);
        this.observationsTopic = builder.observationsTopic;
        this.deadLetterTopic = builder.deadLetterTopic;
        Properties consumerProperties = new Properties();
        consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, builder.bootstrapServers);
        consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, builder.groupId);
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProperties.putAll(builder.consumerOverrides);
        Properties producerProperties = new Properties();
        producerProperties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, builder.bootstrapServers);
        producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProperties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.consumer = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
        consumer.subscribe(List.copyOf(router.topics()));
    }

    public static Builder builder() {
        return new Builder();
    }

    public MappingMetrics metrics() {
        return router.metrics();
    }

    /**
     * Polls once, forwards what came and commits it.
     *
     * @return how many source records were read
     */
    public int pollOnce(Duration timeout) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
        if (records.isEmpty()) {
            return 0;
        }
        List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            SourceRecord source = new SourceRecord(record.topic(), record.partition(), record.offset(), record.value());
            for (MappingResult result : router.route(source)) {
                if (result instanceof MappingResult.Mapped mapped) {
                    sends.add(producer.send(new ProducerRecord<>(observationsTopic,
                            CanonicalJson.key(mapped.observation()), CanonicalJson.writeObservation(mapped.observation()))));
                } else if (result instanceof MappingResult.Rejected rejected) {
                    sends.add(producer.send(new ProducerRecord<>(deadLetterTopic,
                            rejected.stream().getBytes(StandardCharsets.UTF_8),
                            CanonicalJson.writeDeadLetter(rejected.deadLetter()))));
                } else {
                    LOG.debug("Skipped a header line of stream {} at {}", result.stream(), source);
                }
            }
        }
        producer.flush();
        for (java.util.concurrent.Future<?> send : sends) {
            try {
                send.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while forwarding; offsets not committed", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("forwarding failed; offsets not committed: " + e.getCause(), e.getCause());
            }
        }
        consumer.commitSync();
        return records.count();
    }

    /** Forwards until {@code stop} says so (checked between polls). */
    public void runUntil(BooleanSupplier stop) {
        while (!stop.getAsBoolean()) {
            pollOnce(Duration.ofMillis(500));
        }
    }

    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(10));
        } finally {
            consumer.close();
        }
    }

    /** Builds a {@link CanonicalForwarder}: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private String bootstrapServers;
        private Collection<StreamDefinition> definitions;
        private String groupId = "tidewise-ingest";
        private MappingMetrics metrics = new MappingMetrics();
        private String observationsTopic = Topics.OBSERVATIONS;
        private String deadLetterTopic = Topics.DEAD_LETTER;
        private Map<String, Object> consumerOverrides = Map.of();

        private Builder() {}

        public Builder setBootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        public Builder setDefinitions(Collection<StreamDefinition> definitions) {
            this.definitions = definitions;
            return this;
        }

        /** Consumer group; {@code tidewise-ingest} by default. */
        public Builder optGroupId(String groupId) {
            this.groupId = Objects.requireNonNull(groupId, "groupId");
            return this;
        }

        public Builder optMetrics(MappingMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        public Builder optTopics(String observationsTopic, String deadLetterTopic) {
            this.observationsTopic = Objects.requireNonNull(observationsTopic, "observationsTopic");
            this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
            return this;
        }

        public Builder optConsumerOverrides(Map<String, Object> overrides) {
            this.consumerOverrides = Map.copyOf(overrides);
            return this;
        }

        public CanonicalForwarder build() {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("bootstrapServers is required, was '" + bootstrapServers + "'");
            }
            if (definitions == null || definitions.isEmpty()) {
                throw new IllegalArgumentException("definitions must hold at least one stream definition, was "
                        + definitions);
            }
            return new CanonicalForwarder(this);
        }
    }
}
