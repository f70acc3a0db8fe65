/**
 * Producers of native-layout records: {@link io.tidewise.ingest.produce.NativeRecordEncoder} writes an observation
 * as a stream's records look, {@link io.tidewise.ingest.produce.CsvReplay} replays a long CSV in event-time order at
 * a {@link io.tidewise.ingest.produce.SpeedFactor}, and {@link io.tidewise.ingest.produce.KafkaRecordSink} delivers.
 */
package io.tidewise.ingest.produce;
