package io.tidewise.cli.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tidewise.cli.CommandRun;
import io.tidewise.cli.ExitCodes;
import io.tidewise.cli.Home;
import io.tidewise.cli.TinyCheckpoint;
import io.tidewise.core.Forecast;
import io.tidewise.core.QuantileLevels;
import io.tidewise.core.SeriesId;
import io.tidewise.core.csv.CsvReader;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.ModelRegistry;
import io.tidewise.model.forecast.ForecastRequest;
import io.tidewise.model.forecast.GptForecaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forecast} in-process with a real (tiny, randomly initialised) checkpoint, as a user runs it. */
class ForecastCommandEndToEndTest {
    private static final int HORIZON = 5;

    @TempDir
    static Path shared;

    static Path checkpoint;

    @TempDir
    Path dir;

    @BeforeAll
    static void createCheckpoint() throws IOException {
        checkpoint = TinyCheckpoint.create(shared.resolve("tiny"));
    }

    /** Three good series of three time kinds and one bad series, rows shuffled. */
    private static List<String> multiSeriesRows() {
        List<String> rows = new ArrayList<>();
        for (int day = 0; day < 40; day++) {
            String value = day == 7 ? "" : Double.toString(100 + 10 * Math.sin(day / 3.0));
            rows.add("\"stock/ACME,Inc\"," + LocalDate.parse("2024-01-01").plusDays(day) + "," + value);
        }
        for (int hour = 0; hour < 48; hour++) {
            rows.add("traffic/I-94," + Instant.parse("2024-03-01T00:00:00Z").plusSeconds(3600L * hour) + ","
                    + (1000 + hour % 24 * 50));
        }
        for (int step = 1; step <= 30; step++) {
            rows.add("steps/only," + step + "," + (step % 5));
        }
        for (int step = 1; step <= 10; step++) {
            rows.add("bad/series," + step + "," + (step == 6 ? "oops" : Integer.toString(step)));
        }
        Collections.shuffle(rows, new Random(7));
        return rows;
    }

    @Test
    void forecastsTheGoodSeriesReportsTheBadOneAndExitsWithOne() throws IOException {
        List<String> rows = multiSeriesRows();
        int badLine = rows.indexOf("bad/series,6,oops") + 2; // 1-based, after the header
        Path input = dir.resolve("in.csv");
        Files.writeString(input, "series_id,timestamp,value\n" + String.join("\n", rows) + "\n");
        Path output = dir.resolve("out/forecast.csv");

        CommandRun run = CommandRun.of("forecast", "--model", checkpoint.toString(), "--input", input.toString(),
                "--horizon", Integer.toString(HORIZON), "--output", output.toString(), "--seed", "3");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.SOME_SERIES_FAILED);
        assertThat(run.err()).contains("rejected series 'bad/series': " + input + ":" + badLine
                + ": value of series 'bad/series' is not a number (leave the field empty for a missing value),"
                + " was 'oops'");
        assertThat(run.out()).contains("Wrote 15 rows (3 series x 5 steps) to " + output);

        List<List<String>> lines = readCsv(output);
        assertThat(String.join(",", lines.get(0)))
                .isEqualTo("series_id,step,timestamp,mean,p10,p20,p30,p40,p50,p60,p70,p80,p90");
        assertThat(lines).hasSize(1 + 3 * HORIZON);
        List<String> firstAppearance = rows.stream().map(row -> row.startsWith("\"") ? "stock/ACME,Inc"
                : row.substring(0, row.indexOf(','))).filter(id -> !id.equals("bad/series")).distinct().toList();
        List<String[]> records = lines.subList(1, lines.size()).stream().map(r -> r.toArray(String[]::new)).toList();
        for (int s = 0; s < 3; s++) {
            for (int step = 1; step <= HORIZON; step++) {
                String[] record = records.get(s * HORIZON + step - 1);
                assertThat(record[0]).isEqualTo(firstAppearance.get(s));
                assertThat(record[1]).isEqualTo(Integer.toString(step));
                assertThat(record[2]).isEqualTo(switch (record[0]) {
                    case "stock/ACME,Inc" -> LocalDate.parse("2024-02-09").plusDays(step).toString();
                    case "traffic/I-94" -> Instant.parse("2024-03-02T23:00:00Z").plusSeconds(3600L * step).toString();
                    default -> "";
                });
                double[] quantiles = Arrays.stream(record, 4, 13).mapToDouble(Double::parseDouble).toArray();
                assertThat(Arrays.stream(quantiles).allMatch(Double::isFinite)).as(String.join(",", record)).isTrue();
                for (int q = 1; q < quantiles.length; q++) {
                    assertThat(quantiles[q]).as("p%d of %s step %d", 10 * (q + 1), record[0], step)
                            .isGreaterThanOrEqualTo(quantiles[q - 1]);
                }
                assertThat(Double.parseDouble(record[3])).isFinite();
            }
        }
    }

    @Test
    void requestedQuantilesNameTheColumnsAndAGoodInputExitsWithZero() throws IOException {
        Path input = dir.resolve("in.csv");
        Files.writeString(input, "series_id,timestamp,value\na,1,1\na,2,3\na,3,2\n");
        Path output = dir.resolve("out.csv");

        CommandRun run = CommandRun.of("forecast", "--model", checkpoint.toString(), "--input", input.toString(),
                "--horizon", "2", "--quantiles", "0.05,0.5,0.975", "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = Files.readAllLines(output);
        assertThat(lines.get(0)).isEqualTo("series_id,step,timestamp,mean,p5,p50,p97.5");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("a,1,,");
    }

    @Test
    void manySeriesDrawAProgressBarOnStderr() throws IOException {
        StringBuilder text = new StringBuilder("series_id,timestamp,value\n");
        for (int series = 0; series < ForecastJob.PROGRESS_THRESHOLD + 20; series++) {
            for (int step = 0; step < 20; step++) {
                text.append("s").append(series).append(',').append(step).append(',').append(series + step % 4)
                        .append('\n');
            }
        }
        Path input = Files.writeString(dir.resolve("many.csv"), text);
        Path output = dir.resolve("many-out.csv");

        CommandRun run = CommandRun.of("forecast", "--model", checkpoint.toString(), "--input", input.toString(),
                "--horizon", "3", "--output", output.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).contains("Forecasting").contains("120/120").contains("series/s");
        assertThat(Files.readAllLines(output)).hasSize(1 + 120 * 3);
    }

    @Test
    void withoutModelThePromotedDefaultOfTheRegistryUnderTheHomeIsUsed() throws IOException {
        Path home = dir.resolve("home");
        Path version = Files.createDirectories(home.resolve("models/default/3"));
        try (var files = Files.list(checkpoint)) {
            for (Path file : files.toList()) {
                Files.copy(file, version.resolve(file.getFileName()));
            }
        }
        Path input = Files.writeString(dir.resolve("in.csv"), "series_id,timestamp,value\na,1,1\na,2,2\n");
        String previous = System.getProperty(Home.PROPERTY);
        System.setProperty(Home.PROPERTY, home.toString());
        try {
            CommandRun notPromoted = CommandRun.of("forecast", "--input", input.toString(), "--horizon", "2",
                    "--output", dir.resolve("out.csv").toString());
            assertThat(notPromoted.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(notPromoted.err()).contains("the default model cannot be used: model default has no promoted"
                    + " version");

            new ModelRegistry(home.resolve("models")).promote("default", "3");
            CommandRun run = CommandRun.of("forecast", "--input", input.toString(), "--horizon", "2", "--output",
                    dir.resolve("out.csv").toString());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(Files.readAllLines(dir.resolve("out.csv"))).hasSize(3);
        } finally {
            if (previous == null) {
                System.clearProperty(Home.PROPERTY);
            } else {
                System.setProperty(Home.PROPERTY, previous);
            }
        }
    }

    @Test
    void adaptStepsFineTunesACopyRepeatablyAndLeavesTheModelOnDiskAsItWas() throws IOException {
        StringBuilder csv = new StringBuilder("series_id,timestamp,value\n");
        for (int s = 0; s < 3; s++) {
            for (int hour = 0; hour < 120; hour++) {
                csv.append("load/").append(s).append(',').append(Instant.parse("2024-03-01T00:00:00Z")
                        .plusSeconds(3600L * hour)).append(',').append(500 + 100 * s + 80 * Math.sin(hour / 24.0 * 6.28))
                        .append('\n');
            }
        }
        Path input = dir.resolve("hourly.csv");
        Files.writeString(input, csv);
        byte[] parametersBefore = Files.readAllBytes(checkpoint.resolve("parameters.params"));

        CommandRun plain = CommandRun.of("forecast", "--model", checkpoint.toString(), "--input", input.toString(),
                "--horizon", "4", "--output", dir.resolve("plain.csv").toString());
        CommandRun first = CommandRun.of("forecast", "--model", checkpoint.toString(), "--input", input.toString(),
                "--horizon", "4", "--output", dir.resolve("first.csv").toString(), "--adapt-steps", "12",
                "--seed", "9");
        CommandRun second = CommandRun.of("forecast", "--model", checkpoint.toString(), "--input", input.toString(),
                "--horizon", "4", "--output", dir.resolve("second.csv").toString(), "--adapt-steps", "12",
                "--seed", "9");

        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
        assertThat(first.err()).contains("adapted a copy of " + checkpoint + " to 3 series: 12 steps");
        assertThat(Files.readString(dir.resolve("second.csv"))).isEqualTo(Files.readString(dir.resolve("first.csv")));
        assertThat(first.err()).containsPattern("held-out loss [0-9.]+ -> [0-9.]+, (kept step 12|kept the model as it was)");
        assertThat(Files.readAllBytes(checkpoint.resolve("parameters.params"))).isEqualTo(parametersBefore);
        assertThat(plain.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(second.exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void theForecasterRulesCanBeChosenOnTheCommandLineAndActAsTheLibrarysOptions() throws IOException {
        StringBuilder csv = new StringBuilder("series_id,timestamp,value\n");
        Random noise = new Random(3);
        double walk = 50;
        for (int day = 0; day < 90; day++) {
            walk += noise.nextGaussian();
            String date = LocalDate.parse("2024-01-01").plusDays(day).toString();
            csv.append("rising,").append(date).append(',').append(100 + 2 * day + noise.nextGaussian()).append('\n');
            csv.append("wandering,").append(date).append(',').append(walk).append('\n');
        }
        Path input = dir.resolve("rules.csv");
        Files.writeString(input, csv);

        String defaults = forecastWith(input, "defaults.csv");
        String valuesOnly = forecastWith(input, "values-only.csv", "--no-steady-trends");
        String unreachableDrift = forecastWith(input, "drift.csv", "--steady-drift", "1000");
        String unflipped = forecastWith(input, "unflipped.csv", "--no-flip");
        String allOff = forecastWith(input, "all-off.csv", "--no-steady-trends", "--seasonal-margin", "0",
                "--no-flip");

        assertThat(unreachableDrift).isEqualTo(valuesOnly).isNotEqualTo(defaults); // "rising" is steady at 3
        assertThat(unflipped).isNotEqualTo(defaults);
        List<ForecastRequest> requests = List.of(ForecastRequest.ofValues(SeriesId.of("rising"), column(csv, "rising")),
                ForecastRequest.ofValues(SeriesId.of("wandering"), column(csv, "wandering")));
        try (Checkpoint model = Checkpoint.load(checkpoint);
                GptForecaster library = GptForecaster.builder().setCheckpoint(model)
                        .optSteadyTrendsThroughDifferences(false).optSeasonalCycles(0).optFlipAveraging(false)
                        .build()) {
            List<Forecast> expected = library.forecast(requests, 3, QuantileLevels.DECILES);
            for (String row : allOff.lines().skip(1).toList()) {
                String[] fields = row.split(",");
                Forecast forecast = expected.get(fields[0].equals("rising") ? 0 : 1);
                double mean = forecast.steps().get(Integer.parseInt(fields[1]) - 1).mean();
                assertThat(Double.parseDouble(fields[3])).as(row).isCloseTo(mean, within(1e-6 * Math.abs(mean)));
            }
        }
    }

    private String forecastWith(Path input, String output, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of("forecast", "--model", checkpoint.toString(), "--input",
                input.toString(), "--horizon", "3", "--output", dir.resolve(output).toString()));
        args.addAll(Arrays.asList(options));
        CommandRun run = CommandRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        return Files.readString(dir.resolve(output));
    }

    private static double[] column(CharSequence csv, String series) {
        return csv.toString().lines().filter(line -> line.startsWith(series + ","))
                .mapToDouble(line -> Double.parseDouble(line.split(",")[2])).toArray();
    }

    @Test
    void aNegativeAdaptationBudgetIsAUsageError() throws IOException {
        Path input = dir.resolve("in.csv");
        Files.writeString(input, "series_id,timestamp,value\na,1,1\na,2,2\n");
        CommandRun run = CommandRun.of("forecast", "--model", checkpoint.toString(), "--input", input.toString(),
                "--horizon", "2", "--output", dir.resolve("out.csv").toString(), "--adapt-seconds", "-3");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--adapt-seconds must be 0 or a positive number of seconds, was -3.0");
    }

    @Test
    void aHorizonOfZeroIsAUsageErrorEvenWithAModel() throws IOException {
        Path input = Files.writeString(dir.resolve("in.csv"), "series_id,timestamp,value\na,1,1\n");
        CommandRun run = CommandRun.of("forecast", "--model", checkpoint.toString(), "--input", input.toString(),
                "--horizon", "0", "--output", dir.resolve("out.csv").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--horizon must be positive, was 0");
    }

    private static List<List<String>> readCsv(Path file) throws IOException {
        List<List<String>> records = new ArrayList<>();
        try (CsvReader reader = new CsvReader(Files.newBufferedReader(file), file.toString())) {
            for (List<String> record = reader.readRecord(); record != null; record = reader.readRecord()) {
                records.add(record);
            }
        }
        return records;
    }
}
