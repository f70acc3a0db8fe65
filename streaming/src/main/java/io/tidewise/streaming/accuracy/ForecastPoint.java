package io.tidewise.streaming.accuracy;

/**
 * What live accuracy keeps of one forecast step until its time comes: the median, the 80% band and where it came
 * from. Small on purpose: a series holds at most one per future step.
 */
public record ForecastPoint(String modelId, int step, long issuedAtMillis, double median, double lower80,
        double upper80, double seasonalScale) {}
