/**
 * The JSON of Tidewise's own topics: canonical observations and dead letters
 * ({@link io.tidewise.ingest.serde.CanonicalJson}), with Kafka serializers and deserializers for each.
 */
package io.tidewise.ingest.serde;
