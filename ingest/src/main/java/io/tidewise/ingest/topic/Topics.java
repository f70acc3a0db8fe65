package io.tidewise.ingest.topic;

/** The names of Tidewise's own topics, in one place (see ARCHITECTURE.md, "Data flow"). */
public final class Topics {
    /** Canonical observations: key = series id (UTF-8), value = observation JSON. */
    public static final String OBSERVATIONS = "tidewise.observations";
    /** Records that could not be mapped, as dead-letter JSON. */
    public static final String DEAD_LETTER = "tidewise.deadletter";
    /** Forecasts, when the job is asked to publish them. */
    public static final String FORECASTS = "tidewise.forecasts";

    private Topics() {}
}
