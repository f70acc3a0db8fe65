package io.tidewise.ingest.generate;

import io.tidewise.core.Domain;
import io.tidewise.core.Frequency;
import io.tidewise.core.SeriesId;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Monthly economic indicators: an exponential trend, a business cycle (a sine of 5-10 years with its own phase per
 * series), a yearly seasonal pattern and persistent AR(1) noise, on a level typical of the indicator
 * (a price index near 100, an unemployment rate of a few percent, an industrial production index).
 */
public final class EconomicIndicators extends SyntheticSeries {
    private static final String[] COUNTRIES = {"US", "DE", "JP", "GB", "FR", "CN", "IN", "BR", "CA", "IT", "ES", "KR",
            "AU", "MX", "NL"};
    private static final String[] INDICATORS = {"cpi", "unemployment", "industrial_production"};

    private final Random random;
    private final Shape[] shapes;
    private final double[] noise;

    private record Shape(double level, double trendPerMonth, double cycleAmplitude, double cycleMonths,
                         double cyclePhase, double seasonalAmplitude, double noiseScale, int decimals) {}

    EconomicIndicators(int seriesCount, long seed, Instant start) {
        super(Domain.ECONOMY, Frequency.parse("1M"), firstOfMonth(start), ids(requireSeriesCount(seriesCount)));
        this.random = new Random(seed);
        this.shapes = new Shape[seriesCount];
        this.noise = new double[seriesCount];
        for (int i = 0; i < seriesCount; i++) {
            double cycleMonths = 60 + random.nextDouble() * 60;
            double phase = random.nextDouble() * 2 * Math.PI;
            shapes[i] = switch (INDICATORS[i % INDICATORS.length]) {
                case "cpi" -> new Shape(90 + random.nextDouble() * 30, 0.0015 + random.nextDouble() * 0.002, 0.01,
                        cycleMonths, phase, 0.002, 0.001, 1);
                case "unemployment" -> new Shape(3 + random.nextDouble() * 6, 0, -0.25, cycleMonths, phase, 0.04,
                        0.01, 1);
                default -> new Shape(80 + random.nextDouble() * 40, 0.001, 0.06, cycleMonths, phase, 0.03, 0.008, 1);
            };
        }
    }

    private static Instant firstOfMonth(Instant start) {
        ZonedDateTime utc = start.atZone(ZoneOffset.UTC);
        return utc.withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static List<SeriesId> ids(int count) {
        List<SeriesId> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int countryIndex = i / INDICATORS.length;
            String country = countryIndex < COUNTRIES.length ? COUNTRIES[countryIndex]
                    : String.format("X%03d", countryIndex);
            ids.add(SeriesId.of("economy/" + country + "/" + INDICATORS[i % INDICATORS.length]));
        }
        return ids;
    }

    @Override
    protected double value(int index, long step, Instant time) {
        Shape shape = shapes[index];
        noise[index] = 0.8 * noise[index] + shape.noiseScale() * random.nextGaussian();
        int month = time.atZone(ZoneOffset.UTC).getMonthValue();
        double trend = Math.exp(shape.trendPerMonth() * step);
        double cycle = 1 + shape.cycleAmplitude() * Math.sin(2 * Math.PI * step / shape.cycleMonths() + shape.cyclePhase());
        double season = 1 + shape.seasonalAmplitude() * Math.cos(2 * Math.PI * (month - 1) / 12.0);
        double value = shape.level() * trend * cycle * season * (1 + noise[index]);
        double scale = Math.pow(10, shape.decimals());
        return Math.round(Math.max(0, value) * scale) / scale;
    }
}
