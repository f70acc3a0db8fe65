package io.tidewise.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidewise.core.Domain;
import io.tidewise.core.Forecast;
import io.tidewise.core.ForecastStep;
import io.tidewise.core.Observation;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.store.testing.InfluxServerExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Series ids and model ids that break naive line protocol or string-spliced InfluxQL. */
class AwkwardIdentifierTest {
    @RegisterExtension
    static final InfluxServerExtension INFLUX = new InfluxServerExtension();

    private static final Instant T0 = Instant.parse("2024-01-02T00:00:00Z");
    private static InfluxStore store;

    @BeforeAll
    static void connect() throws Exception {
        store = InfluxStore.connect(INFLUX.freshSettings().build());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "with space", "double\"quote", "single'quote", "it's \"both\"", "comma,separated", "equals=sign",
        "a, b=c d", "slash/separated/id", "trailing=", "=leading", "unicode/日本語/€/Ñandú", "emoji/📈/close",
        "'; DROP DATABASE \"test_1\"; --", "\" OR 1=1 --", "$series", "semi;colon#hash", "tab-free but (parens) [and] {braces}",
        "value", "time", "select"
    })
    void everyReadAndWriteKeepsTheIdExactly(String id) throws Exception {
        SeriesId series = SeriesId.of(id);
        String model = id.replace('@', '_') + " model@v1 \"beta\"";
        Forecast forecast = new Forecast(series, QuantileLevels.DECILES, List.of(
                new ForecastStep(1, T0.plusSeconds(60), 2.5, new double[] {1, 2, 2, 2, 2.5, 3, 3, 3, 4})));
        try (InfluxWriter writer = store.openWriter()) {
            writer.write(new Observation(series, T0, 1.25, Domain.OTHER));
            writer.writeForecast(forecast, model, T0);
            writer.writeAccuracy(new AccuracyRecord(series, model, T0, 0.5, 0.25, true));
        }
        InfluxQueries queries = store.queries();
        assertThat(queries.history(series)).containsExactly(new Observation(series, T0, 1.25, Domain.OTHER));
        assertThat(queries.series()).contains(new SeriesSummary(series, Domain.OTHER, T0, 1.25));
        assertThat(queries.latestForecast(series, model).orElseThrow().forecast()).isEqualTo(forecast);
        assertThat(queries.models(series)).containsExactly(model);
        assertThat(queries.accuracy(series, T0, T0.plusSeconds(1)))
                .containsExactly(new AccuracySummary(series, model, 1, 0.5, 0.25, 1.0));
    }

    @Test
    void randomUnicodeIdsAreListedExactlyAndKeptApart() throws Exception {
        InfluxSettings settings = INFLUX.freshSettings().build();
        Random random = new Random(20240102);
        TreeSet<SeriesId> ids = new TreeSet<>();
        while (ids.size() < 40) {
            StringBuilder id = new StringBuilder();
            int length = 1 + random.nextInt(24);
            while (id.length() < length) {
                int codePoint = switch (random.nextInt(4)) {
                    case 0 -> 0x20 + random.nextInt(0x5f); // printable ASCII, including " ' , = space
                    case 1 -> 0xa0 + random.nextInt(0x2000); // Latin, Greek, Cyrillic, ...
                    case 2 -> 0x4e00 + random.nextInt(0x5000); // CJK
                    default -> 0x1f300 + random.nextInt(0x300); // emoji, outside the BMP
                };
                if (codePoint != '\\' && !Character.isISOControl(codePoint) && Character.isDefined(codePoint)) {
                    id.appendCodePoint(codePoint);
                }
            }
            String text = id.toString().strip();
            if (!text.isEmpty()) {
                ids.add(SeriesId.of(text));
            }
        }
        try (InfluxStore own = InfluxStore.connect(settings)) {
            List<Observation> observations = new ArrayList<>();
            int i = 0;
            for (SeriesId id : ids) {
                observations.add(new Observation(id, T0.plusSeconds(i), i++, Domain.OTHER));
            }
            try (InfluxWriter writer = own.openWriter()) {
                writer.writeObservations(observations);
            }
            assertThat(own.queries().series()).extracting(SeriesSummary::series).containsExactlyElementsOf(ids);
            for (Observation observation : observations) {
                assertThat(own.queries().history(observation.series())).containsExactly(observation);
            }
        }
    }

    @Test
    void aDatabaseWithAnAwkwardNameIsCreatedAndUsed() throws Exception {
        InfluxSettings settings = INFLUX.freshSettings().build();
        settings = settings.withDatabase(settings.database() + " tide \"wise\" ünï-db");
        SeriesId series = SeriesId.of("s");
        try (InfluxStore own = InfluxStore.connect(settings)) {
            try (InfluxWriter writer = own.openWriter()) {
                writer.write(new Observation(series, T0, 1, Domain.OTHER));
            }
            assertThat(own.queries().history(series)).containsExactly(new Observation(series, T0, 1, Domain.OTHER));
        }
        try (InfluxDB client = InfluxDBFactory.connect(settings.url())) {
            assertThat(client.query(new Query("SHOW DATABASES")).getResults().get(0).getSeries().get(0).getValues())
                    .contains(List.of(settings.database()));
        }
    }

    @Test
    void aBackslashIsRefusedBecauseTheLineProtocolCannotCarryItFaithfully() throws Exception {
        try (InfluxWriter writer = store.openWriter()) {
            assertThatThrownBy(() -> writer.write(new Observation(SeriesId.of("a\\ b"), T0, 1, Domain.OTHER)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("series must not contain a backslash (InfluxDB's line protocol cannot carry it"
                            + " faithfully), was 'a\\ b' (backslash at index 1)");
        }
    }
}
