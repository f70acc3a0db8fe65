package io.tidewise.ingest.produce;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A {@link RecordSink} on a Kafka producer: idempotent, {@code acks=all}, so that one key's records stay in order in
 * their partition even when a send is retried. The first failed send is remembered and reported by the next
 * {@link #send} or {@link #flush}: a producer must not carry on as if records had arrived.
 */
public final class KafkaRecordSink implements RecordSink {
    private final Producer<String, byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public KafkaRecordSink(Producer<String, byte[]> producer) {
        this.producer = Objects.requireNonNull(producer, "producer");
    }

    /**
     * A producer for {@code bootstrapServers}, with {@code overrides} applied last.
     */
    public static KafkaRecordSink create(String bootstrapServers, Map<String, Object> overrides) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers,
                "bootstrapServers"));
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.putAll(overrides);
        return new KafkaRecordSink(new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer()));
    }

    public static KafkaRecordSink create(String bootstrapServers) {
        return create(bootstrapServers, Map.of());
    }

    @Override
    public void send(String topic, String key, byte[] value) {
        throwIfFailed();
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
        });
    }

    @Override
    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception exception = failure.get();
        if (exception != null) {
            throw new IllegalStateException("a record could not be sent to Kafka: " + exception.getMessage(), exception);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
