/**
 * The job's metrics in Flink's metric system and the log context of its operators: names, the {@code tidewise}
 * metric group with the stream as a key-value group, and the reporter configuration that sends them to InfluxDB.
 * docs/metrics.md lists every metric and where it is visible.
 */
package io.tidewise.streaming.metrics;
