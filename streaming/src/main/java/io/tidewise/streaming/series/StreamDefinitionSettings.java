package io.tidewise.streaming.series;

import io.tidewise.core.Domain;
import io.tidewise.core.SeriesId;
import io.tidewise.core.StreamDefinition;
import io.tidewise.core.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings taken from the stream definitions: a series belongs to the first definition of its domain whose series
 * id template it matches ({@code stock/{/symbol}/close} matches {@code stock/AAPL/close}); a series no definition
 * claims gets the fallback. The canonical topic carries no stream name, so the template is the only link back.
 */
public final class StreamDefinitionSettings implements SeriesSettingsResolver {
    private static final long serialVersionUID = 1L;
    private static final Pattern FIELD_REFERENCE = Pattern.compile("\\{[^{}]*}");

    private final List<Route> routes;
    private final SeriesSettings fallback;

    private record Route(String stream, Domain domain, Pattern seriesPattern, SeriesSettings settings)
            implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    public StreamDefinitionSettings(List<StreamDefinition> definitions, SeriesSettings fallback) {
        Validation.requireNonNull(definitions, "definitions");
        this.fallback = Validation.requireNonNull(fallback, "fallback settings");
        List<Route> built = new ArrayList<>();
        for (StreamDefinition definition : definitions) {
            built.add(new Route(definition.name(), definition.domain(), templatePattern(definition.seriesIdTemplate()),
                    new SeriesSettings(definition.frequency(), definition.horizon(), definition.model())));
        }
        this.routes = List.copyOf(built);
    }

    /** The template as an anchored pattern: literal text quoted, each field reference any non-empty text. */
    static Pattern templatePattern(String template) {
        Matcher matcher = FIELD_REFERENCE.matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(template.substring(last, matcher.start()))).append(".+?");
            last = matcher.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return Pattern.compile(regex.toString());
    }

    @Override
    public SeriesSettings resolve(SeriesId series, Domain domain) {
        Route route = routeOf(series, domain);
        return route == null ? fallback : route.settings();
    }

    @Override
    public String streamOf(SeriesId series, Domain domain) {
        Route route = routeOf(series, domain);
        return route == null ? UNCLAIMED : route.stream();
    }

    private Route routeOf(SeriesId series, Domain domain) {
        for (Route route : routes) {
            if (route.domain() == domain && route.seriesPattern().matcher(series.value()).matches()) {
                return route;
            }
        }
        return null;
    }
}
