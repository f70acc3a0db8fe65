package io.tidewise.ingest.definition;

import java.util.Objects;

/**
 * A stream definition file that cannot be used: names the file, the key (dotted, e.g. {@code timestamp.format})
 * and the problem, so that the message alone tells a data engineer what to fix.
 */
public final class StreamDefinitionException extends IllegalArgumentException {
    private final String file;
    private final String key;
    private final String problem;

    public StreamDefinitionException(String file, String key, String problem, Throwable cause) {
        super(file + ": " + key + ": " + problem, cause);
        this.file = Objects.requireNonNull(file, "file");
        this.key = Objects.requireNonNull(key, "key");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public StreamDefinitionException(String file, String key, String problem) {
        this(file, key, problem, null);
    }

    /** The file as the loader was given it. */
    public String file() {
        return file;
    }

    /** The dotted key at fault, or {@code (yaml)} for a file that is not valid YAML. */
    public String key() {
        return key;
    }

    public String problem() {
        return problem;
    }
}
