package io.tidewise.ingest.generate;

import io.tidewise.core.Domain;
import io.tidewise.core.Frequency;
import io.tidewise.core.SeriesId;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Vehicles counted per 5 minutes by road sensors: a daily profile with morning and evening rush hours on weekdays
 * and one broad midday hump at weekends, Poisson noise around it, and incidents (a lane closed, an accident) that
 * cut the flow to a fraction for half an hour to two hours. Times of day are UTC.
 */
public final class TrafficCounts extends SyntheticSeries {
    /** Chance per 5-minute step that an incident starts at a sensor: about one a week. */
    private static final double INCIDENT_PROBABILITY = 1.0 / (7 * 288);

    private final Random random;
    private final double[] peakRate;
    private final long[] incidentEndsAtStep;
    private final double[] incidentFactor;

    TrafficCounts(int seriesCount, long seed, Instant start) {
        super(Domain.TRAFFIC, Frequency.parse("5m"), alignToFiveMinutes(start), ids(requireSeriesCount(seriesCount)));
        this.random = new Random(seed);
        this.peakRate = new double[seriesCount];
        this.incidentEndsAtStep = new long[seriesCount];
        this.incidentFactor = new double[seriesCount];
        for (int i = 0; i < seriesCount; i++) {
            peakRate[i] = 60 + random.nextDouble() * 340;
            incidentEndsAtStep[i] = -1;
        }
    }

    private static Instant alignToFiveMinutes(Instant start) {
        Instant minute = start.truncatedTo(ChronoUnit.MINUTES);
        long minuteOfHour = minute.atZone(ZoneOffset.UTC).getMinute();
        return minute.minus(minuteOfHour % 5, ChronoUnit.MINUTES);
    }

    private static List<SeriesId> ids(int count) {
        List<SeriesId> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(SeriesId.of(String.format("traffic/S%04d/volume", i + 1)));
        }
        return ids;
    }

    /** Share of the peak rate at this time of day: 1 at the busiest moment, about 0.05 at night. */
    static double dailyProfile(ZonedDateTime time) {
        double hour = time.getHour() + time.getMinute() / 60.0;
        boolean weekend = time.getDayOfWeek() == DayOfWeek.SATURDAY || time.getDayOfWeek() == DayOfWeek.SUNDAY;
        double base = 0.05;
        if (weekend) {
            return base + 0.55 * bump(hour, 13.5, 3.5);
        }
        return base + 0.95 * bump(hour, 8.0, 1.2) + 0.9 * bump(hour, 17.5, 1.5) + 0.35 * bump(hour, 12.5, 3.0);
    }

    private static double bump(double hour, double center, double width) {
        double distance = (hour - center) / width;
        return Math.exp(-0.5 * distance * distance);
    }

    @Override
    protected double value(int index, long step, Instant time) {
        if (step >= incidentEndsAtStep[index] && random.nextDouble() < INCIDENT_PROBABILITY) {
            incidentEndsAtStep[index] = step + 6 + random.nextInt(19);
            incidentFactor[index] = 0.1 + random.nextDouble() * 0.5;
        }
        double rate = peakRate[index] * Math.min(1, dailyProfile(time.atZone(ZoneOffset.UTC)));
        if (step < incidentEndsAtStep[index]) {
            rate *= incidentFactor[index];
        }
        return poisson(rate);
    }

    private long poisson(double mean) {
        if (mean > 30) {
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        long count = 0;
        double product = random.nextDouble();
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }
}
