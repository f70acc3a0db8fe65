package io.tidewise.ingest.definition;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tidewise.core.Domain;
import io.tidewise.core.Frequency;
import io.tidewise.core.StreamDefinition;
import io.tidewise.core.StreamDefinition.CsvLayout;
import io.tidewise.core.StreamDefinition.RecordFormat;
import io.tidewise.ingest.mapping.TimestampParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads stream definitions from YAML ({@code streams/*.yaml}), one definition per file:
 *
 * <pre>{@code
 * name: stock-ticks              # unique; lower-case letters, digits, '.', '_', '-'
 * topic: market.ticks            # the Kafka topic read; several definitions may read one topic
 * format: json                   # json | csv
 * csv:                           # csv only: delimiter (default ',') and columns or header
 *   delimiter: ";"
 *   columns: [sensor, time, vehicles]   # or  header: "sensor;time;vehicles"
 * series: stock/{/symbol}/close  # series id; {JSON pointer} or {column} references
 * timestamp:                     # or just the field, read as iso in UTC
 *   field: /ts
 *   format: epoch_ms             # iso | epoch_ms | epoch_s | a date-time pattern such as yyyy-MM-dd HH:mm
 *   zone: UTC                    # for timestamps without an offset
 * value: /price
 * domain: stock                  # economy | stock | traffic | energy | other
 * tags: {exchange: XNAS}         # optional constant tags
 * frequency: 1m
 * horizon: 30
 * model: tidewise-small          # optional; the default model otherwise
 * }</pre>
 *
 * Every problem is reported as a {@link StreamDefinitionException} naming the file, the key and the problem;
 * unknown keys are rejected by name, since a misspelt optional key would otherwise be silently ignored.
 */
public final class StreamDefinitionLoader {
    private static final Set<String> TOP_KEYS = Set.of("name", "topic", "format", "csv", "series", "timestamp",
            "value", "domain", "tags", "frequency", "horizon", "model");
    private static final Set<String> CSV_KEYS = Set.of("delimiter", "columns", "header");
    private static final Set<String> TIMESTAMP_KEYS = Set.of("field", "format", "zone");
    private static final Set<String> REQUIRED = Set.of("name", "topic", "format", "series", "timestamp", "value",
            "domain", "frequency", "horizon");

    private final ObjectMapper yaml = new YAMLMapper(
            YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    /** Loads one definition file. */
    public StreamDefinition load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new StreamDefinitionException(file.toString(), "(file)", "is not UTF-8 text (saved in another"
                    + " encoding, or not a YAML file at all?); save it as UTF-8", e);
        } catch (IOException e) {
            throw new StreamDefinitionException(file.toString(), "(file)", "cannot be read: " + e, e);
        }
        return parse(text, file.toString());
    }

    /**
     * Loads every {@code *.yaml} and {@code *.yml} file of a directory (not its subdirectories), in file-name order.
     *
     * @throws StreamDefinitionException for the first bad file, or when two files define the same name
     */
    public StreamCatalog loadDirectory(Path directory) {
        List<Path> files;
        try (Stream<Path> entries = Files.list(directory)) {
            files = entries.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list stream definitions in " + directory, e);
        }
        Map<String, Path> fileByName = new LinkedHashMap<>();
        List<StreamDefinition> definitions = new ArrayList<>();
        for (Path file : files) {
            StreamDefinition definition = load(file);
            Path previous = fileByName.putIfAbsent(definition.name(), file);
            if (previous != null) {
                throw new StreamDefinitionException(file.toString(), "name",
                        "stream '" + definition.name() + "' is already defined in " + previous);
            }
            definitions.add(definition);
        }
        return new StreamCatalog(definitions);
    }

    /**
     * Parses the YAML text of one definition.
     *
     * @param source how messages name the text, usually its file
     */
    public StreamDefinition parse(String text, String source) {
        JsonNode root = null;
        try (JsonParser documents = yaml.getFactory().createParser(text)) {
            if (documents.nextToken() != null) {
                root = yaml.readTree(documents);
            }
            if (documents.nextToken() != null) {
                throw new StreamDefinitionException(source, "(yaml)",
                        "holds more than one YAML document; write one stream definition per file");
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new StreamDefinitionException(source, "(yaml)", "is not valid YAML" + where + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read YAML from memory", e);
        }
        return new Reader(source).definition(root);
    }

    /** Reads one document; holds the source name for messages. */
    private static final class Reader {
        private final String source;

        Reader(String source) {
            this.source = source;
        }

        private StreamDefinitionException error(String key, String problem) {
            return new StreamDefinitionException(source, key, problem);
        }

        StreamDefinition definition(JsonNode root) {
            if (root == null || root.isMissingNode() || root.isNull()) {
                throw error("(yaml)", "is empty; a stream definition is a mapping with keys " + sorted(REQUIRED));
            }
            if (!root.isObject()) {
                throw error("(yaml)", "must be a mapping of keys, was a " + kind(root));
            }
            checkKeys(root, TOP_KEYS, "");
            for (String key : sorted(REQUIRED)) {
                if (!root.has(key) || root.get(key).isNull()) {
                    throw error(key, "is required but missing");
                }
            }
            String name = textAt(root, "name");
            String topic = textAt(root, "topic");
            RecordFormat format = format(root);
            CsvLayout csv = csvLayout(root, format);
            String series = textAt(root, "series");
            List<String> references = attempt("series", () -> StreamDefinition.seriesFieldReferences(series));
            TimestampSpec timestamp = timestamp(root.get("timestamp"));
            String value = textAt(root, "value");
            if (format == RecordFormat.JSON) {
                for (String reference : references) {
                    pointer("series", reference);
                }
                pointer(timestamp.fieldKey, timestamp.field);
                pointer("value", value);
            }
            Domain domain = attempt("domain", () -> Domain.parse(textAt(root, "domain")));
            Map<String, String> tags = tags(root.get("tags"));
            Frequency frequency = attempt("frequency", () -> Frequency.parse(textAt(root, "frequency")));
            int horizon = positiveInt(root, "horizon");
            String model = root.hasNonNull("model") ? textAt(root, "model") : null;
            try {
                return new StreamDefinition(name, topic, format, series, timestamp.field, timestamp.format,
                        timestamp.zone, value, domain, tags, frequency, horizon, model, csv);
            } catch (IllegalArgumentException e) {
                throw new StreamDefinitionException(source, keyOf(e.getMessage(), timestamp), e.getMessage(), e);
            }
        }

        /** The key a core validation message is about: core messages start with the field's name. */
        private static String keyOf(String message, TimestampSpec timestamp) {
            String first = message.split("[ .]", 2)[0];
            if (first.equals("timestamp")) {
                return timestamp.fieldKey;
            }
            return TOP_KEYS.contains(first) ? first : "(definition)";
        }

        private void checkKeys(JsonNode node, Set<String> known, String prefix) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String key = names.next();
                if (!known.contains(key)) {
                    // A blank key (YAML allows "": x) is quoted, or the message would name nothing.
                    throw error(prefix + (key.isBlank() ? "'" + key + "'" : key), "unknown key; known keys here are "
                            + sorted(known));
                }
            }
        }

        private String textAt(JsonNode parent, String key) {
            return text(parent.get(key), key);
        }

        private String text(JsonNode node, String key) {
            if (node == null || node.isNull()) {
                throw error(key, "is required but missing");
            }
            if (!node.isValueNode() || node.isBoolean()) {
                throw error(key, "must be text, was a " + kind(node) + (node.isBoolean()
                        ? " (YAML reads yes/no/on/off/true/false as booleans: quote it)" : ""));
            }
            String text = node.asText();
            if (text.isBlank()) {
                throw error(key, "must not be blank, was '" + text + "'");
            }
            return text;
        }

        private RecordFormat format(JsonNode root) {
            String format = textAt(root, "format");
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "json" -> RecordFormat.JSON;
                case "csv" -> RecordFormat.CSV;
                default -> throw error("format", "must be json or csv, was '" + format + "'");
            };
        }

        private CsvLayout csvLayout(JsonNode root, RecordFormat format) {
            JsonNode csv = root.get("csv");
            if (format == RecordFormat.JSON) {
                if (csv != null) {
                    throw error("csv", "is only for format: csv, but format is json");
                }
                return null;
            }
            if (csv == null || !csv.isObject()) {
                throw error("csv", csv == null
                        ? "is required for format: csv (columns or header, and optionally delimiter)"
                        : "must be a mapping with columns or header, was a " + kind(csv));
            }
            checkKeys(csv, CSV_KEYS, "csv.");
            char delimiter = ',';
            if (csv.has("delimiter")) {
                JsonNode node = csv.get("delimiter");
                String text = node.isTextual() ? node.textValue() : null;
                if (text == null || text.length() != 1) {
                    throw error("csv.delimiter", "must be one character, was " + (text == null ? "a " + kind(node)
                            : "'" + text + "'"));
                }
                delimiter = text.charAt(0);
            }
            boolean hasColumns = csv.has("columns");
            boolean hasHeader = csv.has("header");
            if (hasColumns == hasHeader) {
                throw error("csv", hasColumns ? "has both columns and header; give one"
                        : "needs columns (a list of names) or header (the header line as it appears on the topic)");
            }
            List<String> columns = new ArrayList<>();
            if (hasColumns) {
                JsonNode list = csv.get("columns");
                if (!list.isArray()) {
                    throw error("csv.columns", "must be a list of column names, was a " + kind(list));
                }
                for (int i = 0; i < list.size(); i++) {
                    columns.add(text(list.get(i), "csv.columns[" + i + "]"));
                }
            } else {
                String header = text(csv.get("header"), "csv.header");
                for (String column : header.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1)) {
                    columns.add(column.strip());
                }
            }
            char chosen = delimiter;
            return attempt(hasColumns ? "csv.columns" : "csv.header", () -> new CsvLayout(chosen, columns, hasHeader));
        }

        private record TimestampSpec(String field, String fieldKey, String format, ZoneId zone) {}

        private TimestampSpec timestamp(JsonNode node) {
            if (node.isValueNode()) {
                return new TimestampSpec(text(node, "timestamp"), "timestamp", TimestampParser.ISO, ZoneOffset.UTC);
            }
            if (!node.isObject()) {
                throw error("timestamp", "must be a field or a mapping with field, format and zone, was a " + kind(node));
            }
            checkKeys(node, TIMESTAMP_KEYS, "timestamp.");
            String field = text(node.get("field"), "timestamp.field");
            String format = node.has("format") ? text(node.get("format"), "timestamp.format") : TimestampParser.ISO;
            attempt("timestamp.format", () -> {
                TimestampParser.validateFormat(format);
                return format;
            });
            ZoneId zone = node.has("zone")
                    ? attempt("timestamp.zone", () -> StreamDefinition.parseZone(text(node.get("zone"), "timestamp.zone")))
                    : ZoneOffset.UTC;
            return new TimestampSpec(field, "timestamp.field", format, zone);
        }

        private void pointer(String key, String pointer) {
            attempt(key, () -> {
                if (!pointer.startsWith("/")) {
                    throw new IllegalArgumentException("must be a JSON pointer starting with '/' for a JSON stream, was '"
                            + pointer + "'");
                }
                try {
                    return JsonPointer.compile(pointer);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("is not a valid JSON pointer: '" + pointer + "' ("
                            + e.getMessage() + ")", e);
                }
            });
        }

        private Map<String, String> tags(JsonNode node) {
            if (node == null || node.isNull()) {
                return Map.of();
            }
            if (!node.isObject()) {
                throw error("tags", "must be a mapping of tag names to values, was a " + kind(node));
            }
            Map<String, String> tags = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (entry.getKey().equals("series") || entry.getKey().equals("domain")) {
                    throw error("tags." + entry.getKey(), "is reserved: the series id and domain set this tag");
                }
                tags.put(entry.getKey(), text(entry.getValue(), "tags." + entry.getKey()));
            }
            return tags;
        }

        private int positiveInt(JsonNode root, String key) {
            JsonNode node = root.get(key);
            if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                throw error(key, "must be a whole number, was " + (node.isValueNode() ? "'" + node.asText() + "'"
                        : "a " + kind(node)));
            }
            if (node.intValue() <= 0) {
                throw error(key, "must be positive, was " + node.intValue());
            }
            return node.intValue();
        }

        private <T> T attempt(String key, java.util.function.Supplier<T> step) {
            try {
                return step.get();
            } catch (StreamDefinitionException e) {
                throw e;
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                throw new StreamDefinitionException(source, key, e.getMessage(), e);
            }
        }

        private static String kind(JsonNode node) {
            return node.getNodeType().name().toLowerCase(Locale.ROOT)
                    .replace("object", "mapping").replace("array", "list");
        }

        private static List<String> sorted(Set<String> keys) {
            return keys.stream().sorted().toList();
        }
    }
}
