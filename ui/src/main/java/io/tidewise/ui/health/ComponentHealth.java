package io.tidewise.ui.health;

/**
 * Whether one part of the platform answers.
 *
 * @param component  kafka, flink or influxdb
 * @param address    where it was asked
 * @param up         whether it answered
 * @param detail     what it said (brokers, job states, version) or why it did not answer
 * @param adviceKey  the translation key of what to do when it is down; null when up
 */
public record ComponentHealth(String component, String address, boolean up, String detail, String adviceKey) {}
