/**
 * From a user's record to a canonical observation: {@link io.tidewise.ingest.mapping.RecordMapper} applies one
 * stream definition to a {@link io.tidewise.ingest.mapping.SourceRecord} and returns a
 * {@link io.tidewise.ingest.mapping.MappingResult}: an observation, or a
 * {@link io.tidewise.ingest.mapping.DeadLetter} whose error starts with a
 * {@link io.tidewise.ingest.mapping.DeadLetterReason}. Nothing is dropped: {@link
 * io.tidewise.ingest.mapping.TopicRouter} applies every definition reading a topic and counts outcomes per stream in
 * {@link io.tidewise.ingest.mapping.MappingMetrics}.
 */
package io.tidewise.ingest.mapping;
