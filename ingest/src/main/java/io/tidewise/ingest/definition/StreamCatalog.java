package io.tidewise.ingest.definition;

import io.tidewise.core.Domain;
import io.tidewise.core.StreamDefinition;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The stream definitions in force, by name, with unique names. */
public final class StreamCatalog {
    private final Map<String, StreamDefinition> byName = new LinkedHashMap<>();

    /** @throws IllegalArgumentException if two definitions share a name */
    public StreamCatalog(List<StreamDefinition> definitions) {
        Objects.requireNonNull(definitions, "definitions");
        for (StreamDefinition definition : definitions) {
            if (byName.putIfAbsent(definition.name(), definition) != null) {
                throw new IllegalArgumentException("stream names must be unique, '" + definition.name()
                        + "' appears twice");
            }
        }
    }

    public List<StreamDefinition> definitions() {
        return List.copyOf(byName.values());
    }

    public Optional<StreamDefinition> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The definition of that name.
     *
     * @throws IllegalArgumentException naming the known streams if there is none
     */
    public StreamDefinition get(String name) {
        StreamDefinition definition = byName.get(name);
        if (definition == null) {
            throw new IllegalArgumentException("stream must be one of " + byName.keySet() + ", was '" + name + "'");
        }
        return definition;
    }

    /** The topics read, each once, in definition order. */
    public Set<String> topics() {
        Set<String> topics = new LinkedHashSet<>();
        byName.values().forEach(definition -> topics.add(definition.topic()));
        return topics;
    }

    public List<StreamDefinition> readingTopic(String topic) {
        return byName.values().stream().filter(definition -> definition.topic().equals(topic)).toList();
    }

    /** The definitions of one domain, in catalog order: how a generator for that domain finds its stream. */
    public List<StreamDefinition> ofDomain(Domain domain) {
        Objects.requireNonNull(domain, "domain");
        return byName.values().stream().filter(definition -> definition.domain() == domain).toList();
    }

    public int size() {
        return byName.size();
    }
}
