package io.tidewise.streaming.kafka;

import io.tidewise.core.Validation;
import java.io.Serializable;

/**
 * The YAML text of one stream definition and where it came from. Definitions travel to the task managers as text
 * (core's {@code StreamDefinition} is not serializable) and are parsed again in {@code open}, with the same
 * loader and the same messages as on the client.
 *
 * @param source how messages name the text, usually its file
 */
public record DefinitionText(String source, String yaml) implements Serializable {
    private static final long serialVersionUID = 1L;

    public DefinitionText {
        Validation.requireNonBlank(source, "definition source");
        Validation.requireNonBlank(yaml, "definition text of " + source);
    }
}
