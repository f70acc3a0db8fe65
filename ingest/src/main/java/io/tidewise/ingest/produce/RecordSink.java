package io.tidewise.ingest.produce;

/**
 * Where producers put records: Kafka in production ({@link KafkaRecordSink}); tests of pacing and ordering may
 * collect them instead.
 */
public interface RecordSink extends AutoCloseable {
    /** Sends one record; may buffer. */
    void send(String topic, String key, byte[] value);

    /** Blocks until every record sent so far is acknowledged; throws if any failed. */
    void flush();

    @Override
    void close();
}
