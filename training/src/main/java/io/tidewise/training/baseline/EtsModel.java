package io.tidewise.training.baseline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An additive-error ETS model fitted to one series, in the innovations state space form of Hyndman et al. (2008,
 * chapter 2) exactly as R's {@code forecast::ets} writes it (its {@code etscalc} recursion):
 *
 * <pre>
 *   forecast  f(t) = l + phi*b + s[m-1]
 *   error     e(t) = y(t) - f(t)
 *   level     l    = l + phi*b + alpha*e
 *   slope     b    = phi*b + beta*e
 *   season    s    = (s[m-1] + gamma*e, s[0], ..., s[m-2])
 * </pre>
 *
 * <p>Fitting maximises the Gaussian likelihood, i.e. minimises {@code n*log(SSE)} (R's criterion), over the
 * smoothing parameters, phi and the initial states, with Commons Math's Nelder-Mead. Starting values are R's
 * ({@code initparam}, {@code initstate}: a classical decomposition of the first three seasons and a regression
 * line through the first max(10, 2m) seasonally adjusted values). Parameters stay in R's "usual" region
 * ({@code 1e-4 <= alpha <= 0.9999}, {@code 1e-4 <= beta <= alpha}, {@code 1e-4 <= gamma <= 1-alpha},
 * {@code 0.8 <= phi <= 0.98}) and, for seasonal models, in R's admissible (forecastable) region as well
 * ({@link Admissibility}), R's default {@code bounds = "both"}. The optimiser works in logistic coordinates of the
 * bounded parameters and is restarted from its best point until it stops improving, so its optimum can differ
 * from (and is often better than) R's single run, which tends to stop at a bound; the tests bound that difference.
 *
 * <p>Forecast variances use the class 1 formulas of Hyndman et al. (2008, table 6.1):
 * {@code v(h) = sigma2 * (1 + sum_{j<h} c_j^2)} with {@code c_j = alpha + beta*(phi+...+phi^j) + gamma*[j mod m = 0]}
 * and {@code sigma2 = SSE / (n - k)}, k the free parameters excluding sigma (as R's {@code ets}).
 */
public final class EtsModel {
    private static final Logger LOG = LoggerFactory.getLogger(EtsModel.class);

    static final double LOWER_SMOOTHING = 1e-4;
    static final double UPPER_SMOOTHING = 0.9999;
    static final double LOWER_PHI = 0.8;
    static final double UPPER_PHI = 0.98;
    private static final double OUT_OF_BOUNDS = 1e20;
    private static final int EVALUATIONS_PER_RUN = 2000;
    private static final int MAX_RESTARTS = 4;

    private final EtsSpec spec;
    private final int period;
    private final EtsParameters parameters;
    private final int observations;
    private final double sse;
    private final double[] finalLevelSlope; // (level, slope) after the last observation
    private final double[] finalSeasonal; // s[0] most recent

    private EtsModel(EtsSpec spec, int period, EtsParameters parameters, double[] y) {
        this.spec = spec;
        this.period = spec.seasonal() ? period : 1;
        this.parameters = parameters;
        this.observations = y.length;
        this.finalSeasonal = spec.seasonal() ? parameters.seasonal() : new double[0];
        this.finalLevelSlope = new double[2];
        this.sse = run(spec, this.period, parameters.alpha(), parameters.beta(), parameters.gamma(),
                parameters.phi(), parameters.level(), parameters.slope(), finalSeasonal, y, finalLevelSlope);
    }

    /**
     * Evaluates a model with given parameters and initial states on {@code y} (no missing values), e.g. R's.
     */
    public static EtsModel withParameters(double[] y, EtsSpec spec, int period, EtsParameters parameters) {
        checkSeries(y, spec, period);
        if (spec.seasonal() && parameters.seasonal().length != period) {
            throw new IllegalArgumentException("parameters.seasonal must hold " + period + " states for period "
                    + period + ", had " + parameters.seasonal().length);
        }
        return new EtsModel(spec, period, parameters, y);
    }

    /**
     * Fits {@code spec} to {@code y} (no missing values) by maximum likelihood, from R's starting values.
     *
     * @throws IllegalArgumentException if the series is too short for the model: R's rule, at least
     *     {@code k + 5} values for k free parameters, and two full cycles for a seasonal model
     */
    public static EtsModel fit(double[] y, EtsSpec spec, int period) {
        return fit(y, spec, period, null);
    }

    /**
     * Fits {@code spec} as {@link #fit(double[], EtsSpec, int)} does, searching also from the optimum of a simpler
     * model already fitted to the same series (e.g. ANA's for AAA) and keeping the better result. With many
     * seasonal states (m = 24: 30 values) Nelder-Mead from R's start alone can stop far from the optimum, even
     * below the simpler model's likelihood; the second start rules that out.
     *
     * @param simpler a model fitted to {@code y} whose components {@code spec} contains, or null
     */
    public static EtsModel fit(double[] y, EtsSpec spec, int period, EtsModel simpler) {
        checkSeries(y, spec, period);
        int m = spec.seasonal() ? period : 1;
        int free = spec.freeParameters(m);
        if (y.length <= free + 4) {
            throw new IllegalArgumentException("series of " + y.length + " values is too short for ETS(" + spec
                    + ") with " + free + " free parameters; needs at least " + (free + 5));
        }
        if (spec.seasonal() && y.length < 2 * m) {
            throw new IllegalArgumentException("series of " + y.length + " values is too short for ETS(" + spec
                    + "): a seasonal model needs two full cycles of " + m + " values");
        }
        Layout layout = new Layout(spec, m);
        double[] heuristic = layout.startingPoint(y);
        List<double[]> starts = new ArrayList<>();
        starts.add(layout.toFree(heuristic));
        if (simpler != null) {
            int simplerStates = simpler.spec().seasonal() ? m : 0;
            if (!spec.contains(simpler.spec()) || simpler.observations != y.length
                    || simpler.parameters().seasonal().length != simplerStates) {
                throw new IllegalArgumentException("simpler must be a model nested in ETS(" + spec + ") fitted to the"
                        + " same " + y.length + " values, was " + simpler);
            }
            starts.add(layout.toFree(layout.warmStart(heuristic, simpler.parameters(), simpler.spec())));
        }
        // The forecastability test runs at every evaluation; most optima lie well inside the region, so search
        // without it first and again with it only when the optimum turns out to lie outside.
        double[] best = bestOf(y, layout, starts, false);
        if (spec.seasonal() && !layout.forecastable(layout.toNatural(best))) {
            LOG.debug("ETS({}) optimum outside the admissible region; searching again inside it", spec);
            List<double[]> inside = starts.stream().filter(start -> layout.forecastable(layout.toNatural(start)))
                    .toList();
            best = bestOf(y, layout, inside.isEmpty() ? starts.subList(0, 1) : inside, true);
        }
        return new EtsModel(spec, m, layout.parameters(layout.toNatural(best)), y);
    }

    /** The best point Nelder-Mead reaches from any of {@code starts}. */
    private static double[] bestOf(double[] y, Layout layout, List<double[]> starts, boolean checkForecastable) {
        double[] best = null;
        double bestValue = Double.POSITIVE_INFINITY;
        for (double[] start : starts) {
            double[][] reached = new double[1][];
            double value = minimise(y, layout, start, checkForecastable, reached);
            if (best == null || value < bestValue) {
                best = reached[0];
                bestValue = value;
            }
        }
        return best;
    }

    /**
     * Nelder-Mead from {@code start}, restarted from its best point while that improves; leaves the best point in
     * {@code reached[0]} and returns its objective value.
     */
    private static double minimise(double[] y, Layout layout, double[] start, boolean checkForecastable,
            double[][] reached) {
        EtsSpec spec = layout.spec;
        int m = layout.m;
        double[] steps = layout.simplexSteps(y);
        double[] scratchState = new double[2];
        double[] scratchSeasonal = new double[m];
        TrackedObjective objective = new TrackedObjective(coordinates -> {
            double[] point = layout.toNatural(coordinates);
            if (!layout.withinUsualBounds(point) || (checkForecastable && !layout.forecastable(point))) {
                return OUT_OF_BOUNDS;
            }
            layout.seasonalStates(point, scratchSeasonal);
            double sumOfSquares = run(spec, m, point[0], layout.beta(point), layout.gamma(point), layout.phi(point),
                    layout.level(point), layout.slope(point), scratchSeasonal, y, scratchState);
            if (!Double.isFinite(sumOfSquares)) {
                return OUT_OF_BOUNDS;
            }
            return y.length * Math.log(Math.max(sumOfSquares, Double.MIN_NORMAL));
        });
        double[] best = start;
        double bestValue = objective.value(start);
        for (int attempt = 0; attempt < MAX_RESTARTS; attempt++) {
            SimplexOptimizer optimizer = new SimplexOptimizer(1e-10, 1e-12);
            try {
                optimizer.optimize(new MaxEval(EVALUATIONS_PER_RUN), new ObjectiveFunction(objective),
                        GoalType.MINIMIZE, new InitialGuess(best), new NelderMeadSimplex(steps));
            } catch (TooManyEvaluationsException e) {
                // The tracked best point is still the best found; the next restart continues from it.
                LOG.debug("ETS({}) Nelder-Mead run {} used its {} evaluations", spec, attempt, EVALUATIONS_PER_RUN);
            }
            boolean improved = objective.bestValue() < bestValue - 1e-7 * Math.abs(bestValue);
            best = objective.bestPoint();
            bestValue = objective.bestValue();
            if (!improved) {
                break;
            }
            for (int i = 0; i < steps.length; i++) {
                steps[i] *= 0.5;
            }
        }
        reached[0] = best;
        return bestValue;
    }

    private static void checkSeries(double[] y, EtsSpec spec, int period) {
        if (spec == null) {
            throw new IllegalArgumentException("spec is required but was null");
        }
        if (period <= 0) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
        if (spec.seasonal() && period < 2) {
            throw new IllegalArgumentException("seasonal ETS(" + spec + ") needs a period of at least 2, was " + period);
        }
        for (int t = 0; t < y.length; t++) {
            if (!Double.isFinite(y[t])) {
                throw new IllegalArgumentException("y[" + t + "] must be finite (interpolate first), was " + y[t]);
            }
        }
    }

    /**
     * Runs the recursion over {@code y}; returns the sum of squared one-step errors and leaves the final level and
     * slope in {@code levelSlope} and the final seasonal states in {@code seasonal} (updated in place).
     */
    private static double run(EtsSpec spec, int m, double alpha, double beta, double gamma, double phi,
            double level, double slope, double[] seasonal, double[] y, double[] levelSlope) {
        boolean trend = spec.hasTrend();
        boolean season = spec.seasonal();
        double l = level;
        double b = trend ? slope : 0;
        // The seasonal states as a ring: ring[oldest] is s[m-1], the state the next observation uses, and the new
        // state overwrites it, which saves shifting m values at every step.
        double[] ring = season ? new double[m] : null;
        if (season) {
            for (int k = 0; k < m; k++) {
                ring[k] = seasonal[m - 1 - k];
            }
        }
        int oldest = 0;
        double sumOfSquares = 0;
        for (double value : y) {
            double dampedSlope = trend ? phi * b : 0;
            double seasonalTerm = season ? ring[oldest] : 0;
            double error = value - (l + dampedSlope + seasonalTerm);
            sumOfSquares += error * error;
            l = l + dampedSlope + alpha * error;
            if (trend) {
                b = dampedSlope + beta * error;
            }
            if (season) {
                ring[oldest] = seasonalTerm + gamma * error;
                oldest = oldest + 1 == m ? 0 : oldest + 1;
            }
        }
        if (season) {
            for (int k = 0; k < m; k++) {
                seasonal[m - 1 - k] = ring[(oldest + k) % m];
            }
        }
        levelSlope[0] = l;
        levelSlope[1] = b;
        return sumOfSquares;
    }

    public EtsSpec spec() {
        return spec;
    }

    public EtsParameters parameters() {
        return parameters;
    }

    /** The sum of squared one-step-ahead in-sample errors. */
    public double sse() {
        return sse;
    }

    /** The number of values the model was fitted on. */
    public int observations() {
        return observations;
    }

    /** k: the free parameters, sigma included, as R counts them for its information criteria. */
    public int informationParameters() {
        return spec.freeParameters(period) + 1;
    }

    /** R's likelihood criterion {@code n*log(SSE)}, equal to -2 log-likelihood up to a constant in n. */
    public double likelihoodCriterion() {
        return observations * Math.log(Math.max(sse, Double.MIN_NORMAL));
    }

    /** R's AIC: {@code n*log(SSE) + 2k}. */
    public double aic() {
        return likelihoodCriterion() + 2.0 * informationParameters();
    }

    /** R's AICc: AIC plus {@code 2k(k+1)/(n-k-1)}; infinite when {@code n <= k + 1}. */
    public double aicc() {
        int k = informationParameters();
        int denominator = observations - k - 1;
        return denominator <= 0 ? Double.POSITIVE_INFINITY : aic() + 2.0 * k * (k + 1) / denominator;
    }

    /**
     * The innovation variance as R estimates it, {@code SSE / (n - k)} with k the free parameters without sigma
     * itself, or {@code SSE / n} when {@code n <= k}.
     */
    public double sigma2() {
        int k = spec.freeParameters(period);
        return sse / (observations > k ? observations - k : observations);
    }

    /** Point forecasts for steps 1..horizon (index 0 is one step ahead). */
    public double[] forecastMean(int horizon) {
        double[] mean = new double[horizon];
        double phiSum = 0;
        double phiPower = 1;
        for (int h = 1; h <= horizon; h++) {
            phiPower *= spec.damped() ? parameters.phi() : 1;
            phiSum += phiPower;
            double value = finalLevelSlope[0];
            if (spec.hasTrend()) {
                value += phiSum * finalLevelSlope[1];
            }
            if (spec.seasonal()) {
                value += finalSeasonal[period - 1 - (h - 1) % period];
            }
            mean[h - 1] = value;
        }
        return mean;
    }

    /** Forecast standard errors for steps 1..horizon from the class 1 variance formula. */
    public double[] forecastStandardError(int horizon) {
        double[] standardError = new double[horizon];
        double sigma2 = sigma2();
        double cumulative = 1;
        double phiSum = 0;
        double phiPower = 1;
        for (int h = 1; h <= horizon; h++) {
            standardError[h - 1] = Math.sqrt(sigma2 * cumulative);
            int j = h; // c_j for the next step
            phiPower *= spec.damped() ? parameters.phi() : 1;
            phiSum += phiPower;
            double c = parameters.alpha();
            if (spec.hasTrend()) {
                c += parameters.beta() * phiSum;
            }
            if (spec.seasonal() && j % period == 0) {
                c += parameters.gamma();
            }
            cumulative += c * c;
        }
        return standardError;
    }

    @Override
    public String toString() {
        return "EtsModel[" + spec + ", n=" + observations + ", aicc=" + aicc() + ", " + parameters + "]";
    }

    /** Where each estimated value sits in the optimiser's vector: alpha, beta?, gamma?, phi?, l, b?, s0..s(m-2). */
    private static final class Layout {
        private final EtsSpec spec;
        private final int m;
        private final int betaIndex;
        private final int gammaIndex;
        private final int phiIndex;
        private final int levelIndex;
        private final int slopeIndex;
        private final int seasonalIndex;
        private final int size;

        Layout(EtsSpec spec, int m) {
            this.spec = spec;
            this.m = m;
            int next = 1;
            betaIndex = spec.hasTrend() ? next++ : -1;
            gammaIndex = spec.seasonal() ? next++ : -1;
            phiIndex = spec.damped() ? next++ : -1;
            levelIndex = next++;
            slopeIndex = spec.hasTrend() ? next++ : -1;
            seasonalIndex = next;
            size = next + (spec.seasonal() ? m - 1 : 0);
        }

        double beta(double[] point) {
            return betaIndex < 0 ? 0 : point[betaIndex];
        }

        double gamma(double[] point) {
            return gammaIndex < 0 ? 0 : point[gammaIndex];
        }

        double phi(double[] point) {
            return phiIndex < 0 ? 1 : point[phiIndex];
        }

        double level(double[] point) {
            return point[levelIndex];
        }

        double slope(double[] point) {
            return slopeIndex < 0 ? 0 : point[slopeIndex];
        }

        /** The m seasonal states, the last fixed so that they sum to zero (R's normalisation). */
        void seasonalStates(double[] point, double[] into) {
            if (!spec.seasonal()) {
                return;
            }
            double sum = 0;
            for (int i = 0; i < m - 1; i++) {
                into[i] = point[seasonalIndex + i];
                sum += into[i];
            }
            into[m - 1] = -sum;
        }

        /** R's "usual" region: the smoothing parameters and phi within their bounds. */
        boolean withinUsualBounds(double[] point) {
            double alpha = point[0];
            if (!(alpha >= LOWER_SMOOTHING && alpha <= UPPER_SMOOTHING)) {
                return false;
            }
            if (betaIndex >= 0 && !(point[betaIndex] >= LOWER_SMOOTHING && point[betaIndex] <= alpha)) {
                return false;
            }
            if (gammaIndex >= 0 && !(point[gammaIndex] >= LOWER_SMOOTHING && point[gammaIndex] <= 1 - alpha)) {
                return false;
            }
            return phiIndex < 0 || (point[phiIndex] >= LOWER_PHI && point[phiIndex] <= UPPER_PHI);
        }

        /** R's admissible region, which only seasonal models can leave within the usual bounds. */
        boolean forecastable(double[] point) {
            return !spec.seasonal()
                    || Admissibility.seasonalForecastable(point[0], beta(point), gamma(point), phi(point), m);
        }

        /** R's {@code initparam} and {@code initstate}. */
        double[] startingPoint(double[] y) {
            double[] point = new double[size];
            double alpha = LOWER_SMOOTHING + 0.2 * (UPPER_SMOOTHING - LOWER_SMOOTHING) / m;
            point[0] = alpha;
            if (betaIndex >= 0) {
                point[betaIndex] = LOWER_SMOOTHING + 0.1 * (Math.min(UPPER_SMOOTHING, alpha) - LOWER_SMOOTHING);
            }
            if (gammaIndex >= 0) {
                point[gammaIndex] = LOWER_SMOOTHING + 0.05 * (Math.min(UPPER_SMOOTHING, 1 - alpha) - LOWER_SMOOTHING);
            }
            if (phiIndex >= 0) {
                point[phiIndex] = LOWER_PHI + 0.99 * (UPPER_PHI - LOWER_PHI);
            }
            double[] adjusted = y;
            if (spec.seasonal()) {
                // R decomposes the first three seasons (all of the series when shorter; R fits Fourier terms then).
                double[] head = Arrays.copyOf(y, Math.min(3 * m, y.length));
                double[] figure = ClassicalDecomposition.seasonalFigure(head, m, false);
                for (int i = 0; i < m - 1; i++) {
                    point[seasonalIndex + i] = figure[m - 1 - i]; // R: rev(figure[2:m])
                }
                adjusted = new double[head.length];
                for (int t = 0; t < head.length; t++) {
                    adjusted[t] = head[t] - figure[t % m];
                }
            }
            int count = Math.min(Math.max(10, 2 * m), adjusted.length);
            if (spec.hasTrend()) {
                // Least-squares line through (1, y1), ..., (count, y_count): intercept at t = 0 and slope.
                double meanT = (count + 1) / 2.0;
                double meanY = 0;
                for (int t = 0; t < count; t++) {
                    meanY += adjusted[t] / count;
                }
                double covariance = 0;
                double variance = 0;
                for (int t = 0; t < count; t++) {
                    covariance += (t + 1 - meanT) * (adjusted[t] - meanY);
                    variance += (t + 1 - meanT) * (t + 1 - meanT);
                }
                double slope = covariance / variance;
                point[levelIndex] = meanY - slope * meanT;
                point[slopeIndex] = slope;
            } else {
                double sum = 0;
                for (int t = 0; t < count; t++) {
                    sum += adjusted[t];
                }
                point[levelIndex] = sum / count;
            }
            return point;
        }

        /**
         * Initial simplex edges in the optimiser's coordinates: one logit unit for the bounded parameters, a
         * fraction of the series' spread for the states.
         */
        double[] simplexSteps(double[] y) {
            double spread = standardDeviation(y);
            if (spread == 0) {
                spread = Math.max(1e-8, Math.abs(y[0]) * 1e-3);
            }
            double[] steps = new double[size];
            steps[0] = 1;
            if (betaIndex >= 0) {
                steps[betaIndex] = 1;
            }
            if (gammaIndex >= 0) {
                steps[gammaIndex] = 1;
            }
            if (phiIndex >= 0) {
                steps[phiIndex] = -1; // phi starts near its upper bound: step inward
            }
            steps[levelIndex] = 0.2 * spread;
            if (slopeIndex >= 0) {
                steps[slopeIndex] = 0.05 * spread;
            }
            for (int i = seasonalIndex; i < size; i++) {
                steps[i] = 0.1 * spread;
            }
            return steps;
        }

        /**
         * A starting point at a simpler model's optimum: its parameters and states where it has them, a slope of 0
         * with a small beta where it has no trend, phi just below its bound where it is not damped, and the
         * heuristic seasonal states with a small gamma where it has no season. Values sit strictly inside the
         * bounds, where the logistic coordinates are finite.
         */
        double[] warmStart(double[] heuristic, EtsParameters simpler, EtsSpec simplerSpec) {
            double[] point = heuristic.clone();
            double alpha = Math.min(UPPER_SMOOTHING - 1e-6, Math.max(LOWER_SMOOTHING + 1e-6, simpler.alpha()));
            point[0] = alpha;
            if (betaIndex >= 0) {
                double beta = simplerSpec.hasTrend() ? simpler.beta()
                        : LOWER_SMOOTHING + 0.01 * (alpha - LOWER_SMOOTHING);
                point[betaIndex] = Math.min(alpha - 1e-9, Math.max(LOWER_SMOOTHING + 1e-9, beta));
            }
            if (gammaIndex >= 0) {
                double upper = Math.min(UPPER_SMOOTHING, 1 - alpha);
                double gamma = simplerSpec.seasonal() ? simpler.gamma()
                        : LOWER_SMOOTHING + 0.05 * (upper - LOWER_SMOOTHING);
                point[gammaIndex] = Math.min(upper - 1e-9, Math.max(LOWER_SMOOTHING + 1e-9, gamma));
            }
            if (phiIndex >= 0) {
                double phi = simplerSpec.damped() ? simpler.phi() : UPPER_PHI - 1e-3;
                point[phiIndex] = Math.min(UPPER_PHI - 1e-9, Math.max(LOWER_PHI + 1e-9, phi));
            }
            point[levelIndex] = simpler.level();
            if (slopeIndex >= 0) {
                point[slopeIndex] = simplerSpec.hasTrend() ? simpler.slope() : 0;
            }
            if (spec.seasonal() && simplerSpec.seasonal()) {
                for (int i = 0; i < m - 1; i++) {
                    point[seasonalIndex + i] = simpler.seasonalUnsafe(i);
                }
            }
            return point;
        }

        /**
         * Maps the optimiser's unconstrained coordinates to parameters inside R's "usual" region: each bounded
         * parameter is a logistic function of its coordinate between its bounds (beta's upper bound is alpha,
         * gamma's is 1 - alpha). Nelder-Mead then never meets a penalty wall, which in R's own runs often stops
         * the search at a bound (alpha = 0.9999 on AirPassengers).
         */
        double[] toNatural(double[] free) {
            double[] point = free.clone();
            double alpha = between(LOWER_SMOOTHING, UPPER_SMOOTHING, free[0]);
            point[0] = alpha;
            if (betaIndex >= 0) {
                point[betaIndex] = between(LOWER_SMOOTHING, alpha, free[betaIndex]);
            }
            if (gammaIndex >= 0) {
                point[gammaIndex] = between(LOWER_SMOOTHING, Math.min(UPPER_SMOOTHING, 1 - alpha), free[gammaIndex]);
            }
            if (phiIndex >= 0) {
                point[phiIndex] = between(LOWER_PHI, UPPER_PHI, free[phiIndex]);
            }
            return point;
        }

        /** The inverse of {@link #toNatural}. */
        double[] toFree(double[] point) {
            double[] free = point.clone();
            double alpha = point[0];
            free[0] = coordinate(LOWER_SMOOTHING, UPPER_SMOOTHING, alpha);
            if (betaIndex >= 0) {
                free[betaIndex] = coordinate(LOWER_SMOOTHING, alpha, point[betaIndex]);
            }
            if (gammaIndex >= 0) {
                free[gammaIndex] = coordinate(LOWER_SMOOTHING, Math.min(UPPER_SMOOTHING, 1 - alpha),
                        point[gammaIndex]);
            }
            if (phiIndex >= 0) {
                free[phiIndex] = coordinate(LOWER_PHI, UPPER_PHI, point[phiIndex]);
            }
            return free;
        }

        private static double between(double lower, double upper, double coordinate) {
            return lower + (upper - lower) / (1 + Math.exp(-coordinate));
        }

        private static double coordinate(double lower, double upper, double value) {
            double share = Math.min(1 - 1e-9, Math.max(1e-9, (value - lower) / (upper - lower)));
            return Math.log(share / (1 - share));
        }

        EtsParameters parameters(double[] point) {
            double[] seasonal = new double[spec.seasonal() ? m : 0];
            seasonalStates(point, seasonal);
            return new EtsParameters(point[0], beta(point), gamma(point), phi(point), level(point), slope(point),
                    seasonal);
        }
    }

    static double standardDeviation(double[] y) {
        double mean = 0;
        for (double value : y) {
            mean += value / y.length;
        }
        double sum = 0;
        for (double value : y) {
            sum += (value - mean) * (value - mean);
        }
        return y.length > 1 ? Math.sqrt(sum / (y.length - 1)) : 0;
    }

    /** Remembers the best point the optimiser has evaluated, which survives an exhausted evaluation budget. */
    private static final class TrackedObjective implements MultivariateFunction {
        private final MultivariateFunction function;
        private double bestValue = Double.POSITIVE_INFINITY;
        private double[] bestPoint;

        TrackedObjective(MultivariateFunction function) {
            this.function = function;
        }

        @Override
        public double value(double[] point) {
            double value = function.value(point);
            if (value < bestValue) {
                bestValue = value;
                bestPoint = point.clone();
            }
            return value;
        }

        double bestValue() {
            return bestValue;
        }

        double[] bestPoint() {
            return bestPoint.clone();
        }
    }
}
