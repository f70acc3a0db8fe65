package io.tidewise.training.pretrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * UTF-8 text as bytes, the vocabulary of the language model (Chinese and English alike: no downloaded vocabulary).
 * Reads {@code .txt}, {@code .jsonl} (the {@code "text"} field of each line) and either of them gzipped. Every file
 * contributes at most {@code bytesPerFile}, so a mix of a large and a small corpus stays balanced; the last
 * {@code heldOutFraction} of each file's bytes is kept apart for held-out bits-per-byte.
 */
public final class TextCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] training;
    private final byte[] heldOut;

    private TextCorpus(byte[] training, byte[] heldOut) {
        this.training = training;
        this.heldOut = heldOut;
    }

    public static TextCorpus read(List<Path> files, long bytesPerFile, double heldOutFraction) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("corpus files must not be empty");
        }
        if (!(heldOutFraction > 0 && heldOutFraction < 0.5)) {
            throw new IllegalArgumentException("held-out fraction must lie in (0, 0.5), was " + heldOutFraction);
        }
        ByteArrayOutputStream training = new ByteArrayOutputStream();
        ByteArrayOutputStream heldOut = new ByteArrayOutputStream();
        for (Path file : files) {
            byte[] text = readText(file, bytesPerFile);
            if (text.length < 1024) {
                throw new IllegalArgumentException(file + " holds " + text.length + " bytes of text; at least 1024 needed");
            }
            int split = (int) (text.length * (1 - heldOutFraction));
            training.write(text, 0, split);
            heldOut.write(text, split, text.length - split);
        }
        return new TextCorpus(training.toByteArray(), heldOut.toByteArray());
    }

    private static byte[] readText(Path file, long limit) throws IOException {
        String name = file.getFileName().toString();
        boolean gzip = name.endsWith(".gz");
        String plain = gzip ? name.substring(0, name.length() - 3) : name;
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = gzip ? new GZIPInputStream(raw, 1 << 16) : raw) {
            if (plain.endsWith(".jsonl")) {
                return readJsonLines(file, in, limit);
            }
            if (plain.endsWith(".txt")) {
                return in.readNBytes((int) Math.min(limit, Integer.MAX_VALUE - 16));
            }
            throw new IllegalArgumentException(file + ": corpus files must end in .txt, .jsonl, .txt.gz or .jsonl.gz");
        }
    }

    private static byte[] readJsonLines(Path file, InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNumber = 0;
        while ((line = reader.readLine()) != null && out.size() < limit) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode text = JSON.readTree(line).get("text");
            if (text == null || !text.isTextual()) {
                throw new IllegalArgumentException(file + " line " + lineNumber + ": no \"text\" string field");
            }
            out.writeBytes(text.asText().getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        return out.toByteArray();
    }

    public int trainingBytes() {
        return training.length;
    }

    public int heldOutBytes() {
        return heldOut.length;
    }

    /** {@code batch} random windows of {@code length} bytes from the training part, as ids 0..255, row-major. */
    public int[] trainingWindows(int batch, int length, SplittableRandom random) {
        return windows(training, batch, length, random);
    }

    /** {@code batch} windows of {@code length} bytes evenly spread over the held-out part (always the same ones). */
    public int[] heldOutWindows(int batch, int length) {
        if (heldOut.length < length) {
            throw new IllegalArgumentException("held-out text holds " + heldOut.length + " bytes, fewer than one window of "
                    + length);
        }
        int[] ids = new int[batch * length];
        long span = heldOut.length - length;
        for (int b = 0; b < batch; b++) {
            int start = (int) (span * b / Math.max(1, batch - 1));
            for (int t = 0; t < length; t++) {
                ids[b * length + t] = heldOut[start + t] & 0xFF;
            }
        }
        return ids;
    }

    private static int[] windows(byte[] text, int batch, int length, SplittableRandom random) {
        if (text.length <= length) {
            throw new IllegalArgumentException("text holds " + text.length + " bytes, not more than one window of " + length);
        }
        int[] ids = new int[batch * length];
        for (int b = 0; b < batch; b++) {
            int start = random.nextInt(text.length - length);
            for (int t = 0; t < length; t++) {
                ids[b * length + t] = text[start + t] & 0xFF;
            }
        }
        return ids;
    }
}
