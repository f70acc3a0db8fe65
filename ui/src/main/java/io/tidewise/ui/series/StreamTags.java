package io.tidewise.ui.series;

import io.tidewise.core.SeriesId;
import io.tidewise.core.StreamDefinition;
import io.tidewise.ingest.definition.StreamDefinitionException;
import io.tidewise.ingest.definition.StreamDefinitionLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tags of a series: those of the stream definition whose series template produces its id (InfluxDB stores only
 * the domain), plus {@code stream=NAME}. A template {@code stock/{/symbol}/close} matches {@code stock/AAPL/close}.
 */
public final class StreamTags {
    private static final Logger LOG = LoggerFactory.getLogger(StreamTags.class);
    private static final Pattern FIELD_REFERENCE = Pattern.compile("\\{[^{}]*}");

    private final List<Map.Entry<Pattern, Map<String, String>>> byTemplate;

    private StreamTags(List<Map.Entry<Pattern, Map<String, String>>> byTemplate) {
        this.byTemplate = byTemplate;
    }

    /** The definitions of a directory; a file that does not load is skipped (the Streams view reports it). */
    public static StreamTags of(Path streamsDirectory) {
        List<StreamDefinition> definitions = new ArrayList<>();
        if (Files.isDirectory(streamsDirectory)) {
            StreamDefinitionLoader loader = new StreamDefinitionLoader();
            try (Stream<Path> files = Files.list(streamsDirectory)) {
                for (Path file : files.filter(path -> path.getFileName().toString().matches("[^.].*\\.ya?ml"))
                        .sorted().toList()) {
                    try {
                        definitions.add(loader.load(file));
                    } catch (StreamDefinitionException e) {
                        LOG.debug("Stream definition {} does not load; its series get no tags", file, e);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list stream definitions in " + streamsDirectory, e);
            }
        }
        return of(definitions);
    }

    static StreamTags of(List<StreamDefinition> definitions) {
        List<Map.Entry<Pattern, Map<String, String>>> byTemplate = new ArrayList<>();
        for (StreamDefinition definition : definitions) {
            Map<String, String> tags = new LinkedHashMap<>(definition.tags());
            tags.put("stream", definition.name());
            byTemplate.add(Map.entry(templatePattern(definition.seriesIdTemplate()), Map.copyOf(tags)));
        }
        return new StreamTags(byTemplate);
    }

    /** {@code key=value} pairs of the first definition whose template matches; empty when none does. */
    public Map<String, String> of(SeriesId series) {
        for (Map.Entry<Pattern, Map<String, String>> entry : byTemplate) {
            if (entry.getKey().matcher(series.value()).matches()) {
                return entry.getValue();
            }
        }
        return Map.of();
    }

    static Pattern templatePattern(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher references = FIELD_REFERENCE.matcher(template);
        int last = 0;
        while (references.find()) {
            regex.append(Pattern.quote(template.substring(last, references.start()))).append(".+?");
            last = references.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex.toString());
    }
}
