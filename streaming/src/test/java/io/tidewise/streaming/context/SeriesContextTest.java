package io.tidewise.streaming.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SeriesContextTest {

    /** The state bound: whatever a series sends, its context never holds more than the capacity. */
    @Property(tries = 200)
    void neverHoldsMoreThanItsCapacityAndKeepsTheNewestValuesInOrder(
            @ForAll @Size(max = 300) List<@DoubleRange(min = -1e6, max = 1e6) Double> values,
            @ForAll @IntRange(min = 1, max = 64) int capacity) {
        SeriesContext context = SeriesContext.empty();
        for (int i = 0; i < values.size(); i++) {
            context = context.append(values.get(i), i, capacity);
            assertThat(context.size()).isLessThanOrEqualTo(capacity);
        }
        double[] expected = values.subList(Math.max(0, values.size() - capacity), values.size()).stream()
                .mapToDouble(Double::doubleValue).toArray();
        assertThat(context.values()).containsExactly(expected);
    }

    @Property(tries = 100)
    void countsOnlyObservedStepsTowardTheNextForecast(@ForAll @Size(max = 100) List<Boolean> observed) {
        SeriesContext context = SeriesContext.empty();
        for (boolean present : observed) {
            context = context.append(present ? 1.0 : Double.NaN, 0, 16);
        }
        assertThat(context.observedSinceForecast()).isEqualTo((int) observed.stream().filter(b -> b).count());
        assertThat(context.forecastRequested().observedSinceForecast()).isZero();
        assertThat(Arrays.stream(context.values()).filter(Double::isNaN).count())
                .isLessThanOrEqualTo(observed.stream().filter(b -> !b).count());
    }
}
