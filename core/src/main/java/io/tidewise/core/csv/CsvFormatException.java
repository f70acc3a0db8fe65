package io.tidewise.core.csv;

import java.io.IOException;
import java.util.List;

/**
 * Input that is not the CSV it should be. The message starts with {@code source:line:} so that a user can jump to
 * the place; {@link #partialFields()} holds what was read of the record before it broke, so a caller can still tell
 * which series a broken line belonged to.
 */
public class CsvFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String sourceName;
    private final long line;
    private final transient List<String> partialFields;
    private final boolean recoverable;

    /** A problem after which the rest of the input cannot be trusted. */
    public CsvFormatException(String sourceName, long line, String problem) {
        this(sourceName, line, problem, List.of(), false);
    }

    /**
     * @param partialFields what was read of the record before it broke
     * @param recoverable   whether reading may go on with the next record
     */
    public CsvFormatException(String sourceName, long line, String problem, List<String> partialFields,
                              boolean recoverable) {
        super(sourceName + ":" + line + ": " + problem);
        this.sourceName = sourceName;
        this.line = line;
        this.partialFields = List.copyOf(partialFields);
        this.recoverable = recoverable;
    }

    /** Whether the reader has moved past the broken record, so reading may go on. */
    public boolean isRecoverable() {
        return recoverable;
    }

    public String sourceName() {
        return sourceName;
    }

    public long line() {
        return line;
    }

    public List<String> partialFields() {
        return partialFields;
    }
}
