package io.tidewise.ingest.mapping;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.core.StreamDefinition;
import io.tidewise.core.StreamDefinition.CsvLayout;
import io.tidewise.core.StreamDefinition.RecordFormat;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the records of one stream definition to canonical observations. {@link #map} never throws: every record
 * becomes an observation, a dead letter with its reason, or (CSV only) a recognised header line. Instances are
 * immutable and thread-safe; build one per definition and reuse it.
 */
public final class RecordMapper {
    private static final Logger LOG = LoggerFactory.getLogger(RecordMapper.class);

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private final StreamDefinition definition;
    private final SeriesIdTemplate seriesTemplate;
    private final TimestampParser timestamps;
    private final FieldLocator<JsonNode> jsonFields;
    private final FieldLocator<List<String>> csvFields;
    private final ObjectReader csvReader;

    public RecordMapper(StreamDefinition definition) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.seriesTemplate = new SeriesIdTemplate(definition.seriesIdTemplate());
        this.timestamps = new TimestampParser(definition.timestampFormat(), definition.zone());
        if (definition.format() == RecordFormat.JSON) {
            this.jsonFields = new JsonFields(definition, seriesTemplate);
            this.csvFields = null;
            this.csvReader = null;
        } else {
            this.jsonFields = null;
            this.csvFields = new CsvFields(definition.csv(), definition, seriesTemplate);
            this.csvReader = CSV.readerFor(String[].class)
                    .with(CsvSchema.emptySchema().withColumnSeparator(definition.csv().delimiter()));
        }
    }

    public StreamDefinition definition() {
        return definition;
    }

    /** Maps one record; never throws. */
    public MappingResult map(SourceRecord record) {
        Objects.requireNonNull(record, "record");
        String text;
        try {
            text = decodeUtf8(record.value());
        } catch (RecordRejectedException e) {
            String raw = record.value() == null ? null : Base64.getEncoder().encodeToString(record.value());
            return reject(record, raw, e);
        }
        try {
            return definition.format() == RecordFormat.JSON ? mapJson(record, text) : mapCsv(record, text);
        } catch (RecordRejectedException e) {
            return reject(record, text, e);
        } catch (RuntimeException e) {
            // A bug in this class must not stop the stream: the record goes to the dead letters with the failure.
            LOG.warn("Mapping failed unexpectedly for stream {} at {}-{}@{}", definition.name(), record.topic(),
                    record.partition(), record.offset(), e);
            return reject(record, text, new RecordRejectedException(DeadLetterReason.MAPPING_FAILED, e.toString()));
        }
    }

    private MappingResult reject(SourceRecord record, String raw, RecordRejectedException e) {
        DeadLetter letter = DeadLetter.bounded(definition.name(), record.topic(), record.partition(), record.offset(),
                raw, e.reason(), e.getMessage());
        return new MappingResult.Rejected(definition.name(), e.reason(), letter);
    }

    private static String decodeUtf8(byte[] value) throws RecordRejectedException {
        if (value == null) {
            throw new RecordRejectedException(DeadLetterReason.EMPTY_RECORD, "record has no value (null)");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
            if (text.isBlank()) {
                throw new RecordRejectedException(DeadLetterReason.EMPTY_RECORD,
                        "record is empty (" + value.length + " bytes of blank text)");
            }
            int nul = text.indexOf('\u0000');
            if (nul >= 0) {
                // Valid UTF-8, but no JSON or CSV text holds NUL: UTF-16 text (every ASCII character followed or
                // preceded by a zero byte) or binary data, which would otherwise be reported as a bad field.
                throw new RecordRejectedException(DeadLetterReason.NOT_UTF8, "record holds a NUL character at byte "
                        + utf8Length(text, nul)
                        + " (UTF-16 text or binary data?), not UTF-8 text; raw holds its " + value.length
                        + " bytes in base64");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new RecordRejectedException(DeadLetterReason.NOT_UTF8,
                    "record is not UTF-8 text (" + e.getMessage() + "); raw holds its " + value.length
                            + " bytes in base64");
        }
    }

    /** The UTF-8 length of the first {@code chars} characters of {@code text}: a byte offset for messages. */
    private static int utf8Length(String text, int chars) {
        return text.substring(0, chars).getBytes(StandardCharsets.UTF_8).length;
    }

    private MappingResult mapJson(SourceRecord record, String text) throws RecordRejectedException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RecordRejectedException(DeadLetterReason.MALFORMED_JSON, e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RecordRejectedException(DeadLetterReason.NOT_AN_OBJECT,
                    "record must be a JSON object, was " + (root == null ? "nothing" : root.getNodeType()));
        }
        return new MappingResult.Mapped(definition.name(), observation(root, jsonFields));
    }

    private MappingResult mapCsv(SourceRecord record, String text) throws RecordRejectedException {
        String line = stripOneLineBreak(text);
        List<String> fields = splitCsv(line);
        CsvLayout layout = definition.csv();
        if (layout.skipHeaderLines() && fields.equals(layout.columns())) {
            return new MappingResult.SkippedHeader(definition.name(), record);
        }
        if (fields.size() != layout.columns().size()) {
            throw new RecordRejectedException(DeadLetterReason.MALFORMED_CSV,
                    "record has " + fields.size() + " fields, expected " + layout.columns().size() + " "
                            + layout.columns() + " separated by '" + layout.delimiter() + "'");
        }
        return new MappingResult.Mapped(definition.name(), observation(fields, csvFields));
    }

    private static String stripOneLineBreak(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") || text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private List<String> splitCsv(String line) throws RecordRejectedException {
        try (MappingIterator<String[]> rows = csvReader.readValues(line)) {
            if (!rows.hasNext()) {
                throw new RecordRejectedException(DeadLetterReason.MALFORMED_CSV, "record holds no CSV line");
            }
            String[] first = rows.next();
            if (rows.hasNext()) {
                throw new RecordRejectedException(DeadLetterReason.MALFORMED_CSV,
                        "record holds more than one CSV line; one record must be one line");
            }
            return Arrays.asList(first);
        } catch (IOException | RuntimeException e) {
            // Jackson wraps parse errors of readValues in RuntimeJsonMappingException when iterating.
            throw new RecordRejectedException(DeadLetterReason.MALFORMED_CSV, csvProblem(e));
        }
    }

    private static String csvProblem(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause instanceof JsonProcessingException json ? json.getOriginalMessage() : cause.getMessage();
        return "record is not a CSV line: " + message;
    }

    private <R> Observation observation(R record, FieldLocator<R> fields) throws RecordRejectedException {
        List<String> seriesValues = new ArrayList<>(seriesTemplate.references().size());
        for (int i = 0; i < seriesTemplate.references().size(); i++) {
            seriesValues.add(fields.seriesPart(record, i));
        }
        SeriesId series = SeriesId.of(seriesTemplate.render(seriesValues));
        Instant timestamp = timestamps.parse(fields.timestampText(record), "timestamp " + definition.timestampField());
        double value = fields.value(record);
        return new Observation(series, timestamp, value, definition.domain());
    }

    /** Reads the three things an observation needs from one kind of parsed record. */
    private interface FieldLocator<R> {
        String seriesPart(R record, int reference) throws RecordRejectedException;

        String timestampText(R record) throws RecordRejectedException;

        double value(R record) throws RecordRejectedException;
    }

    private static final class JsonFields implements FieldLocator<JsonNode> {
        /** Timestamps with more integer digits than this are out of any range; refusing early avoids huge strings. */
        private static final int MAX_TIMESTAMP_DIGITS = 25;

        private final List<JsonPointer> seriesPointers = new ArrayList<>();
        private final JsonPointer timestamp;
        private final JsonPointer value;
        private final String timestampField;
        private final String valueField;

        JsonFields(StreamDefinition definition, SeriesIdTemplate template) {
            for (String reference : template.references()) {
                seriesPointers.add(JsonPointer.compile(reference));
            }
            this.timestamp = JsonPointer.compile(definition.timestampField());
            this.value = JsonPointer.compile(definition.valueField());
            this.timestampField = definition.timestampField();
            this.valueField = definition.valueField();
        }

        private static JsonNode present(JsonNode root, JsonPointer pointer, String role) throws RecordRejectedException {
            JsonNode node = root.at(pointer);
            if (node.isMissingNode()) {
                throw new RecordRejectedException(DeadLetterReason.MISSING_FIELD, role + " " + pointer + " is absent");
            }
            if (node.isNull()) {
                throw new RecordRejectedException(DeadLetterReason.MISSING_FIELD, role + " " + pointer + " is null");
            }
            return node;
        }

        @Override
        public String seriesPart(JsonNode root, int reference) throws RecordRejectedException {
            JsonPointer pointer = seriesPointers.get(reference);
            JsonNode node = present(root, pointer, "series field");
            if (!node.isTextual() && !node.isNumber()) {
                // A boolean would otherwise name a series "true": a producer's wrong type, not an id.
                throw new RecordRejectedException(DeadLetterReason.INVALID_SERIES,
                        "series field " + pointer + " must be text or a number, was " + node.getNodeType() + " "
                                + TimestampParser.abbreviate(node.toString()));
            }
            if (node.isBigDecimal() && plainDigits(node.decimalValue()) > SeriesId.MAX_LENGTH) {
                // 1e999999999 would be written out as a billion digits before the id's length check refused it.
                throw new RecordRejectedException(DeadLetterReason.INVALID_SERIES, "series field " + pointer
                        + " is a number too long for a series id: " + TimestampParser.abbreviate(node.asText()));
            }
            String text = node.isBigDecimal() ? node.decimalValue().toPlainString() : node.asText();
            if (text.isEmpty()) {
                throw new RecordRejectedException(DeadLetterReason.MISSING_FIELD,
                        "series field " + pointer + " is empty");
            }
            return text;
        }

        /** How many characters {@link BigDecimal#toPlainString()} would write, without writing them. */
        private static long plainDigits(BigDecimal number) {
            return Math.max(1L, (long) number.precision() - number.scale()) + Math.max(0, number.scale());
        }

        @Override
        public String timestampText(JsonNode root) throws RecordRejectedException {
            JsonNode node = present(root, timestamp, "timestamp");
            if (node.isNumber()) {
                BigDecimal number = node.decimalValue();
                if (number.precision() - number.scale() > MAX_TIMESTAMP_DIGITS || number.scale() > MAX_TIMESTAMP_DIGITS) {
                    throw new RecordRejectedException(DeadLetterReason.BAD_TIMESTAMP,
                            "timestamp " + timestampField + " is out of range: " + TimestampParser.abbreviate(
                                    number.toString()));
                }
                return number.toPlainString();
            }
            if (!node.isTextual()) {
                throw new RecordRejectedException(DeadLetterReason.BAD_TIMESTAMP,
                        "timestamp " + timestampField + " must be text or a number, was " + node.getNodeType());
            }
            if (node.textValue().isBlank()) {
                throw new RecordRejectedException(DeadLetterReason.MISSING_FIELD,
                        "timestamp " + timestampField + " is empty");
            }
            return node.textValue();
        }

        @Override
        public double value(JsonNode root) throws RecordRejectedException {
            JsonNode node = present(root, value, "value");
            if (node.isNumber()) {
                return ValueParser.requireFinite(node.doubleValue(), node.asText(), "value " + valueField);
            }
            if (node.isTextual()) {
                if (node.textValue().isBlank()) {
                    throw new RecordRejectedException(DeadLetterReason.MISSING_FIELD, "value " + valueField
                            + " is empty");
                }
                return ValueParser.parse(node.textValue(), "value " + valueField);
            }
            throw new RecordRejectedException(DeadLetterReason.NON_NUMERIC_VALUE,
                    "value " + valueField + " must be a number, was " + node.getNodeType() + " "
                            + TimestampParser.abbreviate(node.toString()));
        }
    }

    private static final class CsvFields implements FieldLocator<List<String>> {
        private final int[] seriesColumns;
        private final List<String> seriesNames;
        private final int timestampColumn;
        private final int valueColumn;
        private final String timestampField;
        private final String valueField;

        CsvFields(CsvLayout layout, StreamDefinition definition, SeriesIdTemplate template) {
            this.seriesNames = template.references();
            this.seriesColumns = seriesNames.stream().mapToInt(layout.columns()::indexOf).toArray();
            this.timestampColumn = layout.columns().indexOf(definition.timestampField());
            this.valueColumn = layout.columns().indexOf(definition.valueField());
            this.timestampField = definition.timestampField();
            this.valueField = definition.valueField();
        }

        private static String nonEmpty(List<String> fields, int column, String role) throws RecordRejectedException {
            String text = fields.get(column);
            if (text == null || text.isBlank()) {
                throw new RecordRejectedException(DeadLetterReason.MISSING_FIELD, role + " is empty");
            }
            return text;
        }

        @Override
        public String seriesPart(List<String> fields, int reference) throws RecordRejectedException {
            return nonEmpty(fields, seriesColumns[reference], "series column " + seriesNames.get(reference));
        }

        @Override
        public String timestampText(List<String> fields) throws RecordRejectedException {
            return nonEmpty(fields, timestampColumn, "timestamp column " + timestampField);
        }

        @Override
        public double value(List<String> fields) throws RecordRejectedException {
            return ValueParser.parse(nonEmpty(fields, valueColumn, "value column " + valueField),
                    "value column " + valueField);
        }
    }
}
