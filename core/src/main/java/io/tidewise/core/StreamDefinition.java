package io.tidewise.core;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How one user topic maps to canonical observations: where the series id, the timestamp and the value sit in a
 * record, which domain and tags the series get, their frequency and the horizon to forecast. Loaded from
 * {@code streams/*.yaml} by ingest; several definitions may read one topic.
 *
 * <p>Field locations are JSON pointers ({@code /quote/price}) for JSON records and column names for CSV records.
 * {@code seriesIdTemplate} builds the series id from fields, e.g. {@code stock/{/symbol}/close}; a template without
 * a field reference names a single series.
 *
 * @param name              unique name of the stream, e.g. {@code stock-ticks}
 * @param topic             the Kafka topic read
 * @param format            record layout on the topic
 * @param seriesIdTemplate  series id, with field references in braces
 * @param timestampField    where the observation time is
 * @param timestampFormat   {@code iso}, {@code epoch_ms}, {@code epoch_s} or a {@link java.time.format.DateTimeFormatter} pattern
 * @param zone              zone for timestamps that carry none
 * @param valueField        where the value is
 * @param domain            the domain tag of every series of the stream
 * @param tags              constant extra tags
 * @param frequency         the regular spacing the series are put on
 * @param horizon           steps to forecast
 * @param model             registry name of the model to use, or null for the default model
 */
public record StreamDefinition(
        String name,
        String topic,
        RecordFormat format,
        String seriesIdTemplate,
        String timestampField,
        String timestampFormat,
        ZoneId zone,
        String valueField,
        Domain domain,
        Map<String, String> tags,
        Frequency frequency,
        int horizon,
        String model) {

    /** Layouts of records on a user topic. */
    public enum RecordFormat { JSON, CSV }

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public StreamDefinition {
        Validation.requireNonBlank(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "name must be lower-case letters, digits, '.', '_' or '-' (at most 64), was '" + name + "'");
        }
        Validation.requireNonBlank(topic, "topic");
        Validation.requireNonNull(format, "format");
        Validation.requireNonBlank(seriesIdTemplate, "series");
        Validation.requireNonBlank(timestampField, "timestamp");
        timestampFormat = timestampFormat == null ? "iso" : timestampFormat;
        zone = zone == null ? java.time.ZoneOffset.UTC : zone;
        Validation.requireNonBlank(valueField, "value");
        Validation.requireNonNull(domain, "domain");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        Validation.requireNonNull(frequency, "frequency");
        Validation.requirePositive(horizon, "horizon");
        if (format == RecordFormat.JSON) {
            requirePointer(timestampField, "timestamp");
            requirePointer(valueField, "value");
        }
    }

    private static void requirePointer(String field, String key) {
        if (!field.startsWith("/")) {
            throw new IllegalArgumentException(key + " of a JSON stream must be a JSON pointer starting with '/', was '"
                    + field + "'");
        }
    }

    /** Parses a zone id with an error naming the field. */
    public static ZoneId parseZone(String text) {
        try {
            return ZoneId.of(Validation.requireNonBlank(text, "zone"));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("zone is not a known time zone: '" + text + "'", e);
        }
    }
}
