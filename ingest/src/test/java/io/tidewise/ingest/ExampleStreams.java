package io.tidewise.ingest;

import io.tidewise.core.StreamDefinition;
import io.tidewise.ingest.definition.StreamCatalog;
import io.tidewise.ingest.definition.StreamDefinitionLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/** The example stream definitions shipped in the repository's {@code streams/} folder. */
public final class ExampleStreams {
    public static final String STOCK = "stock-ticks";
    public static final String TRAFFIC = "traffic-sensors";
    public static final String ECONOMY = "economy-releases";

    private ExampleStreams() {}

    /** The {@code streams/} folder: tests run in the module folder, so it is one level up. */
    public static Path directory() {
        for (Path candidate : new Path[] {Path.of("..", "streams"), Path.of("streams")}) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("no streams/ folder next to " + Path.of("").toAbsolutePath());
    }

    public static StreamCatalog catalog() {
        return new StreamDefinitionLoader().loadDirectory(directory());
    }

    public static StreamDefinition get(String name) {
        return catalog().get(name);
    }
}
