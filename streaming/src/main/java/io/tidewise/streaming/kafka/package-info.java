/**
 * Kafka at the edges of the job: sources of raw records (user topics read through the stream definitions, or the
 * canonical {@code tidewise.observations} topic), the {@link io.tidewise.streaming.kafka.RecordMapping} that turns
 * them into observations or dead letters, and the dead-letter sink. Only {@code main} and tests that run a real
 * broker use this package; the job graph itself never sees Kafka.
 */
package io.tidewise.streaming.kafka;
