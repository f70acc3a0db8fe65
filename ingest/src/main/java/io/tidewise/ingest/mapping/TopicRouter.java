package io.tidewise.ingest.mapping;

import io.tidewise.core.StreamDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies every stream definition that reads a topic to each of its records: several definitions may read one topic
 * (say, close price and volume from the same ticks), so one record yields one result per definition. Outcomes are
 * counted in the given {@link MappingMetrics}.
 */
public final class TopicRouter {
    private final Map<String, List<RecordMapper>> mappersByTopic = new LinkedHashMap<>();
    private final MappingMetrics metrics;

    public TopicRouter(Collection<StreamDefinition> definitions, MappingMetrics metrics) {
        Objects.requireNonNull(definitions, "definitions");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        for (StreamDefinition definition : definitions) {
            mappersByTopic.computeIfAbsent(definition.topic(), topic -> new ArrayList<>())
                    .add(new RecordMapper(definition));
        }
        if (mappersByTopic.isEmpty()) {
            throw new IllegalArgumentException("definitions must hold at least one stream definition, was empty");
        }
    }

    /** The topics some definition reads, in definition order. */
    public Set<String> topics() {
        return mappersByTopic.keySet();
    }

    public MappingMetrics metrics() {
        return metrics;
    }

    /**
     * One result per definition reading the record's topic.
     *
     * @throws IllegalArgumentException if no definition reads the record's topic (a wiring error, not bad data)
     */
    public List<MappingResult> route(SourceRecord record) {
        List<RecordMapper> mappers = mappersByTopic.get(record.topic());
        if (mappers == null) {
            throw new IllegalArgumentException("topic '" + record.topic() + "' is read by no stream definition; known "
                    + "topics are " + mappersByTopic.keySet());
        }
        List<MappingResult> results = new ArrayList<>(mappers.size());
        for (RecordMapper mapper : mappers) {
            MappingResult result = mapper.map(record);
            metrics.record(result);
            results.add(result);
        }
        return results;
    }
}
