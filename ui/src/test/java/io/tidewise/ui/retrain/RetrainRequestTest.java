package io.tidewise.ui.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.core.SeriesId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetrainRequestTest {
    private static final Instant FROM = Instant.parse("2024-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2024-02-01T00:00:00Z");

    private static RetrainRequest withHorizon(int horizon) {
        return new RetrainRequest("default", List.of(SeriesId.of("traffic/A/volume")), FROM, TO, horizon, 30, 100);
    }

    @Test
    void aHorizonOutsideOneToTheLongestIsRefusedNamingTheFieldAndTheValue() {
        assertThatThrownBy(() -> withHorizon(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("horizon must be between 1 and 512, was 0");
        assertThatThrownBy(() -> withHorizon(RetrainRequest.MAX_HORIZON + 1))
                .hasMessageContaining("horizon").hasMessageContaining("513");
        assertThat(withHorizon(1).horizon()).isEqualTo(1);
        assertThat(withHorizon(RetrainRequest.MAX_HORIZON).horizon()).isEqualTo(RetrainRequest.MAX_HORIZON);
    }
}
