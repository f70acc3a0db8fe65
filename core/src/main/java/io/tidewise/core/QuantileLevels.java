package io.tidewise.core;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The probability levels a forecast reports, strictly increasing inside (0, 1). Each level has a column name:
 * 0.1 is {@code p10}, 0.05 is {@code p5}, 0.975 is {@code p97.5}.
 */
public final class QuantileLevels {
    /** 0.1, 0.2, ..., 0.9: what every model is trained for and what forecasts report by default. */
    public static final QuantileLevels DECILES =
            new QuantileLevels(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9});

    private final double[] levels;
    /** Computed once: every stored forecast point names every level. */
    private final String[] columnNames;

    public QuantileLevels(double[] levels) {
        Validation.requireNonNull(levels, "quantiles");
        if (levels.length == 0) {
            throw new IllegalArgumentException("quantiles must hold at least one level, was empty");
        }
        for (int i = 0; i < levels.length; i++) {
            double level = levels[i];
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("quantiles[" + i + "] must lie strictly between 0 and 1, was " + level);
            }
            if (i > 0 && level <= levels[i - 1]) {
                throw new IllegalArgumentException("quantiles must be strictly increasing, but " + level
                        + " follows " + levels[i - 1]);
            }
        }
        this.levels = levels.clone();
        this.columnNames = new String[levels.length];
        for (int i = 0; i < levels.length; i++) {
            columnNames[i] = "p" + BigDecimal.valueOf(levels[i]).movePointRight(2).stripTrailingZeros().toPlainString();
        }
    }

    /** Parses a comma-separated list such as {@code 0.1,0.5,0.9}. */
    public static QuantileLevels parse(String text) {
        Validation.requireNonBlank(text, "quantiles");
        String[] parts = text.split(",");
        double[] levels = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                levels[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("quantiles[" + i + "] is not a number: '" + parts[i] + "'", e);
            }
        }
        return new QuantileLevels(levels);
    }

    public int size() {
        return levels.length;
    }

    public double level(int index) {
        return levels[index];
    }

    public double[] toArray() {
        return levels.clone();
    }

    /** Column name of the level at {@code index}: {@code p} followed by the percentage without trailing zeros. */
    public String columnName(int index) {
        return columnNames[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof QuantileLevels that && Arrays.equals(levels, that.levels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(levels);
    }

    @Override
    public String toString() {
        return Arrays.toString(levels);
    }
}
