package io.tidewise.streaming.regularize;

/** How several observations that fall into one step become the step's value. */
public enum Aggregation {
    /** The observation with the latest timestamp (the latest arrival on a tie): prices, levels, gauges. */
    LAST,
    /** The arithmetic mean of the step's observations: noisy sensors, rates. */
    MEAN
}
