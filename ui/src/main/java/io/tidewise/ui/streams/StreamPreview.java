package io.tidewise.ui.streams;

import io.tidewise.core.StreamDefinition;
import io.tidewise.ingest.mapping.MappingResult;
import io.tidewise.ingest.mapping.RecordMapper;
import io.tidewise.ingest.mapping.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps pasted sample records with the job's own {@link RecordMapper}: one record per non-blank line (JSON Lines or
 * CSV lines), each as if read from the stream's topic at offset = its line number.
 */
public final class StreamPreview {
    /** More lines than this are not previewed: a preview is for a handful of samples. */
    public static final int MAX_LINES = 200;

    private StreamPreview() {}

    public static List<PreviewLine> map(StreamDefinition definition, String samples) {
        RecordMapper mapper = new RecordMapper(definition);
        List<PreviewLine> lines = new ArrayList<>();
        String[] records = (samples == null ? "" : samples).split("\\R");
        for (int i = 0; i < records.length && lines.size() < MAX_LINES; i++) {
            String record = records[i];
            if (record.isBlank()) {
                continue;
            }
            MappingResult result = mapper.map(new SourceRecord(definition.topic(), 0, i + 1,
                    record.getBytes(StandardCharsets.UTF_8)));
            if (result instanceof MappingResult.Mapped mapped) {
                lines.add(new PreviewLine(i + 1, record, mapped.observation(), null, false));
            } else if (result instanceof MappingResult.Rejected rejected) {
                lines.add(new PreviewLine(i + 1, record, null, rejected.deadLetter().error(), false));
            } else {
                lines.add(new PreviewLine(i + 1, record, null, null, true));
            }
        }
        return lines;
    }
}
