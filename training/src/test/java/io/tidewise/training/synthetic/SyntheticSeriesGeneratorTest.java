package io.tidewise.training.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.tidewise.core.Frequency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticSeriesGeneratorTest {

    private static SyntheticSeriesGenerator generator(long seed) {
        return SyntheticSeriesGenerator.builder().setSeed(seed).build();
    }

    @Test
    void sameSeedGivesTheSameSeriesWhateverTheOrder() {
        List<SyntheticSeries> first = generator(7).generate(50);
        List<SyntheticSeries> second = generator(7).generate(50);
        assertThat(second).isEqualTo(first);
        assertThat(generator(7).generate(37L)).isEqualTo(first.get(37));
    }

    @Test
    void differentSeedsAndIndicesGiveDifferentSeries() {
        SyntheticSeries a = generator(1).generate(0L);
        SyntheticSeries b = generator(2).generate(0L);
        SyntheticSeries c = generator(1).generate(1L);
        assertThat(a.values()).isNotEqualTo(b.values());
        assertThat(a.values()).isNotEqualTo(c.values());
        assertThat(a.id()).isEqualTo("synthetic/1/0");
    }

    @Test
    void seriesAreFiniteWithinTheLengthRangeAndVaried() {
        List<SyntheticSeries> series = SyntheticSeriesGenerator.builder().setSeed(11).optLength(100, 300).build()
                .generate(400);
        Set<Frequency> frequencies = new HashSet<>();
        Set<String> recipes = new HashSet<>();
        int multiplicative = 0;
        int withShifts = 0;
        for (SyntheticSeries one : series) {
            assertThat(one.length()).isBetween(100, 300);
            for (double value : one.values()) {
                assertThat(Double.isFinite(value)).as(one.recipe()).isTrue();
            }
            assertThat(standardDeviation(one.values())).as(one.recipe()).isPositive();
            assertThat(one.seasonalPeriod()).isPositive();
            frequencies.add(one.frequency());
            recipes.add(one.recipe());
            multiplicative += one.recipe().startsWith("multiplicative") ? 1 : 0;
            withShifts += one.recipe().contains("shifts=") ? 1 : 0;
        }
        assertThat(frequencies).containsExactlyInAnyOrderElementsOf(SyntheticSeriesGenerator.DEFAULT_FREQUENCIES);
        assertThat(recipes).hasSize(400);
        assertThat(multiplicative).isBetween(140, 260);
        assertThat(withShifts).isBetween(100, 220);
    }

    @Test
    void seasonalRecipesShowAtTheirSeasonalLag() {
        List<SyntheticSeries> monthly = SyntheticSeriesGenerator.builder().setSeed(3).optLength(240, 240)
                .optFrequencies(List.of(Frequency.parse("1M"))).build().generate(200);
        int seasonal = 0;
        int strongAtLag12 = 0;
        for (SyntheticSeries one : monthly) {
            assertThat(one.seasonalPeriod()).isEqualTo(12);
            if (!one.recipe().contains("seasonal=")) {
                continue;
            }
            seasonal++;
            // Differencing at lag 1 removes most of the trend; the seasonal lag then stands out.
            double[] differenced = new double[one.length() - 1];
            double[] values = one.values();
            for (int t = 1; t < values.length; t++) {
                differenced[t - 1] = values[t] - values[t - 1];
            }
            if (autocorrelation(differenced, 12) > 0.3) {
                strongAtLag12++;
            }
        }
        assertThat(seasonal).isBetween(140, 200); // 85% of series are drawn seasonal
        assertThat(strongAtLag12).isGreaterThan(seasonal / 2);
    }

    @Test
    void allFrequenciesCoverTheSubHourlyAndCalendarPeriodsUsersBring() {
        // defect: synthetic series were capped at 512 values and had no 5-, 15- or 30-minute cycles
        SyntheticSeriesGenerator generator = SyntheticSeriesGenerator.builder().setSeed(3).optLength(64, 2048)
                .optFrequencies(SyntheticSeriesGenerator.ALL_FREQUENCIES).build();
        java.util.Set<Integer> periods = new java.util.TreeSet<>();
        int longest = 0;
        for (SyntheticSeries series : generator.generate(400)) {
            periods.add(series.seasonalPeriod());
            longest = Math.max(longest, series.length());
        }
        assertThat(periods).contains(4, 7, 12, 24, 48, 52, 96, 288);
        assertThat(longest).isGreaterThan(1800);
    }

    @Test
    void buildChecksItsSettings() {
        assertThatThrownBy(() -> SyntheticSeriesGenerator.builder().build()).hasMessageContaining("seed");
        assertThatThrownBy(() -> SyntheticSeriesGenerator.builder().setSeed(1).optLength(50, 10).build())
                .hasMessage("maxLength must be at least minLength (50), was 10");
    }

    private static double standardDeviation(double[] values) {
        double mean = 0;
        for (double value : values) {
            mean += value / values.length;
        }
        double sum = 0;
        for (double value : values) {
            sum += (value - mean) * (value - mean);
        }
        return Math.sqrt(sum / values.length);
    }

    /**
     * Earlier models were trained on these series: an option added later must not change them while it is off (no
     * random draw for a share of 0). Pinned values, not a hash, so that a last-bit difference of a platform's maths
     * library does not fail it.
     */
    @Test
    void seriesOfEarlierRecipesStayAsTheyWere() throws Exception {
        SyntheticSeriesGenerator generator = SyntheticSeriesGenerator.builder().setSeed(20261205L).optLength(16, 512)
                .optFrequencies(SyntheticSeriesGenerator.ALL_FREQUENCIES).optStateSpaceShare(0.5).build();
        List<String> pinned;
        try (var in = getClass().getResourceAsStream("pinned-series.csv")) {
            pinned = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#")).toList();
        }
        assertThat(pinned).hasSize(40);
        for (String line : pinned) {
            String[] fields = line.split(",");
            SyntheticSeries series = generator.generate(Long.parseLong(fields[0]));
            double[] values = series.values();
            double sum = 0;
            for (double value : values) {
                sum += value;
            }
            assertThat(values.length).as(series.recipe()).isEqualTo(Integer.parseInt(fields[1]));
            assertThat(values[0]).as(series.recipe()).isCloseTo(Double.parseDouble(fields[2]), withinPercentage(1e-7));
            assertThat(values[values.length - 1]).as(series.recipe())
                    .isCloseTo(Double.parseDouble(fields[3]), withinPercentage(1e-7));
            assertThat(sum).as(series.recipe()).isCloseTo(Double.parseDouble(fields[4]), withinPercentage(1e-7));
        }
    }

    static double autocorrelation(double[] values, int lag) {
        double mean = 0;
        for (double value : values) {
            mean += value / values.length;
        }
        double numerator = 0;
        double denominator = 0;
        for (int t = 0; t < values.length; t++) {
            denominator += (values[t] - mean) * (values[t] - mean);
            if (t + lag < values.length) {
                numerator += (values[t] - mean) * (values[t + lag] - mean);
            }
        }
        return numerator / denominator;
    }
}
