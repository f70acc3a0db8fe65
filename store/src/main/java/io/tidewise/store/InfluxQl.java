package io.tidewise.store;

import io.tidewise.core.Validation;

/**
 * Quoting for the parts of InfluxQL that bound parameters cannot carry: identifiers (database, measurement and
 * field names such as {@code p97.5}). Values always travel as bound parameters ({@code $name}), never spliced.
 */
final class InfluxQl {
    private InfluxQl() {}

    /** A double-quoted identifier; InfluxQL escapes {@code \} and {@code "} inside it with a backslash. */
    static String identifier(String name) {
        Validation.requireNonNull(name, "identifier");
        if (name.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("identifier must not contain a newline, was '" + name + "'");
        }
        return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
