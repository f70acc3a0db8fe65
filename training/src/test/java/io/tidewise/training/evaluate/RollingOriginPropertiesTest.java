package io.tidewise.training.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Properties of rolling-origin windows, in their own class so that surefire reports both engines' counts. */
class RollingOriginPropertiesTest {

    @Property(tries = 300)
    void noWindowSeesItsOwnFuture(@ForAll @IntRange(min = 1, max = 300) int length,
            @ForAll @IntRange(min = 1, max = 30) int horizon, @ForAll @IntRange(min = 1, max = 20) int stride,
            @ForAll @IntRange(min = 1, max = 12) int count, @ForAll @IntRange(min = 1, max = 50) int minContext,
            @ForAll @IntRange(min = 50, max = 400) int maxContext) {
        RollingOrigin origins = RollingOrigin.builder().setHorizon(horizon).optStride(stride).optWindows(count)
                .optMinContext(minContext).optMaxContext(maxContext).build();
        List<RollingOrigin.Window> windows = origins.windowsFor(length);
        assertThat(windows.size()).isLessThanOrEqualTo(count);
        int previousOrigin = -1;
        for (RollingOrigin.Window window : windows) {
            assertThat(window.origin()).isGreaterThan(previousOrigin);
            assertThat(window.origin() - window.contextStart()).isBetween(minContext, maxContext);
            assertThat(window.origin() + horizon).isLessThanOrEqualTo(length);
            if (previousOrigin >= 0) {
                assertThat(window.origin() - previousOrigin).isEqualTo(stride);
            }
            previousOrigin = window.origin();
        }
        if (!windows.isEmpty()) {
            assertThat(previousOrigin + horizon).isEqualTo(length);
        }
    }
}
