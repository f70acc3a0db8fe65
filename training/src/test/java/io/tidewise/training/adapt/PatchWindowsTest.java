package io.tidewise.training.adapt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tidewise.model.tokenize.PatchTokenizer;
import io.tidewise.model.tokenize.Scale;
import io.tidewise.model.tokenize.StandardScaler;
import io.tidewise.training.adapt.SeriesCorpus.TrainingSeries;
import io.tidewise.training.synthetic.SyntheticSeriesGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PatchWindowsTest {
    private static final int CONTEXT = 64;
    private static final int REACH = 8;

    /** Values equal to their index: a window's values tell where in the series it was cut. */
    private static double[] ramp(int length) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = i;
        }
        return values;
    }

    @Test
    void longSeriesGiveMostlyFullContextsAndFullLabels() {
        // defect: an origin drawn uniformly over a series gave a median context of 37 values and 2% full ones
        SeriesCorpus corpus = new SeriesCorpus(List.of(new TrainingSeries("a/long", ramp(2000))));
        PatchWindows windows = new PatchWindows(corpus, null, PatchWindows.Mixture.REAL_ONLY, CONTEXT, REACH, 0.25);
        SplittableRandom random = new SplittableRandom(1);
        int full = 0;
        int draws = 2000;
        for (int i = 0; i < draws; i++) {
            PatchWindows.Window window = windows.sample(random);
            if (window.context().length == CONTEXT) {
                full++;
            }
            assertThat(window.future()).hasSize(REACH);
        }
        assertThat(full / (double) draws).isBetween(0.7, 0.8); // a quarter truncated, the rest full
    }

    @Test
    void everyLengthFromOneValueToTheFullContextIsSeen() {
        SeriesCorpus corpus = new SeriesCorpus(List.of(new TrainingSeries("a/long", ramp(500))));
        PatchWindows windows = new PatchWindows(corpus, null, PatchWindows.Mixture.REAL_ONLY, CONTEXT, REACH, 1.0);
        SplittableRandom random = new SplittableRandom(2);
        boolean[] seen = new boolean[CONTEXT + 1];
        for (int i = 0; i < 5000; i++) {
            seen[windows.sample(random).context().length] = true;
        }
        for (int length = 2; length <= CONTEXT; length++) {
            assertThat(seen[length]).as("context of %d values", length).isTrue();
        }
    }

    @Test
    void contextsEndAtTheOriginAndLabelsFollowItScaledWithTheContextOnly() {
        // defect: every position was scaled with statistics of the whole window, values after it included
        SeriesCorpus corpus = new SeriesCorpus(List.of(new TrainingSeries("a/long", ramp(700)),
                new TrainingSeries("b/short", ramp(20))));
        PatchWindows windows = new PatchWindows(corpus, null, PatchWindows.Mixture.REAL_ONLY, CONTEXT, REACH, 0.25);
        PatchTokenizer tokenizer = PatchTokenizer.ofPatchLength(8);
        PatchWindows.PatchBatch batch = windows.batch(32, CONTEXT / 8, tokenizer, new SplittableRandom(3));
        for (int row = 0; row < 32; row++) {
            Scale scale = batch.contexts().get(row).scale();
            double[] decoded = tokenizer.decode(batch.contexts().get(row).values(), scale);
            float[] mask = batch.contexts().get(row).mask();
            double lastContext = Double.NaN;
            List<Double> observed = new ArrayList<>();
            for (int i = 0; i < decoded.length; i++) {
                if (mask[i] == 1f) {
                    lastContext = decoded[i];
                    observed.add(decoded[i]);
                }
            }
            Scale expected = StandardScaler.scaleOf(observed.stream().mapToDouble(Double::doubleValue).toArray());
            assertThat(scale.center()).isCloseTo(expected.center(), within(1e-3));
            assertThat(batch.labelMask()[row * REACH]).isEqualTo(1f);
            double firstLabel = scale.invert(batch.labels()[row * REACH]);
            assertThat(firstLabel).as("row %d", row).isCloseTo(lastContext + 1, within(1e-3));
        }
    }

    @Test
    void aShortYearlySeriesStillGivesWindowsWithLabels() {
        SeriesCorpus corpus = new SeriesCorpus(List.of(new TrainingSeries("y/short", ramp(14))));
        PatchWindows windows = new PatchWindows(corpus, null, PatchWindows.Mixture.REAL_ONLY, CONTEXT, REACH, 0);
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < 200; i++) {
            PatchWindows.Window window = windows.sample(random);
            assertThat(window.context().length).isBetween(2, 13);
            assertThat(window.future().length).isBetween(1, REACH);
            assertThat(window.future()[0]).isEqualTo(window.context()[window.context().length - 1] + 1);
        }
    }

    @Test
    void sourcesAreWeightedByTheSquareRootOfTheirSizeNotByTheirSeriesCount() {
        // defect: a series was drawn uniformly, so a source of many short series (M1, tourism) dominated
        List<TrainingSeries> series = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            series.add(new TrainingSeries("many/" + i, ramp(25))); // 10,000 values
        }
        series.add(new TrainingSeries("few/long", ramp(2500))); // 2,500 values
        SeriesCorpus corpus = new SeriesCorpus(series);
        Map<String, Double> weights = corpus.sourceWeights();
        assertThat(weights.get("many")).isCloseTo(100 / 150.0, within(1e-9));
        assertThat(weights.get("few")).isCloseTo(50 / 150.0, within(1e-9));
        SplittableRandom random = new SplittableRandom(5);
        int few = 0;
        for (int i = 0; i < 3000; i++) {
            if (corpus.pick(random).name().startsWith("few/")) {
                few++;
            }
        }
        assertThat(few / 3000.0).isCloseTo(1 / 3.0, within(0.04));
    }

    @Test
    void syntheticAndMixedWindowsAreDrawnInTheirShares() {
        SeriesCorpus corpus = new SeriesCorpus(List.of(new TrainingSeries("a/long", ramp(800))));
        SyntheticSeriesGenerator generator = SyntheticSeriesGenerator.builder().setSeed(9).optLength(64, 2048)
                .optFrequencies(SyntheticSeriesGenerator.ALL_FREQUENCIES).build();
        PatchWindows windows = new PatchWindows(corpus, generator, new PatchWindows.Mixture(0.5, 0.5), CONTEXT, REACH,
                0);
        SplittableRandom random = new SplittableRandom(6);
        int ramps = 0;
        for (int i = 0; i < 400; i++) {
            double[] context = windows.sample(random).context();
            if (context[1] - context[0] == 1 && context[2] - context[1] == 1) {
                ramps++; // a raw window of the real series: neither synthetic nor standardised by a mix
            }
        }
        assertThat(ramps).isZero();
    }

    @Test
    void theSameStepGivesTheSameBatch() {
        SeriesCorpus corpus = new SeriesCorpus(List.of(new TrainingSeries("a/long", ramp(300))));
        PatchWindows windows = new PatchWindows(corpus, null, PatchWindows.Mixture.REAL_ONLY, CONTEXT, REACH, 0.25);
        PatchTokenizer tokenizer = PatchTokenizer.ofPatchLength(8);
        PatchWindows.PatchBatch first = windows.batch(8, 8, tokenizer, new SplittableRandom(77));
        PatchWindows.PatchBatch second = windows.batch(8, 8, tokenizer, new SplittableRandom(77));
        assertThat(second.contexts()).isEqualTo(first.contexts());
        assertThat(second.labels()).isEqualTo(first.labels());
    }

    @Test
    void anAddedTrendIsOneLineThroughContextAndLabelsSizedByTheContextsSpread() {
        SplittableRandom noise = new SplittableRandom(5);
        double[] context = new double[40];
        for (int t = 0; t < context.length; t++) {
            context[t] = 50 + 3 * noise.nextGaussian();
        }
        context[7] = Double.NaN;
        double[] future = {51, Double.NaN, 49, 50};
        PatchWindows.Window window = new PatchWindows.Window(context, future);
        double spread = StandardScaler.scaleOf(context).value();
        SplittableRandom random = new SplittableRandom(6);
        boolean rising = false;
        boolean falling = false;
        for (int draw = 0; draw < 200; draw++) {
            PatchWindows.Window trended = PatchWindows.withAddedTrend(window, random);
            double slope = trended.future()[2] - future[2] - (trended.future()[0] - future[0]);
            slope /= 2;
            assertThat(trended.future()[0]).as("the line is 0 at the origin").isCloseTo(future[0], within(1e-9));
            assertThat(trended.future()[1]).as("a missing label stays missing").isNaN();
            assertThat(trended.context()[7]).as("a missing value stays missing").isNaN();
            for (int t = 0; t < context.length; t++) {
                if (t != 7) {
                    assertThat(trended.context()[t] - context[t]).isCloseTo(slope * (t - context.length),
                            within(1e-9));
                }
            }
            double rise = Math.abs(slope) * context.length / spread;
            assertThat(rise).isBetween(PatchWindows.LEAST_ADDED_RISE - 1e-9, PatchWindows.MOST_ADDED_RISE + 1e-9);
            rising |= slope > 0;
            falling |= slope < 0;
        }
        assertThat(rising && falling).as("lines both rise and fall").isTrue();
    }

    @Test
    void aConstantContextGetsALineSizedByItsLevel() {
        double[] context = new double[20];
        Arrays.fill(context, 400);
        PatchWindows.Window trended = PatchWindows.withAddedTrend(new PatchWindows.Window(context, new double[] {400}),
                new SplittableRandom(7));
        double rise = Math.abs(trended.context()[19] - trended.context()[0]) * 20 / 19;
        assertThat(rise).isBetween(PatchWindows.LEAST_ADDED_RISE * 40 - 1e-6, PatchWindows.MOST_ADDED_RISE * 40 + 1e-6);
    }

    @Test
    void theTrendShareIsTheShareOfWindowsThatGetALine() {
        double[] flat = new double[300];
        Arrays.fill(flat, 100);
        SeriesCorpus corpus = new SeriesCorpus(List.of(new TrainingSeries("a/flat", flat)));
        for (double share : new double[] {0, 0.3}) {
            PatchWindows windows = new PatchWindows(corpus, null, PatchWindows.Mixture.REAL_ONLY, CONTEXT, REACH, 0,
                    share);
            SplittableRandom random = new SplittableRandom(8);
            int lines = 0;
            int draws = 2000;
            for (int i = 0; i < draws; i++) {
                PatchWindows.Window window = windows.sample(random);
                if (window.context()[0] != window.context()[CONTEXT - 1]) {
                    lines++;
                }
            }
            assertThat(lines / (double) draws).as("share %s", share).isCloseTo(share, within(0.04));
        }
    }
}
