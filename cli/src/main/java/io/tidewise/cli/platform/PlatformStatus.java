package io.tidewise.cli.platform;

/**
 * What the platform has done so far, for the status line.
 *
 * @param recordsSent    records the demo producers sent to Kafka
 * @param seriesStored   series with observations in InfluxDB
 * @param seriesForecast of those, series with at least one forecast in InfluxDB
 * @param deadLetters    records on the dead-letter topic
 */
public record PlatformStatus(long recordsSent, int seriesStored, int seriesForecast, long deadLetters) {
    /** One line: {@code sent 1200 records; InfluxDB: 15 series observed, 12 forecast; dead letters: 0}. */
    public String describe() {
        return "sent " + recordsSent + " records; InfluxDB: " + seriesStored + " series observed, " + seriesForecast
                + " forecast; dead letters: " + deadLetters;
    }
}
