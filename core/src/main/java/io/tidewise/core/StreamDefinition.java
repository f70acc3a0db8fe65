package io.tidewise.core;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
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
 * @param csv               column layout of a CSV stream; null for a JSON stream
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
        String model,
        CsvLayout csv) {

    /** Layouts of records on a user topic. */
    public enum RecordFormat { JSON, CSV }

    /**
     * How one CSV record (one line, one Kafka record) is cut into named columns.
     *
     * @param delimiter       the field separator, e.g. {@code ,} or {@code ;}
     * @param columns         the column names in record order; fields refer to columns by these names
     * @param skipHeaderLines whether a record that repeats the column names is a header line to skip (producers
     *                        that copy whole files onto a topic send one), rather than a malformed record
     */
    public record CsvLayout(char delimiter, List<String> columns, boolean skipHeaderLines) {
        public CsvLayout {
            if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
                throw new IllegalArgumentException(
                        "csv delimiter must not be a quote or a line break, was '" + printable(delimiter) + "'");
            }
            Validation.requireNonNull(columns, "csv columns");
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("csv columns must name at least one column, was []");
            }
            Set<String> seen = new HashSet<>();
            for (String column : columns) {
                Validation.requireNonBlank(column, "csv column");
                if (!seen.add(column)) {
                    throw new IllegalArgumentException("csv columns must be unique, '" + column + "' appears twice in "
                            + columns);
                }
            }
            columns = List.copyOf(columns);
        }

        private static String printable(char c) {
            return c == '\n' ? "\\n" : c == '\r' ? "\\r" : String.valueOf(c);
        }
    }

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern FIELD_REFERENCE = Pattern.compile("\\{([^{}]*)}");

    /** A JSON stream's definition, as before CSV layouts were part of the record. */
    public StreamDefinition(String name, String topic, RecordFormat format, String seriesIdTemplate,
            String timestampField, String timestampFormat, ZoneId zone, String valueField, Domain domain,
            Map<String, String> tags, Frequency frequency, int horizon, String model) {
        this(name, topic, format, seriesIdTemplate, timestampField, timestampFormat, zone, valueField, domain, tags,
                frequency, horizon, model, null);
    }

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
        if (model != null) {
            Validation.requireNonBlank(model, "model");
        }
        List<String> references = seriesFieldReferences(seriesIdTemplate);
        if (format == RecordFormat.JSON) {
            if (csv != null) {
                throw new IllegalArgumentException("csv layout must be absent for a JSON stream, was " + csv);
            }
            requirePointer(timestampField, "timestamp");
            requirePointer(valueField, "value");
            for (String reference : references) {
                requirePointer(reference, "series");
            }
        } else {
            Validation.requireNonNull(csv, "csv layout of a CSV stream");
            requireColumn(csv, timestampField, "timestamp");
            requireColumn(csv, valueField, "value");
            for (String reference : references) {
                requireColumn(csv, reference, "series");
            }
        }
    }

    /**
     * The field references of a series id template in order, e.g. {@code [/symbol]} for {@code stock/{/symbol}/close}.
     *
     * @throws IllegalArgumentException if a brace is unbalanced or a reference is empty
     */
    public static List<String> seriesFieldReferences(String template) {
        Validation.requireNonBlank(template, "series");
        List<String> references = new ArrayList<>();
        Matcher matcher = FIELD_REFERENCE.matcher(template);
        StringBuilder rest = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            if (matcher.group(1).isBlank()) {
                throw new IllegalArgumentException("series template has an empty field reference '{}' at index "
                        + matcher.start() + ", was '" + template + "'");
            }
            references.add(matcher.group(1));
            rest.append(template, last, matcher.start());
            last = matcher.end();
        }
        rest.append(template.substring(last));
        int stray = Math.max(rest.indexOf("{"), rest.indexOf("}"));
        if (stray >= 0) {
            throw new IllegalArgumentException("series template has an unbalanced brace, was '" + template + "'");
        }
        return references;
    }

    private static void requireColumn(CsvLayout csv, String field, String key) {
        if (!csv.columns().contains(field)) {
            throw new IllegalArgumentException(key + " of a CSV stream must name one of the columns " + csv.columns()
                    + ", was '" + field + "'");
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
