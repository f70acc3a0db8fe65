/**
 * Forwarding user topics to the canonical and dead-letter topics with plain Kafka clients
 * ({@link io.tidewise.ingest.forward.CanonicalForwarder}), at least once, for use without the Flink job.
 */
package io.tidewise.ingest.forward;
