package io.tidewise.ingest.produce;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How fast a replay runs against event time: {@code 60x} plays one minute of event time per wall-clock second,
 * {@code 1x} in real time, {@code max} as fast as Kafka takes it.
 *
 * @param factor event seconds per wall second; {@link Double#POSITIVE_INFINITY} for {@code max}
 */
public record SpeedFactor(double factor) {
    public static final SpeedFactor MAX = new SpeedFactor(Double.POSITIVE_INFINITY);

    private static final Pattern SYNTAX = Pattern.compile("(\\d+(\\.\\d+)?)x");

    public SpeedFactor {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("speed must be positive, was " + factor);
        }
    }

    /** Parses {@code 60x}, {@code 0.5x} or {@code max}. */
    public static SpeedFactor parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("speed is required but was null");
        }
        if (text.strip().equalsIgnoreCase("max")) {
            return MAX;
        }
        Matcher matcher = SYNTAX.matcher(text.strip());
        if (!matcher.matches() || Double.parseDouble(matcher.group(1)) <= 0) {
            throw new IllegalArgumentException("speed must look like 60x, 1x, 0.5x or max, was '" + text + "'");
        }
        return new SpeedFactor(Double.parseDouble(matcher.group(1)));
    }

    public boolean isUnlimited() {
        return Double.isInfinite(factor);
    }

    /** The wall-clock time that {@code eventTime} of event time takes at this speed. */
    public Duration wallTime(Duration eventTime) {
        if (isUnlimited()) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.min(Long.MAX_VALUE, eventTime.toNanos() / factor));
    }

    @Override
    public String toString() {
        return isUnlimited() ? "max" : (factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor)) + "x";
    }
}
