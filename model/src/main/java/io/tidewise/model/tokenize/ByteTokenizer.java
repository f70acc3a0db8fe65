package io.tidewise.model.tokenize;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Text as UTF-8 bytes: one id per byte, so any language (Chinese as well as English) is covered without a
 * downloaded vocabulary. Stateless and thread-safe.
 */
public final class ByteTokenizer {

    /**
     * The UTF-8 bytes of {@code text}, each as an id 0..255.
     *
     * @throws IllegalArgumentException if {@code text} holds an unpaired surrogate, which has no UTF-8 encoding
     *     (the JDK would silently write '?')
     */
    public int[] encode(String text) {
        Objects.requireNonNull(text, "text");
        requireWellFormed(text);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = bytes[i] & 0xFF;
        }
        return ids;
    }

    /**
     * The text whose UTF-8 bytes are the byte ids in {@code ids}. Ids that are not bytes (special ids, bin ids,
     * ignore labels) are skipped, so a generated sequence decodes as it stands; byte sequences that are not valid
     * UTF-8 (a model may generate them) become U+FFFD.
     */
    public String decode(int[] ids) {
        Objects.requireNonNull(ids, "ids");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(ids.length);
        for (int id : ids) {
            if (Vocabulary.isByte(id)) {
                bytes.write(id);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void requireWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(String.format(
                        "text holds an unpaired surrogate U+%04X at index %d, which has no UTF-8 encoding", (int) c, i));
            }
        }
    }
}
