/** Kafka through admin clients: cluster, topic offsets, the job's lag, dead letters. Used by services only. */
package io.tidewise.ui.kafka;
