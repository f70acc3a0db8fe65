package io.tidewise.ingest.mapping;

import io.tidewise.core.SeriesId;
import io.tidewise.core.StreamDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A series id with field references in braces, e.g. {@code stock/{/symbol}/close} (JSON pointer) or
 * {@code traffic/{sensor}/volume} (CSV column). It renders ids from a record's fields and, for producers, reads
 * the field values back out of an id.
 */
public final class SeriesIdTemplate {
    private final String template;
    private final List<String> literals; // literals.size() == references.size() + 1, interleaved
    private final List<String> references;
    private final Pattern inverse;

    /** @throws IllegalArgumentException if a brace is unbalanced or a reference empty */
    public SeriesIdTemplate(String template) {
        this.template = Objects.requireNonNull(template, "template");
        this.references = StreamDefinition.seriesFieldReferences(template);
        this.literals = new ArrayList<>();
        StringBuilder regex = new StringBuilder();
        int from = 0;
        for (String reference : references) {
            int at = template.indexOf("{" + reference + "}", from);
            literals.add(template.substring(from, at));
            from = at + reference.length() + 2;
        }
        literals.add(template.substring(from));
        for (int i = 0; i < references.size(); i++) {
            regex.append(Pattern.quote(literals.get(i))).append("(.+?)");
        }
        regex.append(Pattern.quote(literals.get(references.size())));
        this.inverse = Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** The field references in template order (duplicates kept). */
    public List<String> references() {
        return references;
    }

    /** The id for the given field values, one per reference in order. */
    String render(List<String> values) throws RecordRejectedException {
        StringBuilder id = new StringBuilder(literals.get(0));
        for (int i = 0; i < references.size(); i++) {
            id.append(values.get(i)).append(literals.get(i + 1));
        }
        try {
            return new SeriesId(id.toString()).value();
        } catch (IllegalArgumentException e) {
            throw new RecordRejectedException(DeadLetterReason.INVALID_SERIES,
                    "series id from template '" + template + "' is invalid: " + e.getMessage());
        }
    }

    /**
     * The field values that render to {@code series}, by reference (a reference used twice must see one value).
     *
     * @throws IllegalArgumentException if the id does not have the template's shape
     */
    public Map<String, String> extract(SeriesId series) {
        Matcher matcher = inverse.matcher(series.value());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("series '" + series + "' does not match the template '" + template + "'");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < references.size(); i++) {
            String previous = values.putIfAbsent(references.get(i), matcher.group(i + 1));
            if (previous != null && !previous.equals(matcher.group(i + 1))) {
                throw new IllegalArgumentException("series '" + series + "' gives two values for " + references.get(i)
                        + " in the template '" + template + "': '" + previous + "' and '" + matcher.group(i + 1) + "'");
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return template;
    }
}
