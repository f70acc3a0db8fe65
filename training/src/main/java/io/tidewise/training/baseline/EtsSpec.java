package io.tidewise.training.baseline;

import java.util.List;

/**
 * One additive-error exponential smoothing model of the ETS taxonomy (Hyndman, Koehler, Ord and Snyder, 2008,
 * <i>Forecasting with Exponential Smoothing</i>, table 2.1): error always additive, trend none, additive or
 * additive damped, season none or additive. Named as R names them: {@code ANN}, {@code AAN}, {@code AAdN},
 * {@code ANA}, {@code AAA}, {@code AAdA}.
 */
public record EtsSpec(Trend trend, boolean seasonal) {

    /** The trend component. */
    public enum Trend {
        NONE("N"), ADDITIVE("A"), DAMPED("Ad");

        private final String code;

        Trend(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public static final EtsSpec ANN = new EtsSpec(Trend.NONE, false);
    public static final EtsSpec AAN = new EtsSpec(Trend.ADDITIVE, false);
    public static final EtsSpec AADN = new EtsSpec(Trend.DAMPED, false);
    public static final EtsSpec ANA = new EtsSpec(Trend.NONE, true);
    public static final EtsSpec AAA = new EtsSpec(Trend.ADDITIVE, true);
    public static final EtsSpec AADA = new EtsSpec(Trend.DAMPED, true);

    /** The six models automatic selection chooses among, non-seasonal first. */
    public static final List<EtsSpec> ALL = List.of(ANN, AAN, AADN, ANA, AAA, AADA);

    public EtsSpec {
        if (trend == null) {
            throw new IllegalArgumentException("trend is required but was null");
        }
    }

    /** Parses R's name, e.g. {@code AAdA}. */
    public static EtsSpec parse(String name) {
        for (EtsSpec spec : ALL) {
            if (spec.name().equals(name)) {
                return spec;
            }
        }
        throw new IllegalArgumentException("ETS model must be one of ANN, AAN, AAdN, ANA, AAA, AAdA, was '" + name
                + "'");
    }

    /** Whether this model has every component of {@code other}, so that {@code other} is nested in it. */
    public boolean contains(EtsSpec other) {
        return (seasonal || !other.seasonal) && trend.ordinal() >= other.trend.ordinal();
    }

    public boolean hasTrend() {
        return trend != Trend.NONE;
    }

    public boolean damped() {
        return trend == Trend.DAMPED;
    }

    /**
     * The number of values the likelihood estimates, as R counts them: smoothing parameters, phi, the initial
     * level and slope and {@code m - 1} free initial seasonal states (the last is fixed by their zero sum).
     */
    public int freeParameters(int period) {
        int count = 2; // alpha, initial level
        if (hasTrend()) {
            count += 2; // beta, initial slope
        }
        if (damped()) {
            count += 1; // phi
        }
        if (seasonal) {
            count += period; // gamma and m - 1 seasonal states
        }
        return count;
    }

    public String name() {
        return "A" + trend.code() + (seasonal ? "A" : "N");
    }

    @Override
    public String toString() {
        return name();
    }
}
