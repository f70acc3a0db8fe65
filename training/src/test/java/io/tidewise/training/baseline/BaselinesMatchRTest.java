package io.tidewise.training.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tidewise.core.QuantileLevels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The baselines against R 4.2.2 with forecast 8.20 on the shipped series (see {@code reference/baselines.R}).
 * Where the computation is deterministic (seasonal naive; the ETS recursion, criteria and intervals given R's
 * parameters) the match is to rounding. Where an optimiser is involved (ETS and Theta fits) Java's own Nelder-Mead
 * may stop elsewhere than R's, so the checks are: Java's likelihood is at least as good as R's, up to a small slack,
 * and its forecasts lie within a stated distance of R's.
 */
class BaselinesMatchRTest {
    private static final QuantileLevels P10_P50_P90 = new QuantileLevels(new double[] {0.1, 0.5, 0.9});

    record Case(String series, int period, int horizon) {
        @Override
        public String toString() {
            return series;
        }
    }

    static final List<Case> CASES = List.of(new Case("airpassengers", 12, 24), new Case("austourists", 4, 8),
            new Case("ausair", 1, 10), new Case("nile", 1, 10));

    static Stream<Case> cases() {
        return CASES.stream();
    }

    static Stream<Arguments> etsCases() {
        List<Arguments> arguments = new ArrayList<>();
        for (Case c : CASES) {
            for (EtsSpec spec : EtsSpec.ALL) {
                if (!spec.seasonal() || c.period() > 1) {
                    arguments.add(Arguments.of(c, spec));
                }
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void seasonalNaiveMatchesSnaive(Case c) {
        MethodForecast java = SeasonalNaive.normal()
                .forecast(RReference.series(c.series()), c.period(), c.horizon(), P10_P50_P90);
        assertMatches(java, RReference.forecast(c.series(), "seasonal_naive"), 1e-9, 1e-9, c.horizon());
    }

    @ParameterizedTest(name = "{0} ETS({1}) at R's parameters")
    @MethodSource("etsCases")
    void etsRecursionCriteriaAndIntervalsMatchRAtRsParameters(Case c, EtsSpec spec) {
        Map<String, String> fit = RReference.etsFit(c.series(), "ets_" + spec.name());
        EtsModel model = EtsModel.withParameters(RReference.series(c.series()), spec, c.period(),
                RReference.parameters(fit));
        assertThat(model.sse()).isCloseTo(RReference.number(fit, "sse"), within(1e-9 * model.sse()));
        assertThat(model.aic()).isCloseTo(RReference.number(fit, "aic"), within(1e-8));
        assertThat(model.aicc()).isCloseTo(RReference.number(fit, "aicc"), within(1e-8));
        assertThat(model.sigma2()).isCloseTo(RReference.number(fit, "sigma2"), within(1e-9 * model.sigma2()));
        MethodForecast java = MethodForecast.normal(model.forecastMean(c.horizon()),
                model.forecastStandardError(c.horizon()), P10_P50_P90);
        // forecast 8.20's class1() puts gamma at state position 3 whatever the trend, which for models without a
        // trend (ANA) is the second seasonal state, so R's c_j carry gamma one step early (at j = m-1, 2m-1, ...)
        // instead of at j = m, 2m, ... (Hyndman et al. 2008, table 6.1; R's own AAA shows the right placement).
        // Java keeps the textbook variance; R's ANA intervals are compared only before the misplaced term enters.
        int intervalSteps = spec.seasonal() && !spec.hasTrend() ? c.period() - 1 : c.horizon();
        assertMatches(java, RReference.forecast(c.series(), "ets_" + spec.name()), 1e-8, 1e-8, intervalSteps);
    }

    @ParameterizedTest(name = "{0} ETS({1}) fitted")
    @MethodSource("etsCases")
    void etsFitIsAtLeastAsLikelyAsRsAndForecastsClose(Case c, EtsSpec spec) {
        Map<String, String> fit = RReference.etsFit(c.series(), "ets_" + spec.name());
        EtsModel model = EtsModel.fit(RReference.series(c.series()), spec, c.period());
        double rCriterion = -2 * RReference.number(fit, "loglik");
        // -2 log L = n log(SSE) + const: Java may find a better optimum than R's Nelder-Mead run, never a clearly
        // worse one (0.5 = a quarter of what one extra parameter costs in AIC).
        assertThat(model.likelihoodCriterion()).as(model.toString()).isLessThanOrEqualTo(rCriterion + 0.5);
        if (model.likelihoodCriterion() < rCriterion - 2) {
            // A clearly better optimum (R stops at alpha = 0.9999 for AirPassengers' seasonal models, 55 to 95
            // units of -2 log L worse): forecasts may rightly differ; the recursion itself is pinned at R's
            // parameters above.
            return;
        }
        // Near the same optimum the likelihood is flat in directions that move long-horizon forecasts (a trend
        // traded against the level), so two optimisers' forecasts differ by up to ~11% of the series level
        // (austourists AAN at step 8) while being statistically indistinguishable: the tolerance is half of
        // R's 80% half-width, about 0.64 forecast standard errors, at every step.
        double[][] r = RReference.forecast(c.series(), "ets_" + spec.name());
        double[] mean = model.forecastMean(c.horizon());
        for (int step = 0; step < c.horizon(); step++) {
            double halfWidth = (r[step][2] - r[step][1]) / 2;
            assertThat(mean[step]).as("step %d of %s", step + 1, model)
                    .isCloseTo(r[step][0], within(0.5 * halfWidth));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void automaticEtsChoosesRsModelUnlessItFoundABetterOne(Case c) {
        Map<String, String> fit = RReference.etsFit(c.series(), "ets");
        EtsModel model = Ets.auto().select(RReference.series(c.series()), c.period());
        double rAicc = RReference.number(fit, "aicc");
        assertThat(model.aicc()).as(model.toString()).isLessThanOrEqualTo(rAicc + 0.5);
        if (model.aicc() > rAicc - 2) {
            assertThat(model.spec().name()).isEqualTo(fit.get("model"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void thetaMatchesThetaf(Case c) {
        MethodForecast java = new Theta().forecast(RReference.series(c.series()), c.period(), c.horizon(),
                P10_P50_P90);
        // SES's alpha comes from two optimisers (R's and Java's) over a nearly flat likelihood: 0.1% of the level.
        assertMatches(java, RReference.forecast(c.series(), "theta"), 1e-3, 1e-3, c.horizon());
    }

    /** Means at every step; p10 and p90 against R's 80% bounds at the first {@code intervalSteps} steps. */
    private static void assertMatches(MethodForecast java, double[][] r, double meanTolerance,
            double intervalTolerance, int intervalSteps) {
        assertThat(java.horizon()).isEqualTo(r.length);
        for (int step = 0; step < r.length; step++) {
            double scale = Math.max(1, Math.abs(r[step][0]));
            assertThat(java.mean(step)).as("mean at step %d", step + 1)
                    .isCloseTo(r[step][0], within(meanTolerance * scale));
            if (step >= intervalSteps) {
                continue;
            }
            assertThat(java.quantileAt(step, 0.1)).as("p10 at step %d", step + 1)
                    .isCloseTo(r[step][1], within(intervalTolerance * scale));
            assertThat(java.quantileAt(step, 0.9)).as("p90 at step %d", step + 1)
                    .isCloseTo(r[step][2], within(intervalTolerance * scale));
        }
    }
}
