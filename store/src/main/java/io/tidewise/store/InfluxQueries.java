package io.tidewise.store;

import static io.tidewise.store.InfluxQl.identifier;

import io.tidewise.core.Domain;
import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import io.tidewise.core.Observation;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.core.Validation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBIOException;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.QueryResult;

/**
 * The InfluxQL reads the UI and training need. Every value (series id, model, times) travels as a bound parameter
 * and every identifier is quoted, so series ids with quotes, spaces, commas, slashes or any Unicode are safe.
 * Queries do not retry: a caller that reads (a chart, a training run) wants to know at once that InfluxDB is away,
 * so an unreachable server gives {@link StoreUnavailableException} and a refused query {@link StoreException}.
 * Thread-safe.
 */
public final class InfluxQueries {
    /** Reads of a latest forecast before a torn one is reported as inconsistent (see {@link #latestForecast}). */
    static final int TORN_READ_ATTEMPTS = 10;
    private static final Duration TORN_READ_PAUSE = Duration.ofMillis(100);

    private static final String OBSERVATION = identifier(InfluxSchema.OBSERVATION);
    private static final String FORECAST = identifier(InfluxSchema.FORECAST);
    private static final String ACCURACY = identifier(InfluxSchema.ACCURACY);
    private static final String SERIES = identifier(InfluxSchema.TAG_SERIES);
    private static final String DOMAIN = identifier(InfluxSchema.TAG_DOMAIN);
    private static final String MODEL = identifier(InfluxSchema.TAG_MODEL);
    private static final String VALUE = identifier(InfluxSchema.FIELD_VALUE);
    private static final String ISSUED_AT = identifier(InfluxSchema.FIELD_ISSUED_AT);
    private static final String ABS_ERROR = identifier(InfluxSchema.FIELD_ABS_ERROR);
    private static final String SCALED_ERROR = identifier(InfluxSchema.FIELD_SCALED_ERROR);
    private static final String COVERED_80 = identifier(InfluxSchema.FIELD_COVERED_80);

    private final InfluxDB client;
    private final InfluxSettings settings;
    private volatile java.util.function.LongConsumer queryNanos = nanos -> { };

    InfluxQueries(InfluxDB client, InfluxSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /**
     * Tells {@code listener} how long each query took (wall nanoseconds, answered or failed), e.g. for the web app's
     * metrics; replaces any listener set before.
     */
    public void onEachQuery(java.util.function.LongConsumer listener) {
        this.queryNanos = Validation.requireNonNull(listener, "query listener");
    }

    /** The observations of a series with {@code from <= time < to}, oldest first. */
    public List<Observation> history(SeriesId series, Instant from, Instant to) {
        Validation.requireNonNull(series, "series");
        requireRange(from, to);
        Table table = query("SELECT " + VALUE + ", " + DOMAIN + " FROM " + OBSERVATION + " WHERE " + SERIES
                + " = $series AND time >= $from AND time < $to ORDER BY time ASC",
                Map.of("series", series.value(), "from", nanos(from), "to", nanos(to)));
        List<Observation> observations = new ArrayList<>(table.rowCount());
        for (Row row : table.rows()) {
            observations.add(new Observation(series, row.time(), row.number(InfluxSchema.FIELD_VALUE),
                    row.domain(InfluxSchema.TAG_DOMAIN)));
        }
        return observations;
    }

    /**
     * The newest {@code limit} observations of a series (fewer if it has fewer), oldest first: a sparkline or a
     * list's recent window without knowing the series' frequency.
     */
    public List<Observation> latestObservations(SeriesId series, int limit) {
        Validation.requireNonNull(series, "series");
        Validation.requirePositive(limit, "limit");
        Table table = query("SELECT " + VALUE + ", " + DOMAIN + " FROM " + OBSERVATION + " WHERE " + SERIES
                + " = $series ORDER BY time DESC LIMIT " + limit, Map.of("series", series.value()));
        List<Observation> observations = new ArrayList<>(table.rowCount());
        for (Row row : table.rows()) {
            observations.add(new Observation(series, row.time(), row.number(InfluxSchema.FIELD_VALUE),
                    row.domain(InfluxSchema.TAG_DOMAIN)));
        }
        java.util.Collections.reverse(observations);
        return observations;
    }

    /** Every stored observation of a series, oldest first. */
    public List<Observation> history(SeriesId series) {
        return history(series, InfluxSchema.EARLIEST_TIME, InfluxSchema.LATEST_TIME);
    }

    /**
     * The most recently issued forecast of a series by a model, with every step and all its quantile fields.
     * Its steps are intact: later issues overwrite only target times they cover, and none is later than this one.
     * A read that meets the newest forecast half written (InfluxDB is not atomic across shards) is made again, up
     * to {@value #TORN_READ_ATTEMPTS} times 100 ms apart, before it is reported as stored inconsistently.
     * The quantile levels are read back from the field names ({@code p10} is 0.1).
     */
    public Optional<StoredForecast> latestForecast(SeriesId series, String model) {
        Validation.requireNonNull(series, "series");
        InfluxSchema.requireModelId(model);
        for (int read = 1; ; read++) {
            Table latest = query("SELECT MAX(" + ISSUED_AT + ") AS " + ISSUED_AT + " FROM " + FORECAST + " WHERE "
                    + SERIES + " = $series AND " + MODEL + " = $model",
                    Map.of("series", series.value(), "model", model));
            if (latest.rowCount() == 0) {
                return Optional.empty();
            }
            long issuedAtMillis = (long) latest.rows().get(0).number(InfluxSchema.FIELD_ISSUED_AT);
            Table steps = query("SELECT * FROM " + FORECAST + " WHERE " + SERIES + " = $series AND " + MODEL
                    + " = $model AND " + ISSUED_AT + " = $issuedAt ORDER BY time ASC",
                    Map.of("series", series.value(), "model", model, "issuedAt", issuedAtMillis));
            TreeMap<Double, String> quantileFields = quantileFieldsPresentInEveryRow(steps, "forecast of " + series
                    + " by " + model + " issued at " + Instant.ofEpochMilli(issuedAtMillis));
            QuantileLevels levels = levelsOf(quantileFields);
            List<ForecastStep> forecastSteps = new ArrayList<>(steps.rowCount());
            for (Row row : steps.rows()) {
                double[] quantiles = quantileFields.values().stream().mapToDouble(row::number).toArray();
                forecastSteps.add(new ForecastStep((int) row.number(InfluxSchema.FIELD_STEP), row.time(),
                        row.number(InfluxSchema.FIELD_MEAN), quantiles));
            }
            try {
                return Optional.of(new StoredForecast(model, Instant.ofEpochMilli(issuedAtMillis),
                        new Forecast(series, levels, forecastSteps)));
            } catch (IllegalArgumentException e) {
                // InfluxDB writes the points of one request shard by shard, and a forecast's target times span
                // several shards (a monthly forecast, one a week): a read during the write can see the newest
                // forecast's later steps while its first ones still hold the forecast before. Read again.
                if (read == TORN_READ_ATTEMPTS) {
                    throw new StoreException("forecast of " + series + " by " + model + " issued at "
                            + Instant.ofEpochMilli(issuedAtMillis) + " is stored inconsistently (read " + read
                            + " times): " + e.getMessage(), e);
                }
                pauseBeforeReadingAgain();
            }
        }
    }

    private static void pauseBeforeReadingAgain() {
        try {
            Thread.sleep(TORN_READ_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("reading a forecast again was interrupted", e);
        }
    }

    /**
     * The forecast stored at each target time with {@code from <= time < to}: since a re-issue overwrites, at every
     * time the latest forecast made for it. Empty when the model stored nothing there. The levels are those whose
     * fields every value in the range has.
     */
    public Optional<ForecastTrack> forecastTrack(SeriesId series, String model, Instant from, Instant to) {
        Validation.requireNonNull(series, "series");
        InfluxSchema.requireModelId(model);
        requireRange(from, to);
        Table table = query("SELECT * FROM " + FORECAST + " WHERE " + SERIES + " = $series AND " + MODEL
                + " = $model AND time >= $from AND time < $to ORDER BY time ASC",
                Map.of("series", series.value(), "model", model, "from", nanos(from), "to", nanos(to)));
        if (table.rowCount() == 0) {
            return Optional.empty();
        }
        TreeMap<Double, String> quantileFields = quantileFieldsPresentInEveryRow(table,
                "forecasts of " + series + " by " + model + " from " + from + " to " + to);
        List<ForecastValue> values = new ArrayList<>(table.rowCount());
        for (Row row : table.rows()) {
            values.add(new ForecastValue(row.time(), (int) row.number(InfluxSchema.FIELD_STEP),
                    Instant.ofEpochMilli((long) row.number(InfluxSchema.FIELD_ISSUED_AT)),
                    row.number(InfluxSchema.FIELD_MEAN),
                    quantileFields.values().stream().mapToDouble(row::number).toArray()));
        }
        return Optional.of(new ForecastTrack(series, model, levelsOf(quantileFields), values));
    }

    /** Live accuracy per series and model over {@code from <= time < to}, ordered by series, then model. */
    public List<AccuracySummary> accuracy(Instant from, Instant to) {
        requireRange(from, to);
        return accuracy("", Map.of("from", nanos(from), "to", nanos(to)));
    }

    /**
     * Live accuracy of one model on one series per time bucket over {@code from <= time < to}, oldest first; buckets
     * without any record are left out. A chart of accuracy over time draws it.
     *
     * @param bucket the bucket length, whole seconds, at least one
     */
    public List<AccuracyBucket> accuracyOverTime(SeriesId series, String model, Instant from, Instant to,
            Duration bucket) {
        Validation.requireNonNull(series, "series");
        InfluxSchema.requireModelId(model);
        requireRange(from, to);
        Validation.requireNonNull(bucket, "bucket");
        if (bucket.getSeconds() < 1 || bucket.getNano() != 0) {
            throw new IllegalArgumentException("bucket must be whole seconds, at least 1, was " + bucket);
        }
        Table table = query("SELECT COUNT(" + ABS_ERROR + ") AS \"count\", MEAN(" + SCALED_ERROR + ") AS "
                + SCALED_ERROR + ", MEAN(" + COVERED_80 + ") AS " + COVERED_80 + " FROM " + ACCURACY + " WHERE "
                + SERIES + " = $series AND " + MODEL + " = $model AND time >= $from AND time < $to GROUP BY time("
                + bucket.getSeconds() + "s) fill(none)",
                Map.of("series", series.value(), "model", model, "from", nanos(from), "to", nanos(to)));
        List<AccuracyBucket> buckets = new ArrayList<>(table.rowCount());
        for (Row row : table.rows()) {
            buckets.add(new AccuracyBucket(row.time(), (long) row.number("count"),
                    row.numberOrNaN(InfluxSchema.FIELD_SCALED_ERROR), row.numberOrNaN(InfluxSchema.FIELD_COVERED_80)));
        }
        return buckets;
    }

    /** Quantile fields (by level) that hold a value in every row; older issues may have left others behind. */
    private static TreeMap<Double, String> quantileFieldsPresentInEveryRow(Table table, String what) {
        TreeMap<Double, String> quantileFields = new TreeMap<>();
        List<Row> rows = table.rows();
        for (String column : table.columns()) {
            double level = InfluxSchema.levelOfQuantileField(column);
            if (!Double.isNaN(level) && rows.stream().allMatch(row -> row.has(column))) {
                quantileFields.put(level, column);
            }
        }
        if (quantileFields.isEmpty()) {
            throw new StoreException(what + " has no quantile field stored at every time; columns were "
                    + table.columns(), null);
        }
        return quantileFields;
    }

    private static QuantileLevels levelsOf(TreeMap<Double, String> quantileFields) {
        return new QuantileLevels(quantileFields.keySet().stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Live accuracy of every model on one series over {@code from <= time < to}, ordered by model. */
    public List<AccuracySummary> accuracy(SeriesId series, Instant from, Instant to) {
        Validation.requireNonNull(series, "series");
        requireRange(from, to);
        return accuracy(" AND " + SERIES + " = $series",
                Map.of("series", series.value(), "from", nanos(from), "to", nanos(to)));
    }

    private List<AccuracySummary> accuracy(String seriesCondition, Map<String, Object> parameters) {
        List<Table> groups = queryGroups("SELECT COUNT(" + ABS_ERROR + ") AS \"count\", MEAN(" + ABS_ERROR
                + ") AS " + ABS_ERROR + ", MEAN(" + SCALED_ERROR + ") AS " + SCALED_ERROR + ", MEAN(" + COVERED_80
                + ") AS " + COVERED_80 + " FROM " + ACCURACY + " WHERE time >= $from AND time < $to"
                + seriesCondition + " GROUP BY " + SERIES + ", " + MODEL, parameters);
        List<AccuracySummary> summaries = new ArrayList<>();
        for (Table group : groups) {
            for (Row row : group.rows()) {
                summaries.add(new AccuracySummary(
                        SeriesId.of(group.tag(InfluxSchema.TAG_SERIES)),
                        group.tag(InfluxSchema.TAG_MODEL),
                        (long) row.number("count"),
                        row.numberOrNaN(InfluxSchema.FIELD_ABS_ERROR),
                        row.numberOrNaN(InfluxSchema.FIELD_SCALED_ERROR),
                        row.numberOrNaN(InfluxSchema.FIELD_COVERED_80)));
            }
        }
        summaries.sort(Comparator.comparing(AccuracySummary::series).thenComparing(AccuracySummary::model));
        return summaries;
    }

    /**
     * Every series with observations, with its domain and latest observation, ordered by series id. A series
     * stored under two domains is listed once, with the domain of its latest observation.
     */
    public List<SeriesSummary> series() {
        List<Table> groups = queryGroups("SELECT LAST(" + VALUE + ") AS " + VALUE + " FROM " + OBSERVATION
                + " GROUP BY " + SERIES + ", " + DOMAIN, Map.of());
        Map<SeriesId, SeriesSummary> latest = new TreeMap<>();
        for (Table group : groups) {
            SeriesId series = SeriesId.of(group.tag(InfluxSchema.TAG_SERIES));
            Domain domain = parseDomain(group.tag(InfluxSchema.TAG_DOMAIN));
            for (Row row : group.rows()) {
                SeriesSummary summary = new SeriesSummary(series, domain, row.time(),
                        row.number(InfluxSchema.FIELD_VALUE));
                latest.merge(series, summary, (a, b) -> a.lastTime().isAfter(b.lastTime()) ? a : b);
            }
        }
        return List.copyOf(latest.values());
    }

    /** The models ({@code name@version}) that have stored forecasts for a series, in sorted order. */
    public List<String> models(SeriesId series) {
        Validation.requireNonNull(series, "series");
        Table table = query("SHOW TAG VALUES FROM " + FORECAST + " WITH KEY = " + MODEL + " WHERE " + SERIES
                + " = $series", Map.of("series", series.value()));
        return table.rows().stream().map(row -> row.text("value")).sorted().toList();
    }

    static void requireNoError(QueryResult result, String statement) {
        if (result == null) {
            throw new StoreException("InfluxDB answered '" + statement + "' with no result", null);
        }
        if (result.getError() != null) {
            throw new StoreException("InfluxDB refused '" + statement + "': " + result.getError(), null);
        }
        if (result.getResults() != null) {
            for (QueryResult.Result statementResult : result.getResults()) {
                if (statementResult.getError() != null) {
                    throw new StoreException(
                            "InfluxDB refused '" + statement + "': " + statementResult.getError(), null);
                }
            }
        }
    }

    /** Times travel as integer epoch nanoseconds: exact, where InfluxDB parses time strings to whole seconds at the range ends. */
    private static long nanos(Instant time) {
        return InfluxSchema.epochNanos(time, "time");
    }

    private static void requireRange(Instant from, Instant to) {
        InfluxSchema.epochNanos(from, "from");
        InfluxSchema.epochNanos(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to (" + to + "), was " + from);
        }
    }

    private static Domain parseDomain(String tag) {
        try {
            return Domain.parse(tag);
        } catch (IllegalArgumentException e) {
            throw new StoreException("a stored domain tag is not a known domain: " + e.getMessage(), e);
        }
    }

    /** One statement whose result is expected as a single table (no GROUP BY). */
    private Table query(String influxQl, Map<String, Object> parameters) {
        List<Table> groups = queryGroups(influxQl, parameters);
        if (groups.size() > 1) {
            throw new StoreException("InfluxDB answered '" + influxQl + "' with " + groups.size()
                    + " tables where one was expected", null);
        }
        return groups.isEmpty() ? Table.EMPTY : groups.get(0);
    }

    private List<Table> queryGroups(String influxQl, Map<String, Object> parameters) {
        BoundParameterQuery.QueryBuilder builder =
                BoundParameterQuery.QueryBuilder.newQuery(influxQl).forDatabase(settings.database());
        parameters.forEach(builder::bind);
        QueryResult result;
        long started = System.nanoTime();
        try {
            result = client.query(builder.create());
        } catch (InfluxDBIOException e) {
            throw new StoreUnavailableException("InfluxDB at " + settings.url() + " could not answer '" + influxQl
                    + "' with " + parameters + ": " + Retrier.describe(e), e);
        } catch (InfluxDBException e) {
            throw new StoreException("InfluxDB at " + settings.url() + " refused '" + influxQl + "' with "
                    + parameters + ": " + e.getMessage(), e);
        } finally {
            queryNanos.accept(System.nanoTime() - started);
        }
        requireNoError(result, influxQl);
        List<Table> tables = new ArrayList<>();
        for (QueryResult.Result statementResult : result.getResults()) {
            if (statementResult.getSeries() != null) {
                for (QueryResult.Series series : statementResult.getSeries()) {
                    tables.add(new Table(series.getTags() == null ? Map.of() : series.getTags(),
                            series.getColumns(), series.getValues() == null ? List.of() : series.getValues()));
                }
            }
        }
        return tables;
    }

    /** One series of a query result: its group tags, column names and rows, read by column name. */
    private record Table(Map<String, String> tags, List<String> columns, List<List<Object>> values) {
        static final Table EMPTY = new Table(Map.of(), List.of(), List.of());

        int rowCount() {
            return values.size();
        }

        String tag(String name) {
            String value = tags.get(name);
            if (value == null) {
                throw new StoreException("InfluxDB result lacks the group tag '" + name + "'; tags were " + tags, null);
            }
            return value;
        }

        List<Row> rows() {
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                index.put(columns.get(i), i);
            }
            return values.stream().map(cells -> new Row(index, cells)).toList();
        }
    }

    private record Row(Map<String, Integer> index, List<Object> cells) {
        boolean has(String column) {
            Integer at = index.get(column);
            return at != null && cells.get(at) != null;
        }

        Object cell(String column) {
            Integer at = index.get(column);
            if (at == null || cells.get(at) == null) {
                throw new StoreException("InfluxDB result lacks a value for '" + column + "'; columns were "
                        + index.keySet() + ", row " + cells, null);
            }
            return cells.get(at);
        }

        double number(String column) {
            Object cell = cell(column);
            if (!(cell instanceof Number number)) {
                throw new StoreException("InfluxDB result holds '" + cell + "' in '" + column
                        + "' where a number was expected", null);
            }
            return number.doubleValue();
        }

        double numberOrNaN(String column) {
            return has(column) ? number(column) : Double.NaN;
        }

        String text(String column) {
            return String.valueOf(cell(column));
        }

        Instant time() {
            return Instant.parse(text("time"));
        }

        Domain domain(String column) {
            return parseDomain(text(column));
        }
    }
}
