package io.tidewise.training.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RollingOriginTest {

    @Test
    void windowsCountBackFromTheEndByTheStride() {
        RollingOrigin origins = RollingOrigin.builder().setHorizon(3).optStride(2).optWindows(3).build();
        List<RollingOrigin.Window> windows = origins.windowsFor(20);
        assertThat(windows).extracting(RollingOrigin.Window::origin).containsExactly(13, 15, 17);
        assertThat(windows).allSatisfy(window -> assertThat(window.contextStart()).isZero());
        assertThat(windows.get(2).origin() + windows.get(2).horizon()).isEqualTo(20);
    }

    @Test
    void strideDefaultsToTheHorizon() {
        RollingOrigin origins = RollingOrigin.builder().setHorizon(4).optWindows(2).build();
        assertThat(origins.windowsFor(10)).extracting(RollingOrigin.Window::origin).containsExactly(2, 6);
    }

    @Test
    void originsWithTooLittleContextAreDropped() {
        RollingOrigin origins = RollingOrigin.builder().setHorizon(4).optWindows(5).optMinContext(5).build();
        assertThat(origins.windowsFor(14)).extracting(RollingOrigin.Window::origin).containsExactly(6, 10);
        assertThat(origins.windowsFor(8)).isEmpty();
    }

    @Test
    void maxContextCutsOldValues() {
        RollingOrigin origins = RollingOrigin.builder().setHorizon(2).optMaxContext(5).build();
        RollingOrigin.Window window = origins.windowsFor(12).get(0);
        double[] series = new double[12];
        for (int t = 0; t < series.length; t++) {
            series[t] = t;
        }
        assertThat(window.context(series)).containsExactly(5, 6, 7, 8, 9);
        assertThat(window.actual(series)).containsExactly(10, 11);
    }

    @Test
    void buildRejectsInvalidSettingsNamingThem() {
        assertThatThrownBy(() -> RollingOrigin.builder().setHorizon(0).build())
                .hasMessage("horizon must be positive, was 0");
        assertThatThrownBy(() -> RollingOrigin.builder().setHorizon(1).optWindows(0).build())
                .hasMessage("windows must be positive, was 0");
        assertThatThrownBy(() -> RollingOrigin.builder().setHorizon(1).optMinContext(10).optMaxContext(5).build())
                .hasMessageContaining("maxContext");
    }
}
