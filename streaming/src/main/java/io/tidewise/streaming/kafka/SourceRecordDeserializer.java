package io.tidewise.streaming.kafka;

import io.tidewise.ingest.mapping.SourceRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Passes Kafka records on untouched, with their coordinates: mapping happens in {@link RecordMapping}, where a
 * record that cannot be mapped becomes a dead letter instead of failing the source.
 */
final class SourceRecordDeserializer implements KafkaRecordDeserializationSchema<SourceRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SourceRecord> out) {
        out.collect(new SourceRecord(record.topic(), record.partition(), record.offset(), record.value()));
    }

    @Override
    public TypeInformation<SourceRecord> getProducedType() {
        return TypeInformation.of(SourceRecord.class);
    }
}
