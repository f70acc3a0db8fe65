package io.tidewise.ui.security;

import java.util.List;
import java.util.Locale;

/**
 * The roles of the app. Spring Security sees them as {@code ROLE_<NAME>}; {@code @RolesAllowed} and
 * {@code isUserInRole} take the bare names below. Users files write them in lower case.
 */
public final class Roles {
    /** Reads series, forecasts and health; runs what-if forecasts. */
    public static final String ANALYST = "ANALYST";
    /** Also creates and edits stream definitions. */
    public static final String ENGINEER = "ENGINEER";
    /** Also sees the model registry and promotes versions. */
    public static final String MODELER = "MODELER";
    /** Everything. */
    public static final String ADMIN = "ADMIN";

    public static final List<String> ALL = List.of(ANALYST, ENGINEER, MODELER, ADMIN);

    private Roles() {}

    /**
     * The role a users file names, in any case.
     *
     * @throws IllegalArgumentException naming the known roles
     */
    public static String parse(String text) {
        String role = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        if (!ALL.contains(role)) {
            throw new IllegalArgumentException("role must be one of analyst, engineer, modeler, admin, was '" + text
                    + "'");
        }
        return role;
    }
}
