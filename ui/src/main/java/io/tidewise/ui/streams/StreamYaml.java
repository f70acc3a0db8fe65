package io.tidewise.ui.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * Renders a {@link StreamDraft} as the YAML of {@code streams/NAME.yaml}, in the layout of the example definitions.
 * Text values are written as double-quoted scalars (JSON string syntax, which YAML reads the same), so nothing typed
 * can change the document's structure; a horizon that is a whole number is written as a number.
 */
public final class StreamYaml {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamYaml() {}

    public static String render(StreamDraft draft) {
        StringBuilder yaml = new StringBuilder("# Written by the Tidewise web app.\n");
        put(yaml, "", "name", draft.getName());
        put(yaml, "", "topic", draft.getTopic());
        put(yaml, "", "format", draft.getFormat());
        if ("csv".equalsIgnoreCase(blankToEmpty(draft.getFormat()))) {
            yaml.append("csv:\n");
            put(yaml, "  ", "delimiter", draft.getCsvDelimiter());
            put(yaml, "  ", "header", draft.getCsvHeader());
        }
        put(yaml, "", "series", draft.getSeries());
        yaml.append("timestamp:\n");
        put(yaml, "  ", "field", draft.getTimestampField());
        put(yaml, "  ", "format", draft.getTimestampFormat());
        put(yaml, "  ", "zone", draft.getZone());
        put(yaml, "", "value", draft.getValue());
        put(yaml, "", "domain", draft.getDomain());
        String tags = blankToEmpty(draft.getTags());
        if (!tags.isEmpty()) {
            yaml.append("tags:\n");
            for (String tag : tags.split(",")) {
                String[] pair = tag.split("=", 2);
                String key = pair[0].strip();
                yaml.append("  ").append(quote(key)).append(": ")
                        .append(quote(pair.length == 2 ? pair[1].strip() : "")).append('\n');
            }
        }
        put(yaml, "", "frequency", draft.getFrequency());
        String horizon = blankToEmpty(draft.getHorizon());
        if (horizon.matches("\\d{1,9}")) {
            yaml.append("horizon: ").append(Integer.parseInt(horizon)).append('\n');
        } else {
            put(yaml, "", "horizon", horizon);
        }
        put(yaml, "", "model", draft.getModel());
        return yaml.toString();
    }

    private static void put(StringBuilder yaml, String indent, String key, String value) {
        String text = blankToEmpty(value);
        if (!text.isEmpty()) {
            yaml.append(indent).append(key).append(": ").append(quote(text)).append('\n');
        }
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a string could not be quoted", e);
        }
    }

    private static String blankToEmpty(String text) {
        return text == null ? "" : text.strip();
    }
}
