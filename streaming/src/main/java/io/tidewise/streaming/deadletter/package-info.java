/**
 * Dead letters counted per stream and reason: Flink counters, and counts per interval for InfluxDB's
 * {@code dead_letter} measurement (the dashboards' dead-letters panels), never one point per record.
 */
package io.tidewise.streaming.deadletter;
