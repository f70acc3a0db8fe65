package io.tidewise.store.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class InfluxServerExtensionTest {
    @Test
    void withoutInfluxdOnThePathTheFixtureFailsAndSaysHowToInstallIt() {
        InfluxServerExtension extension = new InfluxServerExtension(Optional::empty, false);
        assertThatThrownBy(() -> extension.beforeAll(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("influxd is not on the PATH")
                .hasMessageContaining("apt-get install influxdb");
    }
}
