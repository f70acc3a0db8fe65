/**
 * Kafka topics: the names of Tidewise's own topics ({@link io.tidewise.ingest.topic.Topics}) and creating missing
 * topics with their partitions ({@link io.tidewise.ingest.topic.TopicAdmin}).
 */
package io.tidewise.ingest.topic;
