package io.tidewise.cli.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Grafana's InfluxDB data source does to an InfluxQL query before sending it: the time macros, and template
 * variables (a variable that allows several values, or "All", is regex-escaped, its values joined as
 * {@code (a|b)}; a single-value one is inserted as it is). Anything left that looks like a macro is an error: this
 * test would not know what Grafana puts there.
 */
final class GrafanaQuery {
    /** The value standing for "All" of a variable with {@code includeAll}. */
    static final String ALL = "$__all";

    private static final Pattern REGEX_SPECIAL = Pattern.compile("[\\\\^$*+?.()|\\[\\]{}/]");
    private static final Pattern LEFT_OVER = Pattern.compile("\\$\\{?[A-Za-z_]\\w*|\\[\\[\\w+]]");

    private GrafanaQuery() {}

    /** A template variable and the values its query returned. */
    record Variable(String name, List<String> values, boolean multi, boolean includeAll) {}

    record TimeRange(Instant from, Instant to, Duration interval) {}

    /** Every choice of one value per variable ("All" included where allowed). */
    static List<Map<String, String>> combinations(List<Variable> variables) {
        List<Map<String, String>> combinations = new ArrayList<>();
        combinations.add(new LinkedHashMap<>());
        for (Variable variable : variables) {
            List<String> options = new ArrayList<>(variable.values());
            if (variable.includeAll()) {
                options.add(ALL);
            }
            List<Map<String, String>> extended = new ArrayList<>();
            for (Map<String, String> combination : combinations) {
                for (String option : options) {
                    Map<String, String> next = new LinkedHashMap<>(combination);
                    next.put(variable.name(), option);
                    extended.add(next);
                }
            }
            combinations = extended;
        }
        return combinations;
    }

    static String interpolate(String query, List<Variable> variables, Map<String, String> chosen, TimeRange range) {
        String from = range.from().toEpochMilli() + "ms";
        String to = range.to().toEpochMilli() + "ms";
        String timeFilter = "time >= " + from + " and time <= " + to;
        Map<String, String> replacements = new LinkedHashMap<>();
        replacements.put("$__timeFilter", timeFilter);
        replacements.put("$timeFilter", timeFilter);
        replacements.put("$__interval_ms", Long.toString(range.interval().toMillis()));
        replacements.put("$__interval", grafanaDuration(range.interval()));
        replacements.put("$interval", grafanaDuration(range.interval()));
        replacements.put("$__from", Long.toString(range.from().toEpochMilli()));
        replacements.put("$__to", Long.toString(range.to().toEpochMilli()));
        for (Variable variable : variables) {
            String value = chosen.get(variable.name());
            if (value == null) {
                continue;
            }
            String formatted = format(variable, value);
            replacements.put("${" + variable.name() + "}", formatted);
            replacements.put("[[" + variable.name() + "]]", formatted);
            replacements.put("$" + variable.name(), formatted);
        }
        String result = query;
        // longest first, so that $__interval_ms is not read as $__interval followed by _ms
        List<String> keys = new ArrayList<>(replacements.keySet());
        keys.sort(Comparator.comparingInt(String::length).reversed());
        for (String key : keys) {
            result = replaceWord(result, key, replacements.get(key));
        }
        Matcher leftOver = LEFT_OVER.matcher(result);
        if (leftOver.find()) {
            throw new AssertionError("the query uses '" + leftOver.group() + "', which this test does not know how"
                    + " Grafana fills in (add it to GrafanaQuery): " + query);
        }
        return result;
    }

    /** {@code key} where it is not followed by a word character ({@code $series} is not {@code $seriesName}). */
    private static String replaceWord(String text, String key, String replacement) {
        Pattern pattern = key.endsWith("}") || key.endsWith("]")
                ? Pattern.compile(Pattern.quote(key))
                : Pattern.compile(Pattern.quote(key) + "(?!\\w)");
        return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(replacement));
    }

    private static String format(Variable variable, String value) {
        if (!variable.multi() && !variable.includeAll()) {
            return value;
        }
        if (value.equals(ALL)) {
            List<String> escaped = variable.values().stream().map(GrafanaQuery::regexEscape).toList();
            return escaped.size() == 1 ? escaped.get(0) : "(" + String.join("|", escaped) + ")";
        }
        return regexEscape(value);
    }

    static String regexEscape(String value) {
        return REGEX_SPECIAL.matcher(value).replaceAll(match -> Matcher.quoteReplacement("\\" + match.group()));
    }

    /** Grafana's interval notation: {@code 1h}, {@code 5m}, {@code 30s}, {@code 500ms}. */
    private static String grafanaDuration(Duration interval) {
        long millis = interval.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }
}
