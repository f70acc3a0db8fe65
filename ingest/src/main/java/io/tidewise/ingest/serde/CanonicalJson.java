package io.tidewise.ingest.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tidewise.core.Domain;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.ingest.mapping.DeadLetter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The JSON of Tidewise's own topics (ARCHITECTURE.md, "Data flow"). Observations:
 * {@code {"series":"stock/AAPL/close","ts":"2024-01-02T00:00:00Z","value":185.31,"domain":"stock"}} keyed by the
 * series id in UTF-8; dead letters: {@code {"stream","topic","partition","offset","raw","error"}}.
 *
 * <p>Observations are written field by field rather than through data binding so that {@code ts} is always the
 * ISO-8601 instant, independent of any ObjectMapper's date settings. Readers ignore fields they do not know, so the
 * layout can grow without breaking older consumers.
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    /**
     * For the one-pass observation reader: an observation has four short field names, and canonicalizing them
     * (a symbol table copied per parser) allocated more than the rest of the parse.
     */
    private static final JsonFactory OBSERVATION_PARSERS = JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();
    /**
     * The last observation this thread read, by its bytes. The streaming job reads every raw record twice in a row
     * in one thread (its source takes the event time, then the mapping makes the observation), each time from its
     * own copy of the bytes; the second read finds the first here. Observations are immutable, so sharing is safe.
     */
    private static final ThreadLocal<LastRead> LAST_READ = new ThreadLocal<>();

    private record LastRead(byte[] json, Observation observation) {}

    private CanonicalJson() {}

    /** The record key of an observation: its series id in UTF-8. */
    public static byte[] key(Observation observation) {
        return observation.series().value().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] writeObservation(Observation observation) {
        Objects.requireNonNull(observation, "observation");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(96);
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("series", observation.series().value());
            json.writeStringField("ts", observation.timestamp().toString());
            json.writeNumberField("value", observation.value());
            json.writeStringField("domain", observation.domain().wireName());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an observation to memory", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads an observation.
     *
     * @throws IllegalArgumentException naming the field and the value if the JSON is not a valid observation
     */
    public static Observation readObservation(byte[] json) {
        LastRead last = LAST_READ.get();
        if (last != null && json != null && Arrays.equals(last.json(), json)) {
            return last.observation();
        }
        Observation observation = readWellFormedObservation(json);
        if (observation == null) {
            return readObservationTree(json); // names what is wrong, or reads what the one-pass reader declined
        }
        LAST_READ.set(new LastRead(json.clone(), observation));
        return observation;
    }

    /**
     * The streaming job reads every observation record at least once, so the common case skips the tree: one pass
     * of the streaming parser over a well-formed observation. Anything else (bad JSON, a field missing or of the
     * wrong type, a bad instant or domain) answers null, and the tree reader says precisely what is wrong.
     */
    private static Observation readWellFormedObservation(byte[] json) {
        if (json == null) {
            return null;
        }
        String series = null;
        String ts = null;
        String domain = null;
        double value = Double.NaN;
        boolean hasValue = false;
        try (JsonParser parser = OBSERVATION_PARSERS.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String field = parser.currentName();
                JsonToken valueToken = parser.nextToken();
                switch (field) {
                    case "series", "ts", "domain" -> {
                        if (valueToken != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        String text = parser.getText();
                        if (field.equals("series")) {
                            series = text;
                        } else if (field.equals("ts")) {
                            ts = text;
                        } else {
                            domain = text;
                        }
                    }
                    case "value" -> {
                        if (!valueToken.isNumeric()) {
                            return null;
                        }
                        value = parser.getDoubleValue();
                        hasValue = true;
                    }
                    default -> parser.skipChildren();
                }
            }
            if (series == null || ts == null || domain == null || !hasValue) {
                return null;
            }
            return new Observation(SeriesId.of(series), Instant.parse(ts), value, Domain.parse(domain));
        } catch (IOException | RuntimeException e) {
            return null; // the tree reader reports it, naming the field and the value
        }
    }

    private static Observation readObservationTree(byte[] json) {
        JsonNode root = readObject(json, "observation");
        String series = requiredText(root, "series");
        String ts = requiredText(root, "ts");
        JsonNode value = root.get("value");
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException("observation value must be a number, was " + value);
        }
        Instant timestamp;
        try {
            timestamp = Instant.parse(ts);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("observation ts must be an ISO-8601 instant, was '" + ts + "'", e);
        }
        return new Observation(SeriesId.of(series), timestamp, value.doubleValue(),
                Domain.parse(requiredText(root, "domain")));
    }

    public static byte[] writeDeadLetter(DeadLetter deadLetter) {
        Objects.requireNonNull(deadLetter, "deadLetter");
        try {
            return MAPPER.writeValueAsBytes(deadLetter);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write dead letter " + deadLetter, e);
        }
    }

    /** @throws IllegalArgumentException if the JSON is not a dead letter */
    public static DeadLetter readDeadLetter(byte[] json) {
        JsonNode root = readObject(json, "dead letter");
        JsonNode partition = root.get("partition");
        JsonNode offset = root.get("offset");
        if (partition == null || !partition.canConvertToInt() || offset == null || !offset.canConvertToLong()) {
            throw new IllegalArgumentException("dead letter partition and offset must be whole numbers, were "
                    + partition + " and " + offset);
        }
        JsonNode raw = root.get("raw");
        return new DeadLetter(requiredText(root, "stream"), requiredText(root, "topic"), partition.intValue(),
                offset.longValue(), raw == null || raw.isNull() ? null : raw.asText(), requiredText(root, "error"));
    }

    private static JsonNode readObject(byte[] json, String what) {
        Objects.requireNonNull(json, what);
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(what + " must be a JSON object, was "
                    + (root == null ? "nothing" : root.getNodeType()));
        }
        return root;
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException(field + " must be a JSON string, was " + node);
        }
        return node.textValue();
    }
}
