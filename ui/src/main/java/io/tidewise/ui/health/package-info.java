/** Health of the platform: Kafka, the Flink job (REST API) and InfluxDB, with what to do when one is down. */
package io.tidewise.ui.health;
