package io.tidewise.ingest.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.core.Domain;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SyntheticSeriesTest {
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z"); // a Monday

    private static List<Observation> take(SyntheticSeries series, int count) {
        List<Observation> observations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            observations.add(series.next());
        }
        return observations;
    }

    /** The values of series {@code index} out of {@code seriesCount} interleaved ones. */
    private static double[] valuesOf(List<Observation> observations, int index, int seriesCount) {
        return IntStream.range(0, observations.size()).filter(i -> i % seriesCount == index)
                .mapToDouble(i -> observations.get(i).value()).toArray();
    }

    @Test
    void sameSeedSameSeriesAndEventTimeOrder() {
        for (Domain domain : List.of(Domain.STOCK, Domain.ECONOMY, Domain.TRAFFIC)) {
            List<Observation> first = take(SyntheticSeries.forDomain(domain, 7, 42, START), 700);
            List<Observation> again = take(SyntheticSeries.forDomain(domain, 7, 42, START), 700);
            List<Observation> other = take(SyntheticSeries.forDomain(domain, 7, 43, START), 700);

            assertThat(again).as(domain + " with one seed").isEqualTo(first);
            assertThat(other).as(domain + " with another seed").isNotEqualTo(first);
            for (int i = 1; i < first.size(); i++) {
                assertThat(first.get(i).timestamp()).isAfterOrEqualTo(first.get(i - 1).timestamp());
            }
            assertThat(first).allSatisfy(observation -> assertThat(observation.domain()).isEqualTo(domain));
            assertThat(first.subList(0, 7)).extracting(Observation::series).doesNotHaveDuplicates();
        }
    }

    @Test
    void namesSeriesAsTheExampleStreamsExpect() {
        assertThat(SyntheticSeries.forDomain(Domain.STOCK, 21, 1, START).series())
                .startsWith(SeriesId.of("stock/AAPL/close")).contains(SeriesId.of("stock/TW0020/close"));
        assertThat(SyntheticSeries.forDomain(Domain.ECONOMY, 4, 1, START).series()).containsExactly(
                SeriesId.of("economy/US/cpi"), SeriesId.of("economy/US/unemployment"),
                SeriesId.of("economy/US/industrial_production"), SeriesId.of("economy/DE/cpi"));
        assertThat(SyntheticSeries.forDomain(Domain.TRAFFIC, 2, 1, START).series())
                .containsExactly(SeriesId.of("traffic/S0001/volume"), SeriesId.of("traffic/S0002/volume"));
        assertThatThrownBy(() -> SyntheticSeries.forDomain(Domain.ENERGY, 1, 1, START))
                .hasMessageContaining("was energy");
        assertThatThrownBy(() -> SyntheticSeries.forDomain(Domain.STOCK, 0, 1, START))
                .hasMessage("series must be positive, was 0");
    }

    @Test
    void stockReturnsClusterInVolatility() {
        // GARCH: squared returns are positively autocorrelated, unlike the i.i.d. shocks of a plain random walk.
        int series = 5;
        List<Observation> observations = take(SyntheticSeries.forDomain(Domain.STOCK, series, 7, START), series * 20_000);
        double meanAutocorrelation = 0;
        for (int s = 0; s < series; s++) {
            double[] prices = valuesOf(observations, s, series);
            assertThat(java.util.Arrays.stream(prices).min().orElseThrow()).isPositive();
            double[] squared = new double[prices.length - 1];
            for (int i = 1; i < prices.length; i++) {
                double logReturn = Math.log(prices[i] / prices[i - 1]);
                squared[i - 1] = logReturn * logReturn;
            }
            meanAutocorrelation += lagOneAutocorrelation(squared) / series;
        }
        assertThat(meanAutocorrelation).isGreaterThan(0.05);
        assertThat(observations.get(series).timestamp()).isEqualTo(START.plusSeconds(60));
    }

    private static double lagOneAutocorrelation(double[] x) {
        double mean = java.util.Arrays.stream(x).average().orElseThrow();
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < x.length; i++) {
            denominator += (x[i] - mean) * (x[i] - mean);
            if (i > 0) {
                numerator += (x[i] - mean) * (x[i - 1] - mean);
            }
        }
        return numerator / denominator;
    }

    @Test
    void trafficHasRushHoursOnWeekdaysAndQuietNights() {
        int series = 3;
        int steps = 288 * 14; // two weeks of 5-minute counts
        List<Observation> observations = take(SyntheticSeries.forDomain(Domain.TRAFFIC, series, 11, START), series * steps);
        double weekdayRush = 0;
        double night = 0;
        double weekendRush = 0;
        for (Observation observation : observations) {
            ZonedDateTime time = observation.timestamp().atZone(ZoneOffset.UTC);
            assertThat(observation.value()).isGreaterThanOrEqualTo(0).isEqualTo(Math.rint(observation.value()));
            boolean weekend = time.getDayOfWeek() == DayOfWeek.SATURDAY || time.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (time.getHour() == 8 && !weekend) {
                weekdayRush += observation.value();
            } else if (time.getHour() == 8) {
                weekendRush += observation.value();
            } else if (time.getHour() == 3) {
                night += observation.value();
            }
        }
        assertThat(weekdayRush / 10).as("weekday 8 o'clock vs night").isGreaterThan(5 * night / 14);
        assertThat(weekdayRush / 10).as("weekday vs weekend morning").isGreaterThan(2 * weekendRush / 4);
        assertThat(observations.get(series).timestamp()).isEqualTo(START.plusSeconds(300));
    }

    @Test
    void economyStepsMonthlyOnTheFirstWithTrendAndPlausibleLevels() {
        int series = 3;
        List<Observation> observations = take(SyntheticSeries.forDomain(Domain.ECONOMY, series, 5,
                Instant.parse("2000-01-17T10:00:00Z")), series * 240);
        assertThat(observations).allSatisfy(observation -> {
            ZonedDateTime time = observation.timestamp().atZone(ZoneOffset.UTC);
            assertThat(time.getDayOfMonth()).isEqualTo(1);
            assertThat(time.toLocalTime()).isEqualTo(java.time.LocalTime.MIDNIGHT);
        });
        assertThat(observations.get(series * 239).timestamp()).isEqualTo(Instant.parse("2019-12-01T00:00:00Z"));
        double[] cpi = valuesOf(observations, 0, series);
        double[] unemployment = valuesOf(observations, 1, series);
        assertThat(cpi[cpi.length - 1]).as("twenty years of inflation").isGreaterThan(cpi[0] * 1.3);
        assertThat(java.util.Arrays.stream(unemployment).min().orElseThrow()).isGreaterThan(0.0);
        assertThat(java.util.Arrays.stream(unemployment).max().orElseThrow()).isLessThan(25.0);
    }
}
