package io.tidewise.training.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.core.Frequency;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class SeasonalProfilesTest {
    @Test
    void everyProfileIsCentredWithTheRangeOfAUnitSine() {
        SplittableRandom random = new SplittableRandom(3);
        for (int period : new int[] {2, 4, 7, 12, 24, 48, 168, 288}) {
            for (int draw = 0; draw < 200; draw++) {
                double[] profile = SeasonalProfiles.draw(random, period);
                assertThat(profile).hasSize(period);
                double mean = Arrays.stream(profile).average().orElseThrow();
                double range = Arrays.stream(profile).max().orElseThrow() - Arrays.stream(profile).min().orElseThrow();
                assertThat(mean).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(range).isCloseTo(2, org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    /**
     * The defect profiles fix: a sum of up to four decaying harmonics rarely jumps by half its range from one hour to
     * the next, as opening hours and weekends do, so a model trained on such seasons forecasts a square wave as a sine.
     */
    @Test
    void profilesJumpWhereFewHarmonicsGlide() {
        SplittableRandom random = new SplittableRandom(11);
        int draws = 1000;
        int sharpProfiles = 0;
        int sharpHarmonics = 0;
        for (int draw = 0; draw < draws; draw++) {
            if (largestStepOverRange(SeasonalProfiles.draw(random, 24)) >= 0.5) {
                sharpProfiles++;
            }
            double[] harmonic = new double[24];
            SyntheticSeriesGenerator.addSeasonality(random, harmonic, 24, 1 + random.nextInt(4), 1);
            if (largestStepOverRange(harmonic) >= 0.5) {
                sharpHarmonics++;
            }
        }
        System.out.printf("hourly seasons with a step of half their range: profiles %d, harmonics %d of %d%n",
                sharpProfiles, sharpHarmonics, draws);
        assertThat(sharpProfiles).isGreaterThan(draws / 2);
        assertThat(sharpHarmonics).isLessThan(draws / 20);
    }

    @Test
    void aWeekOfHourlyStepsCanBeAWorkingWeekOfWholeDays() {
        assertThat(drawsAWeekWith(new SplittableRandom(5), 200, open -> open.hours() == 24)).isTrue();
    }

    /** Opening hours, which scripts/weekday-check.sh scores: high only within the same hours of a block of days. */
    @Test
    void aWeekOfHourlyStepsCanBeOpeningHoursOnABlockOfDays() {
        assertThat(drawsAWeekWith(new SplittableRandom(6), 400, open -> open.hours() < 24 && open.days() < 7))
                .isTrue();
    }

    /** How many hours of the day and days of the week a two-level weekly profile is high on. */
    private record OpenTimes(int hours, int days) {}

    /** Whether one of {@code draws} hourly weeks is high exactly on some hours of some days, as {@code wanted} says. */
    private static boolean drawsAWeekWith(SplittableRandom random, int draws,
            Predicate<OpenTimes> wanted) {
        for (int draw = 0; draw < draws; draw++) {
            OpenTimes open = openTimes(SeasonalProfiles.draw(random, 168));
            if (open != null && wanted.test(open)) {
                return true;
            }
        }
        return false;
    }

    /** The open hours and days of a week that has two levels, high exactly on those hours of those days; else null. */
    private static OpenTimes openTimes(double[] week) {
        if (Arrays.stream(week).distinct().count() != 2) {
            return null;
        }
        double high = Arrays.stream(week).max().orElseThrow();
        boolean[] openHour = new boolean[24];
        boolean[] openDay = new boolean[7];
        for (int t = 0; t < 168; t++) {
            if (week[t] == high) {
                openHour[t % 24] = true;
                openDay[t / 24] = true;
            }
        }
        for (int t = 0; t < 168; t++) {
            if ((week[t] == high) != (openHour[t % 24] && openDay[t / 24])) {
                return null;
            }
        }
        return new OpenTimes(countTrue(openHour), countTrue(openDay));
    }

    private static int countTrue(boolean[] flags) {
        int count = 0;
        for (boolean flag : flags) {
            count += flag ? 1 : 0;
        }
        return count;
    }

    @Test
    void bothFamiliesDrawProfilesOnlyWhenAsked() {
        List<Frequency> daily = List.of(Frequency.parse("1d"));
        List<SyntheticSeries> with = SyntheticSeriesGenerator.builder().setSeed(4).optLength(64, 2048)
                .optFrequencies(daily).optStateSpaceShare(0.5).optProfileShare(1).build().generate(300);
        assertThat(with).anySatisfy(s -> assertThat(s.recipe()).startsWith("state-space").contains("[7 profile]"));
        assertThat(with).anySatisfy(s -> assertThat(s.recipe()).contains("7xprofile"));
        List<SyntheticSeries> without = SyntheticSeriesGenerator.builder().setSeed(4).optLength(64, 2048)
                .optFrequencies(daily).optStateSpaceShare(0.5).build().generate(300);
        assertThat(without).noneSatisfy(s -> assertThat(s.recipe()).contains("profile"));
    }

    @Test
    void theShareIsAProbability() {
        assertThatThrownBy(() -> SyntheticSeriesGenerator.builder().setSeed(1).optProfileShare(-0.1).build())
                .hasMessageContaining("profileShare").hasMessageContaining("-0.1");
    }

    private static double largestStepOverRange(double[] season) {
        double min = Arrays.stream(season).min().orElseThrow();
        double max = Arrays.stream(season).max().orElseThrow();
        double step = 0;
        for (int t = 0; t < season.length; t++) {
            step = Math.max(step, Math.abs(season[(t + 1) % season.length] - season[t]));
        }
        return step / (max - min);
    }
}
