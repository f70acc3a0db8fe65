package io.tidewise.ui.streams;

import io.tidewise.core.StreamDefinition;
import io.tidewise.ingest.mapping.DeadLetter;
import java.nio.file.Path;
import java.util.List;

/**
 * One file of {@code streams/} with its state.
 *
 * @param definition    the definition, or null when the file does not load
 * @param problem       why the file does not load, or null
 * @param topicExists   whether its topic exists; null when Kafka did not answer
 * @param recordsPerSecond records written to its topic per second since the list was last shown; NaN at first
 * @param lag           records of its topic the job has not consumed yet; -1 when unknown
 * @param deadLetters   its dead letters among the newest ones read
 * @param seriesCount   series in InfluxDB whose id starts like its series template
 */
public record StreamEntry(Path file, StreamDefinition definition, String problem, Boolean topicExists,
        double recordsPerSecond, long lag, List<DeadLetter> deadLetters, long seriesCount) {

    public StreamEntry {
        deadLetters = List.copyOf(deadLetters);
    }
}
