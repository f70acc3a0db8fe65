package io.tidewise.ingest.produce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.tidewise.core.Observation;
import io.tidewise.core.StreamDefinition;
import io.tidewise.core.StreamDefinition.RecordFormat;
import io.tidewise.core.csv.LongCsvWriter;
import io.tidewise.ingest.mapping.SeriesIdTemplate;
import io.tidewise.ingest.mapping.TimestampParser;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes an observation in a stream's native layout, the inverse of {@link io.tidewise.ingest.mapping.RecordMapper}:
 * series id fields are read back out of the id through the template, the timestamp is written in the stream's
 * format and zone, the value where the definition reads it. Producers use it so that replays and generators
 * exercise the same mapping a user's data goes through. CSV columns the definition does not read are left empty;
 * JSON pointers create nested objects as needed.
 */
public final class NativeRecordEncoder {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    // Quote only fields that need it (delimiter, quote, line break), as people write CSV by hand.
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private final StreamDefinition definition;
    private final SeriesIdTemplate template;
    private final TimestampParser timestamps;
    private final ObjectWriter csvWriter;

    public NativeRecordEncoder(StreamDefinition definition) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.template = new SeriesIdTemplate(definition.seriesIdTemplate());
        this.timestamps = new TimestampParser(definition.timestampFormat(), definition.zone());
        this.csvWriter = definition.format() == RecordFormat.CSV
                ? CSV.writer(CsvSchema.emptySchema().withColumnSeparator(definition.csv().delimiter())
                        .withLineSeparator(""))
                : null;
    }

    public StreamDefinition definition() {
        return definition;
    }

    /** The record key producers use: the series id, so that one series stays in one partition, in order. */
    public String key(Observation observation) {
        return observation.series().value();
    }

    /**
     * The record value in the native layout.
     *
     * @throws IllegalArgumentException if the series id does not fit the stream's template
     */
    public byte[] encode(Observation observation) {
        Objects.requireNonNull(observation, "observation");
        Map<String, String> seriesFields = template.extract(observation.series());
        String timestamp = timestamps.format(observation.timestamp());
        return definition.format() == RecordFormat.JSON
                ? encodeJson(seriesFields, timestamp, observation.value())
                : encodeCsv(seriesFields, timestamp, observation.value());
    }

    private byte[] encodeJson(Map<String, String> seriesFields, String timestamp, double value) {
        ObjectNode root = JSON.createObjectNode();
        seriesFields.forEach((pointer, text) -> parentOf(root, pointer).put(lastSegment(pointer), text));
        String timestampField = definition.timestampField();
        if (timestamps.isNumeric()) {
            parentOf(root, timestampField).put(lastSegment(timestampField), new BigDecimal(timestamp));
        } else {
            parentOf(root, timestampField).put(lastSegment(timestampField), timestamp);
        }
        parentOf(root, definition.valueField()).put(lastSegment(definition.valueField()), value);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree to memory", e);
        }
    }

    private static ObjectNode parentOf(ObjectNode root, String pointer) {
        String[] segments = pointer.substring(1).split("/", -1);
        ObjectNode node = root;
        for (int i = 0; i < segments.length - 1; i++) {
            String name = unescape(segments[i]);
            JsonNode child = node.get(name);
            node = child instanceof ObjectNode object ? object : node.putObject(name);
        }
        return node;
    }

    private static String lastSegment(String pointer) {
        return unescape(pointer.substring(pointer.lastIndexOf('/') + 1));
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }

    private byte[] encodeCsv(Map<String, String> seriesFields, String timestamp, double value) {
        List<String> columns = definition.csv().columns();
        String[] fields = new String[columns.size()];
        for (int i = 0; i < fields.length; i++) {
            String column = columns.get(i);
            if (column.equals(definition.valueField())) {
                fields[i] = LongCsvWriter.formatValue(value); // 412, not 412.0, as a sensor writes a count
            } else if (column.equals(definition.timestampField())) {
                fields[i] = timestamp;
            } else {
                fields[i] = seriesFields.getOrDefault(column, "");
            }
        }
        try {
            return csvWriter.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a CSV line to memory", e);
        }
    }
}
