package io.tidewise.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Construction-time validation of the shared records: each error names the field and the value. */
class VocabularyRecordsTest {

    @Test
    void seriesIdRejectsBlankControlAndOverlongNames() {
        assertThat(new SeriesId("stock/AAPL/close").toString()).isEqualTo("stock/AAPL/close");
        assertThatThrownBy(() -> new SeriesId(" ")).hasMessageContaining("series must not be blank");
        assertThatThrownBy(() -> new SeriesId("a\nb")).hasMessageContaining("control characters");
        assertThatThrownBy(() -> new SeriesId(" padded")).hasMessageContaining("' padded'");
        assertThatThrownBy(() -> new SeriesId("x".repeat(300))).hasMessageContaining("was 300");
    }

    @Test
    void observationRequiresAFiniteValue() {
        SeriesId id = new SeriesId("economy/US/unrate");
        Instant ts = Instant.parse("2024-01-01T00:00:00Z");
        assertThat(new Observation(id, ts, 3.7, Domain.ECONOMY).value()).isEqualTo(3.7);
        assertThatThrownBy(() -> new Observation(id, ts, Double.NaN, Domain.ECONOMY))
                .hasMessageContaining("value must be a finite number, was NaN");
        assertThatThrownBy(() -> new Observation(id, null, 1, Domain.ECONOMY)).hasMessageContaining("ts is required");
    }

    @Test
    void domainParsesWireNamesAndListsTheChoices() {
        assertThat(Domain.parse("Stock")).isEqualTo(Domain.STOCK);
        assertThat(Domain.TRAFFIC.wireName()).isEqualTo("traffic");
        assertThatThrownBy(() -> Domain.parse("crypto"))
                .hasMessageContaining("economy, stock, traffic, energy, other").hasMessageContaining("'crypto'");
    }

    @Test
    void quantileColumnNamesFollowThePercentage() {
        QuantileLevels levels = QuantileLevels.parse("0.05,0.1,0.5,0.975");
        assertThat(List.of(levels.columnName(0), levels.columnName(1), levels.columnName(2), levels.columnName(3)))
                .containsExactly("p5", "p10", "p50", "p97.5");
        assertThat(QuantileLevels.DECILES.size()).isEqualTo(9);
        assertThatThrownBy(() -> QuantileLevels.parse("0.5,0.2")).hasMessageContaining("0.2 follows 0.5");
        assertThatThrownBy(() -> QuantileLevels.parse("0.5,1.0")).hasMessageContaining("quantiles[1]")
                .hasMessageContaining("1.0");
        assertThatThrownBy(() -> QuantileLevels.parse("0.5,x")).hasMessageContaining("'x'");
    }

    @Test
    void forecastStepsMustBeOrderedAndQuantilesMonotone() {
        SeriesId id = new SeriesId("traffic/I-94/volume");
        QuantileLevels levels = QuantileLevels.parse("0.1,0.9");
        ForecastStep one = new ForecastStep(1, null, 5, new double[] {4, 6});
        ForecastStep two = new ForecastStep(2, null, 5, new double[] {3, 7});
        assertThat(new Forecast(id, levels, List.of(one, two)).horizon()).isEqualTo(2);
        assertThatThrownBy(() -> new Forecast(id, levels, List.of(two, one)))
                .hasMessageContaining("position 0 holds step 2");
        assertThatThrownBy(() -> new ForecastStep(1, null, 5, new double[] {6, 4}))
                .hasMessageContaining("non-decreasing").hasMessageContaining("4.0 follows 6.0");
        assertThatThrownBy(() -> new Forecast(id, QuantileLevels.DECILES, List.of(one)))
                .hasMessageContaining("2 quantiles for 9 levels");
        double[] source = {1, 2};
        ForecastStep copied = new ForecastStep(1, null, 1.5, source);
        source[0] = 99;
        assertThat(copied.quantile(0)).isEqualTo(1);
        assertThat(copied).isEqualTo(new ForecastStep(1, null, 1.5, new double[] {1, 2}));
    }

    @Test
    void streamDefinitionValidatesNameHorizonAndPointers() {
        assertThatThrownBy(() -> new StreamDefinition("Bad Name", "t", StreamDefinition.RecordFormat.JSON,
                "stock/{/s}", "/ts", null, null, "/v", Domain.STOCK, Map.of(), Frequency.parse("1d"), 5, null))
                .hasMessageContaining("name").hasMessageContaining("'Bad Name'");
        assertThatThrownBy(() -> new StreamDefinition("stocks", "t", StreamDefinition.RecordFormat.JSON,
                "stock/{/s}", "/ts", null, null, "/v", Domain.STOCK, Map.of(), Frequency.parse("1d"), 0, null))
                .hasMessageContaining("horizon must be positive, was 0");
        assertThatThrownBy(() -> new StreamDefinition("stocks", "t", StreamDefinition.RecordFormat.JSON,
                "stock/{/s}", "ts", null, null, "/v", Domain.STOCK, Map.of(), Frequency.parse("1d"), 5, null))
                .hasMessageContaining("JSON pointer").hasMessageContaining("'ts'");
    }
}
