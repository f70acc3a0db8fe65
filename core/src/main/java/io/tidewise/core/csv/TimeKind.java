package io.tidewise.core.csv;

/** How the {@code timestamp} column of a series is written; one kind per series. */
public enum TimeKind {
    /** An ISO date, {@code 2024-01-31}: midnight UTC of that day. */
    DATE("a date"),
    /** An ISO date-time, {@code 2024-01-31T12:00:00Z}; without an offset it is UTC. */
    DATE_TIME("a date-time"),
    /** An integer step index, {@code 17}: no calendar, so forecasts carry no target time. */
    STEP("a step index");

    private final String description;

    TimeKind(String description) {
        this.description = description;
    }

    /** {@code a date}, {@code a date-time} or {@code a step index}, for messages. */
    public String description() {
        return description;
    }

    public boolean hasCalendar() {
        return this != STEP;
    }
}
