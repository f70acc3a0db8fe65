package io.tidewise.cli;

import java.nio.file.Path;

/**
 * The repository (or installation) root the launcher runs from: where {@code examples/} and {@code models/} are.
 * The launcher passes it as {@code -Dtidewise.home}; without it, the working directory.
 */
public final class Home {
    public static final String PROPERTY = "tidewise.home";

    private Home() {}

    public static Path directory() {
        String home = System.getProperty(PROPERTY);
        return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
    }
}
