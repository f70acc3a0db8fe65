package io.tidewise.streaming.kafka;

import io.tidewise.ingest.mapping.DeadLetterReason;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Malformed records of the kinds hostile producers write, for {@link HostileInputTest}'s two streams: a JSON stream
 * ({@code {"symbol","price","ts"}}, epoch milliseconds) and a CSV stream ({@code at,sensor,count}, ISO times). Each
 * record knows the dead-letter reasons it may get: exactly one for every kind whose outcome is certain, every
 * reason but {@code mapping_failed} for random bytes.
 */
final class MalformedRecords {
    /** A value of one megabyte: a record of it still fits Kafka's default 1 MiB message and request limits. */
    static final int MEGABYTE = 1_000_000;

    private MalformedRecords() {}

    /** Which of the test's two streams a record is written to. */
    enum Stream { JSON, CSV }

    /** One generated record: its bytes (null for a tombstone), the stream it goes to and what it may become. */
    record Malformed(Kind kind, Stream stream, byte[] value, Set<DeadLetterReason> reasons) {}

    /** A kind of bad record and how many of the 10,000 it contributes. */
    enum Kind {
        RANDOM_BYTES(1_688),
        TRUNCATED_JSON(1_000),
        HUGE_NUMBER(700),
        NAN_OR_INFINITY(800),
        FAR_PAST_TIMESTAMP(600),
        FAR_FUTURE_TIMESTAMP(600),
        EPOCH_OVERFLOW(400),
        MEGABYTE_VALUE(12),
        LATIN1(500),
        UTF16(500),
        INVALID_UTF8(400),
        NOT_AN_OBJECT(400),
        NESTED_WRONG_SHAPE(500),
        MISSING_FIELDS(500),
        WRONG_TYPES(500),
        EMPTY(400),
        MALFORMED_CSV(500);

        final int count;

        Kind(int count) {
            this.count = count;
        }
    }

    /** Every kind's records, in kind order; shuffling among the good records is the caller's. */
    static List<Malformed> generate(Random random) {
        List<Malformed> records = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (int i = 0; i < kind.count; i++) {
                records.add(one(kind, i, random));
            }
        }
        return records;
    }

    static String json(String symbol, String price, String ts) {
        return "{\"symbol\":" + symbol + ",\"price\":" + price + ",\"ts\":" + ts + "}";
    }

    static String goodJson(Random random) {
        return json("\"G" + random.nextInt(4) + "\"", String.valueOf(100 + random.nextInt(1000) / 10.0),
                String.valueOf(1_704_067_200_000L + random.nextInt(1_000) * 3_600_000L));
    }

    static String goodCsv(Random random) {
        return "2024-01-0" + (1 + random.nextInt(9)) + "T0" + random.nextInt(10) + ":00:00Z,C" + random.nextInt(2)
                + "," + random.nextInt(500);
    }

    private static Malformed text(Kind kind, Stream stream, String text, DeadLetterReason reason) {
        return new Malformed(kind, stream, text.getBytes(StandardCharsets.UTF_8), EnumSet.of(reason));
    }

    private static <T> T pick(Random random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static final String OK_TS = "1704067200000";
    private static final String OK_SYMBOL = "\"G0\"";

    private static Malformed one(Kind kind, int index, Random random) {
        return switch (kind) {
            case RANDOM_BYTES -> {
                byte[] bytes = new byte[1 + random.nextInt(512)];
                random.nextBytes(bytes);
                Set<DeadLetterReason> any = EnumSet.allOf(DeadLetterReason.class);
                any.remove(DeadLetterReason.MAPPING_FAILED);
                yield new Malformed(kind, index % 2 == 0 ? Stream.JSON : Stream.CSV, bytes, any);
            }
            case TRUNCATED_JSON -> {
                String good = goodJson(random);
                yield text(kind, Stream.JSON, good.substring(0, 1 + random.nextInt(good.length() - 1)),
                        DeadLetterReason.MALFORMED_JSON);
            }
            case HUGE_NUMBER -> {
                String digits400 = "9".repeat(400);
                yield pick(random, List.of(
                        text(kind, Stream.JSON, json(OK_SYMBOL, "1e400", OK_TS), DeadLetterReason.NON_FINITE_VALUE),
                        text(kind, Stream.JSON, json(OK_SYMBOL, "-1e400", OK_TS), DeadLetterReason.NON_FINITE_VALUE),
                        text(kind, Stream.JSON, json(OK_SYMBOL, digits400, OK_TS), DeadLetterReason.NON_FINITE_VALUE),
                        text(kind, Stream.JSON, json(OK_SYMBOL, "\"" + digits400 + "\"", OK_TS),
                                DeadLetterReason.NON_FINITE_VALUE),
                        text(kind, Stream.JSON, json(OK_SYMBOL, "1e999999999", OK_TS),
                                DeadLetterReason.NON_FINITE_VALUE),
                        text(kind, Stream.JSON, json("1e999999999", "1", OK_TS), DeadLetterReason.INVALID_SERIES),
                        text(kind, Stream.JSON, json(digits400, "1", OK_TS), DeadLetterReason.INVALID_SERIES),
                        text(kind, Stream.JSON, json(OK_SYMBOL, "1", "1e400"), DeadLetterReason.BAD_TIMESTAMP),
                        // Beyond Jackson's limit of 1,000 digits for one number: refused while parsing.
                        text(kind, Stream.JSON, json(OK_SYMBOL, "1" + "0".repeat(2_000), OK_TS),
                                DeadLetterReason.MALFORMED_JSON),
                        text(kind, Stream.CSV, "2024-01-01T00:00:00Z,C0," + digits400,
                                DeadLetterReason.NON_FINITE_VALUE)));
            }
            case NAN_OR_INFINITY -> pick(random, List.of(
                    text(kind, Stream.JSON, json(OK_SYMBOL, "\"NaN\"", OK_TS), DeadLetterReason.NON_FINITE_VALUE),
                    text(kind, Stream.JSON, json(OK_SYMBOL, "\"nan\"", OK_TS), DeadLetterReason.NON_FINITE_VALUE),
                    text(kind, Stream.JSON, json(OK_SYMBOL, "\"Infinity\"", OK_TS), DeadLetterReason.NON_FINITE_VALUE),
                    text(kind, Stream.JSON, json(OK_SYMBOL, "\"-inf\"", OK_TS), DeadLetterReason.NON_FINITE_VALUE),
                    text(kind, Stream.JSON, json(OK_SYMBOL, "NaN", OK_TS), DeadLetterReason.MALFORMED_JSON),
                    text(kind, Stream.JSON, json(OK_SYMBOL, "Infinity", OK_TS), DeadLetterReason.MALFORMED_JSON),
                    text(kind, Stream.JSON, json(OK_SYMBOL, "-Infinity", OK_TS), DeadLetterReason.MALFORMED_JSON),
                    text(kind, Stream.CSV, "2024-01-01T00:00:00Z,C0,NaN", DeadLetterReason.NON_FINITE_VALUE),
                    text(kind, Stream.CSV, "2024-01-01T00:00:00Z,C1,-Infinity", DeadLetterReason.NON_FINITE_VALUE)));
            case FAR_PAST_TIMESTAMP -> pick(random, List.of(
                    text(kind, Stream.JSON, json(OK_SYMBOL, "1", "-62135596800000"), DeadLetterReason.BAD_TIMESTAMP),
                    text(kind, Stream.JSON, json(OK_SYMBOL, "1", String.valueOf(Long.MIN_VALUE)),
                            DeadLetterReason.BAD_TIMESTAMP),
                    text(kind, Stream.CSV, "0001-01-01T00:00:00Z,C0,1", DeadLetterReason.BAD_TIMESTAMP),
                    text(kind, Stream.CSV, "1000-06-15T12:00:00Z,C1,1", DeadLetterReason.BAD_TIMESTAMP),
                    text(kind, Stream.CSV, "-999999999-01-01T00:00:00Z,C1,1", DeadLetterReason.BAD_TIMESTAMP)));
            case FAR_FUTURE_TIMESTAMP -> pick(random, List.of(
                    text(kind, Stream.JSON, json(OK_SYMBOL, "1", "253402300799000"), DeadLetterReason.BAD_TIMESTAMP),
                    text(kind, Stream.JSON, json(OK_SYMBOL, "1", String.valueOf(Long.MAX_VALUE)),
                            DeadLetterReason.BAD_TIMESTAMP),
                    text(kind, Stream.CSV, "9999-12-31T23:59:59Z,C0,1", DeadLetterReason.BAD_TIMESTAMP),
                    text(kind, Stream.CSV, "+10000-01-01T00:00:00Z,C1,1", DeadLetterReason.BAD_TIMESTAMP)));
            case EPOCH_OVERFLOW -> pick(random, List.of(
                    text(kind, Stream.JSON, json(OK_SYMBOL, "1", "9223372036854775808"),
                            DeadLetterReason.BAD_TIMESTAMP),
                    text(kind, Stream.JSON, json(OK_SYMBOL, "1", "-9223372036854775809"),
                            DeadLetterReason.BAD_TIMESTAMP),
                    text(kind, Stream.JSON, json(OK_SYMBOL, "1", "\"9999999999999999999\""),
                            DeadLetterReason.BAD_TIMESTAMP),
                    text(kind, Stream.JSON, json(OK_SYMBOL, "1", "99999999999999999999"),
                            DeadLetterReason.BAD_TIMESTAMP),
                    text(kind, Stream.JSON, json(OK_SYMBOL, "1", "1e19"), DeadLetterReason.BAD_TIMESTAMP)));
            case MEGABYTE_VALUE -> {
                int filler = MEGABYTE - 60;
                if (index % 5 == 4) {
                    // Binary: its dead letter holds it in base64, a third larger than the record itself.
                    byte[] bytes = new byte[MEGABYTE];
                    random.nextBytes(bytes);
                    bytes[0] = (byte) 0xFF;
                    yield new Malformed(kind, Stream.JSON, bytes, EnumSet.of(DeadLetterReason.NOT_UTF8));
                }
                yield switch (index % 5) {
                    case 0 -> text(kind, Stream.JSON, json(OK_SYMBOL, "\"" + "9".repeat(filler) + "\"", OK_TS),
                            DeadLetterReason.NON_FINITE_VALUE);
                    case 1 -> text(kind, Stream.JSON, json("\"" + "x".repeat(filler) + "\"", "1", OK_TS),
                            DeadLetterReason.INVALID_SERIES);
                    case 2 -> text(kind, Stream.JSON, "{\"symbol\":\"" + "z".repeat(filler),
                            DeadLetterReason.MALFORMED_JSON);
                    default -> text(kind, Stream.CSV, "2024-01-01T00:00:00Z," + "s".repeat(filler) + ",1",
                            DeadLetterReason.INVALID_SERIES);
                };
            }
            case LATIN1 -> encoded(kind, index, "Zürich-é", StandardCharsets.ISO_8859_1);
            case UTF16 -> encoded(kind, index, "G0", pick(random, List.of(StandardCharsets.UTF_16BE,
                    StandardCharsets.UTF_16LE, StandardCharsets.UTF_16)));
            case INVALID_UTF8 -> {
                byte[][] sequences = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
                    {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80,
                        (byte) 0x80}, {(byte) 0xFF}};
                byte[] bad = sequences[random.nextInt(sequences.length)];
                Stream stream = index % 2 == 0 ? Stream.JSON : Stream.CSV;
                String good = stream == Stream.JSON ? json("\"G0@\"", "1", OK_TS) : "2024-01-01T00:00:00Z,C0@,1";
                yield new Malformed(kind, stream, splice(good, '@', bad), EnumSet.of(DeadLetterReason.NOT_UTF8));
            }
            case NOT_AN_OBJECT -> text(kind, Stream.JSON, pick(random, List.of("[" + goodJson(random) + "]",
                    "[1,2,3]", "\"G0\"", "42", "true", "null", "[]")), DeadLetterReason.NOT_AN_OBJECT);
            case NESTED_WRONG_SHAPE -> pick(random, List.of(
                    text(kind, Stream.JSON, "{\"tick\":" + goodJson(random) + "}", DeadLetterReason.MISSING_FIELD),
                    text(kind, Stream.JSON, json(OK_SYMBOL, "{\"value\":1}", OK_TS),
                            DeadLetterReason.NON_NUMERIC_VALUE),
                    text(kind, Stream.JSON, json("[\"G0\"]", "1", OK_TS), DeadLetterReason.INVALID_SERIES),
                    text(kind, Stream.JSON, json(OK_SYMBOL, "1", "{\"ms\":" + OK_TS + "}"),
                            DeadLetterReason.BAD_TIMESTAMP),
                    // Deeper than Jackson's 1,000 nesting levels: refused while parsing, not by a stack overflow.
                    text(kind, Stream.JSON, "{\"symbol\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}",
                            DeadLetterReason.MALFORMED_JSON)));
            case MISSING_FIELDS -> pick(random, List.of(
                    text(kind, Stream.JSON, "{\"price\":1,\"ts\":" + OK_TS + "}", DeadLetterReason.MISSING_FIELD),
                    text(kind, Stream.JSON, "{\"symbol\":\"G0\",\"ts\":" + OK_TS + "}", DeadLetterReason.MISSING_FIELD),
                    text(kind, Stream.JSON, "{\"symbol\":\"G0\",\"price\":1}", DeadLetterReason.MISSING_FIELD),
                    text(kind, Stream.JSON, "{}", DeadLetterReason.MISSING_FIELD),
                    text(kind, Stream.JSON, json(OK_SYMBOL, "null", OK_TS), DeadLetterReason.MISSING_FIELD),
                    text(kind, Stream.JSON, json("\"\"", "1", OK_TS), DeadLetterReason.MISSING_FIELD)));
            case WRONG_TYPES -> pick(random, List.of(
                    text(kind, Stream.JSON, json(OK_SYMBOL, "true", OK_TS), DeadLetterReason.NON_NUMERIC_VALUE),
                    text(kind, Stream.JSON, json(OK_SYMBOL, "\"abc\"", OK_TS), DeadLetterReason.NON_NUMERIC_VALUE),
                    text(kind, Stream.JSON, json(OK_SYMBOL, "\"0x1p3\"", OK_TS), DeadLetterReason.NON_NUMERIC_VALUE),
                    text(kind, Stream.JSON, json(OK_SYMBOL, "1", "true"), DeadLetterReason.BAD_TIMESTAMP),
                    text(kind, Stream.JSON, json(OK_SYMBOL, "1", "\"yesterday\""), DeadLetterReason.BAD_TIMESTAMP),
                    text(kind, Stream.JSON, json("false", "1", OK_TS), DeadLetterReason.INVALID_SERIES),
                    text(kind, Stream.CSV, "2024-01-01T00:00:00Z,C0,many", DeadLetterReason.NON_NUMERIC_VALUE),
                    text(kind, Stream.CSV, "yesterday,C0,1", DeadLetterReason.BAD_TIMESTAMP)));
            case EMPTY -> {
                Stream stream = index % 2 == 0 ? Stream.JSON : Stream.CSV;
                byte[] value = switch (index % 3) {
                    case 0 -> null;
                    case 1 -> new byte[0];
                    default -> " \r\n\t".getBytes(StandardCharsets.UTF_8);
                };
                yield new Malformed(kind, stream, value, EnumSet.of(DeadLetterReason.EMPTY_RECORD));
            }
            case MALFORMED_CSV -> pick(random, List.of(
                    text(kind, Stream.CSV, "2024-01-01T00:00:00Z,C0", DeadLetterReason.MALFORMED_CSV),
                    text(kind, Stream.CSV, "2024-01-01T00:00:00Z,C0,1,2", DeadLetterReason.MALFORMED_CSV),
                    text(kind, Stream.CSV, "\"2024-01-01T00:00:00Z,C0,1", DeadLetterReason.MALFORMED_CSV),
                    text(kind, Stream.CSV, "2024-01-01T00:00:00Z;C0;1", DeadLetterReason.MALFORMED_CSV),
                    text(kind, Stream.CSV, "2024-01-01T00:00:00Z,C0,1\n2024-01-01T01:00:00Z,C0,2",
                            DeadLetterReason.MALFORMED_CSV),
                    text(kind, Stream.CSV, "2024-01-01T00:00:00Z,C0,", DeadLetterReason.MISSING_FIELD),
                    text(kind, Stream.CSV, ",C0,1", DeadLetterReason.MISSING_FIELD)));
        };
    }

    /** A record that would be good, written in a charset other than UTF-8. */
    private static Malformed encoded(Kind kind, int index, String name, Charset charset) {
        Stream stream = index % 2 == 0 ? Stream.JSON : Stream.CSV;
        String text = stream == Stream.JSON ? json("\"" + name + "\"", "1", OK_TS)
                : "2024-01-01T00:00:00Z," + name + ",1";
        return new Malformed(kind, stream, text.getBytes(charset), EnumSet.of(DeadLetterReason.NOT_UTF8));
    }

    /** UTF-8 of {@code text} with the bytes of {@code bad} in place of {@code marker}. */
    private static byte[] splice(String text, char marker, byte[] bad) {
        int at = text.indexOf(marker);
        byte[] head = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] tail = text.substring(at + 1).getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(head, head.length + bad.length + tail.length);
        System.arraycopy(bad, 0, out, head.length, bad.length);
        System.arraycopy(tail, 0, out, head.length + bad.length, tail.length);
        return out;
    }

    /** For messages: a record's first bytes as text. */
    static final Function<byte[], String> PREVIEW = value -> value == null ? "null"
            : new String(value, 0, Math.min(value.length, 80), StandardCharsets.UTF_8);
}
