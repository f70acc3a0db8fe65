package io.tidewise.ingest.produce;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Collects records; unit tests of ordering and pacing need no broker (the Kafka tests cover delivery). */
public final class CollectingSink implements RecordSink {
    public record Sent(String topic, String key, String value) {}

    public final List<Sent> sent = new ArrayList<>();
    public int flushes;
    /** Whether the thread was interrupted when flush was called (Kafka's flush would refuse to wait). */
    public boolean flushedWhileInterrupted;

    @Override
    public void send(String topic, String key, byte[] value) {
        sent.add(new Sent(topic, key, new String(value, StandardCharsets.UTF_8)));
    }

    @Override
    public void flush() {
        flushes++;
        flushedWhileInterrupted |= Thread.currentThread().isInterrupted();
    }

    @Override
    public void close() {}
}
