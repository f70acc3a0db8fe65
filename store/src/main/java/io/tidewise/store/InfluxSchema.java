package io.tidewise.store;

import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import io.tidewise.core.Observation;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.Validation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.influxdb.dto.Point;

/**
 * The names of ARCHITECTURE.md's InfluxDB schema, and the only place that turns core records into points.
 *
 * <ul>
 *   <li>{@code observation}: tags {@code series}, {@code domain}; field {@code value}; time = observation time.
 *   <li>{@code forecast}: tags {@code series}, {@code model} ({@code name@version}); fields {@code mean}, one
 *       {@code pNN} per quantile level ({@link QuantileLevels#columnName}), {@code issued_at} (integer, epoch ms),
 *       {@code step} (integer, 1..H); time = target time. A re-issued forecast writes the same series, model and
 *       time, so InfluxDB overwrites the point: the stored value at t is the latest forecast made for t.
 *   <li>{@code accuracy}: tags {@code series}, {@code model}; fields {@code abs_error}, {@code scaled_error}
 *       (absent when the series' scale is undefined), {@code covered_80} (integer 0 or 1, so that {@code MEAN} is
 *       the coverage rate); time = observation time.
 *   <li>{@code dead_letter}: tags {@code stream}, {@code reason} (a dead-letter reason's wire name, e.g.
 *       {@code malformed_json}); integer field {@code count}, the dead letters of that stream and reason in one
 *       interval; time = the interval's end. {@code SUM(count)} over any range is the dead letters in it.
 * </ul>
 * Times are written with nanosecond precision. Observation and forecast lines are encoded here (the hot path of the
 * streaming job); accuracy points, fewer, go through the client's {@link Point}.
 */
public final class InfluxSchema {
    public static final String DEFAULT_DATABASE = "tidewise";

    public static final String OBSERVATION = "observation";
    public static final String FORECAST = "forecast";
    public static final String ACCURACY = "accuracy";
    public static final String DEAD_LETTER = "dead_letter";

    public static final String TAG_SERIES = "series";
    public static final String TAG_DOMAIN = "domain";
    public static final String TAG_MODEL = "model";
    public static final String TAG_STREAM = "stream";
    public static final String TAG_REASON = "reason";

    public static final String FIELD_VALUE = "value";
    public static final String FIELD_MEAN = "mean";
    public static final String FIELD_ISSUED_AT = "issued_at";
    public static final String FIELD_STEP = "step";
    public static final String FIELD_ABS_ERROR = "abs_error";
    public static final String FIELD_SCALED_ERROR = "scaled_error";
    public static final String FIELD_COVERED_80 = "covered_80";
    public static final String FIELD_COUNT = "count";

    /** A quantile field: {@code p} and a percentage, e.g. {@code p10}, {@code p5}, {@code p97.5}. */
    static final Pattern QUANTILE_FIELD = Pattern.compile("p(\\d{1,2}(\\.\\d+)?)");

    /** InfluxDB's time range: int64 nanoseconds since the epoch, less the two ends it reserves. */
    public static final Instant EARLIEST_TIME = Instant.ofEpochSecond(0, Long.MIN_VALUE + 2);
    public static final Instant LATEST_TIME = Instant.ofEpochSecond(0, Long.MAX_VALUE - 1);

    private InfluxSchema() {}

    /** The quantile field name of a level, as {@link QuantileLevels#columnName} spells it. */
    public static String quantileField(QuantileLevels levels, int index) {
        return levels.columnName(index);
    }

    /** The probability level of a quantile field name ({@code p97.5} is 0.975), or NaN if the name is not one. */
    public static double levelOfQuantileField(String field) {
        if (field == null || !QUANTILE_FIELD.matcher(field).matches()) {
            return Double.NaN;
        }
        double level = new BigDecimal(field.substring(1)).movePointLeft(2).doubleValue();
        return level > 0 && level < 1 ? level : Double.NaN;
    }

    /**
     * Checks a tag value the line protocol can carry unchanged. InfluxDB 1.x never unescapes a backslash in a tag
     * value, so one before a space, comma or equals sign, or at the end, cannot be written faithfully: rather than
     * store a different series id than the one given, any backslash is refused.
     */
    public static String requireTagValue(String value, String field) {
        Validation.requireNonBlank(value, field);
        int backslash = value.indexOf('\\');
        if (backslash >= 0) {
            throw new IllegalArgumentException(field + " must not contain a backslash (InfluxDB's line protocol"
                    + " cannot carry it faithfully), was '" + value + "' (backslash at index " + backslash + ")");
        }
        return value;
    }

    /** Checks a model id of the form {@code name@version}, as the {@code model} tag holds it. */
    public static String requireModelId(String model) {
        requireTagValue(model, "model");
        int at = model.lastIndexOf('@');
        if (at <= 0 || at == model.length() - 1) {
            throw new IllegalArgumentException("model must have the form name@version, was '" + model + "'");
        }
        return model;
    }

    static long epochNanos(Instant time, String field) {
        Validation.requireNonNull(time, field);
        if (time.isBefore(EARLIEST_TIME) || time.isAfter(LATEST_TIME)) {
            throw new IllegalArgumentException(field + " must lie between " + EARLIEST_TIME + " and " + LATEST_TIME
                    + " to be stored in InfluxDB, was " + time);
        }
        return time.getEpochSecond() * 1_000_000_000L + time.getNano();
    }

    /**
     * The line of an observation, written directly rather than through the client's {@link Point}: the streaming job
     * writes one for every observation, and the client's generic encoding (a sorted tag map, escaping by repeated
     * replacement, a {@code NumberFormat} per value) was the largest cost of its observation sink. The same line as
     * the client's (InfluxSchemaTest checks it against the client).
     */
    static String observationLine(Observation observation) {
        long nanos = epochNanos(observation.timestamp(), "ts of the observation of " + observation.series());
        String series = requireTagValue(observation.series().value(), "series");
        StringBuilder line = new StringBuilder(64 + series.length())
                .append(OBSERVATION).append(',').append(TAG_DOMAIN).append('=');
        appendTagValue(line, observation.domain().wireName());
        line.append(',').append(TAG_SERIES).append('=');
        appendTagValue(line, series);
        line.append(' ').append(FIELD_VALUE).append('=');
        appendFloat(line, observation.value());
        return line.append(' ').append(nanos).toString();
    }

    /** Tag values escape commas, equals signs and spaces (backslashes are refused by {@link #requireTagValue}). */
    private static void appendTagValue(StringBuilder line, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '=' || c == ' ') {
                line.append('\\');
            }
            line.append(c);
        }
    }

    /** {@code ,name=value} ({@link ForecastStep} holds finite numbers only). */
    private static void appendFloatField(StringBuilder line, String name, double value) {
        line.append(',').append(name).append('=');
        appendFloat(line, value);
    }

    /** A float field as the client writes it: plain decimal notation with at least one fraction digit. */
    private static void appendFloat(StringBuilder line, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a field must be finite to be stored in InfluxDB, was " + value);
        }
        String shortest = Double.toString(value);
        if (shortest.indexOf('E') < 0) {
            line.append(shortest);
            return;
        }
        String plain = new BigDecimal(shortest).stripTrailingZeros().toPlainString();
        line.append(plain);
        if (plain.indexOf('.') < 0) {
            line.append(".0");
        }
    }

    /**
     * The lines of a forecast, one per step, encoded directly for the same reason as {@link #observationLine}: a
     * forecast is horizon points of a dozen fields each.
     */
    static List<String> forecastLines(Forecast forecast, String model, Instant issuedAt) {
        requireModelId(model);
        Validation.requireNonNull(issuedAt, "issuedAt");
        String series = requireTagValue(forecast.series().value(), "series");
        QuantileLevels levels = forecast.levels();
        // Fields in name order, as the client writes them: issued_at, mean, the quantiles, step.
        Integer[] quantileOrder = new Integer[levels.size()];
        for (int i = 0; i < quantileOrder.length; i++) {
            quantileOrder[i] = i;
        }
        Arrays.sort(quantileOrder, Comparator.comparing(levels::columnName));
        StringBuilder prefix = new StringBuilder(64).append(FORECAST).append(',').append(TAG_MODEL).append('=');
        appendTagValue(prefix, model);
        prefix.append(',').append(TAG_SERIES).append('=');
        appendTagValue(prefix, series);
        prefix.append(' ').append(FIELD_ISSUED_AT).append('=').append(issuedAt.toEpochMilli()).append('i');
        String head = prefix.toString();
        List<String> lines = new ArrayList<>(forecast.horizon());
        for (ForecastStep step : forecast.steps()) {
            if (step.timestamp() == null) {
                throw new IllegalArgumentException("timestamp of step " + step.step() + " of the forecast for "
                        + series + " is required to store it, was null");
            }
            long nanos = epochNanos(step.timestamp(), "timestamp of step " + step.step() + " of the forecast for "
                    + series);
            StringBuilder line = new StringBuilder(head.length() + 24 * (levels.size() + 3)).append(head);
            appendFloatField(line, FIELD_MEAN, step.mean());
            for (int i : quantileOrder) {
                appendFloatField(line, levels.columnName(i), step.quantile(i));
            }
            line.append(',').append(FIELD_STEP).append('=').append(step.step()).append('i')
                    .append(' ').append(nanos);
            lines.add(line.toString());
        }
        return lines;
    }

    static Point accuracyPoint(AccuracyRecord accuracy) {
        Point.Builder point = Point.measurement(ACCURACY)
                .time(epochNanos(accuracy.timestamp(), "timestamp of the accuracy of " + accuracy.series()),
                        TimeUnit.NANOSECONDS)
                .tag(TAG_SERIES, requireTagValue(accuracy.series().value(), "series"))
                .tag(TAG_MODEL, requireModelId(accuracy.model()))
                .addField(FIELD_ABS_ERROR, accuracy.absError())
                .addField(FIELD_COVERED_80, accuracy.covered80() ? 1L : 0L);
        if (accuracy.hasScaledError()) {
            point.addField(FIELD_SCALED_ERROR, accuracy.scaledError());
        }
        return point.build();
    }

    static Point deadLetterPoint(String stream, String reason, Instant intervalEnd, long count) {
        if (count <= 0) {
            throw new IllegalArgumentException("count of the dead letters of stream '" + stream + "' and reason '"
                    + reason + "' must be positive, was " + count);
        }
        return Point.measurement(DEAD_LETTER)
                .time(epochNanos(intervalEnd, "interval end of the dead letters of stream '" + stream + "'"),
                        TimeUnit.NANOSECONDS)
                .tag(TAG_STREAM, requireTagValue(stream, "stream"))
                .tag(TAG_REASON, requireTagValue(reason, "reason"))
                .addField(FIELD_COUNT, count)
                .build();
    }

    static Point metricPoint(String measurement, java.util.Map<String, String> tags,
            java.util.Map<String, Object> fields, Instant time) {
        Validation.requireNonBlank(measurement, "measurement");
        Validation.requireNonNull(tags, "tags of " + measurement);
        Validation.requireNonNull(fields, "fields of " + measurement);
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("fields of " + measurement + " must hold at least one field, was empty");
        }
        Point.Builder point = Point.measurement(measurement)
                .time(epochNanos(time, "time of " + measurement), TimeUnit.NANOSECONDS);
        for (java.util.Map.Entry<String, String> tag : tags.entrySet()) {
            if (tag.getValue() != null && !tag.getValue().isEmpty()) {
                point.tag(tag.getKey(), requireTagValue(tag.getValue(), "tag " + tag.getKey() + " of " + measurement));
            }
        }
        for (java.util.Map.Entry<String, Object> field : fields.entrySet()) {
            Object value = field.getValue();
            if (value instanceof Double || value instanceof Float) {
                double number = ((Number) value).doubleValue();
                if (!Double.isFinite(number)) {
                    throw new IllegalArgumentException("field " + field.getKey() + " of " + measurement
                            + " must be finite to be stored in InfluxDB, was " + number);
                }
                point.addField(field.getKey(), number);
            } else if (value instanceof Number number) {
                point.addField(field.getKey(), number.longValue());
            } else if (value instanceof Boolean flag) {
                point.addField(field.getKey(), flag);
            } else if (value instanceof String text) {
                point.addField(field.getKey(), text);
            } else {
                throw new IllegalArgumentException("field " + field.getKey() + " of " + measurement
                        + " must be a number, a boolean or a text, was " + value);
            }
        }
        return point.build();
    }
}
