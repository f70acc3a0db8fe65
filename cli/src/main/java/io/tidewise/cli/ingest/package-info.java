/** The {@code ingest} verbs: producers that put records on Kafka in a stream's native layout (replay, generate). */
package io.tidewise.cli.ingest;
