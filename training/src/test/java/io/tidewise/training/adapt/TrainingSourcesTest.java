package io.tidewise.training.adapt;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.training.adapt.SeriesCorpus.TrainingSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSourcesTest {
    @TempDir
    Path data;

    @Test
    void everyLongCsvIsReadWithoutItsHeldOutTailAndKeptOutFilesNever() throws IOException {
        StringBuilder monthly = new StringBuilder("series_id,timestamp,value\n");
        for (int i = 0; i < 100; i++) {
            monthly.append("m1,").append(LocalDate.of(2000, 1, 1).plusMonths(i)).append(',').append(i).append('\n');
        }
        StringBuilder hourly = new StringBuilder("series_id,timestamp,value\n");
        for (int i = 0; i < 400; i++) {
            hourly.append("\"h,1\",2020-01-01 ").append(String.format("%02d", i % 24)).append(":00:00,")
                    .append(i % 7 == 0 ? "" : Integer.toString(i)).append('\n');
        }
        StringBuilder decimal = new StringBuilder("series_id,timestamp,value\n");
        for (int i = 0; i < 40; i++) {
            decimal.append("q,").append(1990 + i * 0.25).append(',').append(i).append('\n');
        }
        Files.writeString(data.resolve("monthly.csv"), monthly);
        Files.writeString(data.resolve("hourly.csv"), hourly);
        Files.writeString(data.resolve("decimal.csv"), decimal);
        Files.writeString(data.resolve("monthly_index.csv"), "series_id,dataset,title\nm1,x,y\n");
        String keptOut = TrainingSources.KEPT_OUT.iterator().next();
        Files.writeString(data.resolve(keptOut), monthly.toString().replace("m1,", "secret,"));

        Map<String, double[]> read = TrainingSources.read(data).stream()
                .collect(Collectors.toMap(TrainingSeries::name, TrainingSeries::values));

        assertThat(read).containsOnlyKeys("monthly/m1", "hourly/h,1", "decimal/q");
        assertThat(read.get("monthly/m1")).hasSize(100 - 24).startsWith(0, 1, 2);
        assertThat(read.get("hourly/h,1")).hasSize(400 - 7 * 24);
        assertThat(read.get("hourly/h,1")[0]).isNaN(); // an empty value is missing
        assertThat(read.get("decimal/q")).hasSize(40 - 8); // R decimal quarters: quarterly rule
    }

    @Test
    void theHeldOutTailFollowsTheCadence() {
        assertThat(TrainingSources.heldOutValues(TrainingSources.Cadence.YEARLY, 0, 30)).isEqualTo(6);
        assertThat(TrainingSources.heldOutValues(TrainingSources.Cadence.SUB_DAILY, 288, 5000)).isEqualTo(7 * 288);
        assertThat(TrainingSources.heldOutValues(TrainingSources.Cadence.SUB_DAILY, 24, 5000)).isEqualTo(7 * 24);
        assertThat(TrainingSources.heldOutValues(TrainingSources.Cadence.UNKNOWN, 0, 300)).isEqualTo(30);
        assertThat(TrainingSources.medianGapDays(List.of("2020-01-01", "2020-01-08", "2020-01-15"))).isEqualTo(7);
    }
}
