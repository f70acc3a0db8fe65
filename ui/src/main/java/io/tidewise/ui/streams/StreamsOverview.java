package io.tidewise.ui.streams;

import java.util.List;

/**
 * The Streams view's content.
 *
 * @param kafkaProblem  why topic state is missing (Kafka did not answer), or null
 * @param influxProblem why series counts are missing (InfluxDB did not answer), or null
 */
public record StreamsOverview(List<StreamEntry> entries, String kafkaProblem, String influxProblem) {
    public StreamsOverview {
        entries = List.copyOf(entries);
    }
}
