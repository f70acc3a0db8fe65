/** The app's settings: where InfluxDB, Kafka, Flink, the model registry, stream definitions and users are. */
package io.tidewise.ui.config;
