package io.tidewise.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.cli.CommandRun;
import io.tidewise.cli.TinyCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

    @Test
    void everySteadyDriftGivenIsScoredAsAMethodOfItsOwn(@TempDir Path directory) throws Exception {
        Path model = TinyCheckpoint.create(directory.resolve("model"));
        Path input = growingSeries(directory.resolve("growth.csv"));
        CommandRun run = evaluate(model, input, 4, "--season", "1", "--no-classical", "--steady-drift", "6,0.5");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String tiny = row(run.out(), "tiny");
        assertThat(row(run.out(), "tiny+steady0.5")).as("steady at the default 3 standard errors, as at 0.5")
                .isEqualTo(tiny);
        assertThat(row(run.out(), "tiny+steady6")).as("not steady at 6").isNotEqualTo(tiny);
    }

    /** {@code train evaluate} of the model, labelled tiny, on two windows of the input, with more options. */
    private static CommandRun evaluate(Path model, Path input, int horizon, String... options) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("train", "evaluate", "--model", model.toString(), "--label",
                "tiny", "--input", input.toString(), "--horizon", String.valueOf(horizon), "--windows", "2"));
        arguments.addAll(List.of(options));
        return CommandRun.of(arguments.toArray(String[]::new));
    }

    /** The figures of {@code method}'s row in the printed table (its name and seconds left out). */
    private static String row(String table, String method) {
        return table.lines().filter(line -> line.startsWith(method + " ")).findFirst()
                .map(line -> line.substring(method.length(), line.lastIndexOf(' ')).trim())
                .orElseThrow(() -> new AssertionError("no row " + method + " in\n" + table));
    }

    @Test
    void aSteadyDriftThatIsNotPositiveOrRepeatedIsAUsageErrorNamingIt(@TempDir Path directory) throws Exception {
        Path model = TinyCheckpoint.create(directory.resolve("model"));
        Path input = growingSeries(directory.resolve("growth.csv"));
        CommandRun run = evaluate(model, input, 4, "--steady-drift", "6,-1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--steady-drift must be a positive number of standard errors, was -1.0");
        CommandRun repeated = evaluate(model, input, 4, "--steady-drift", "3,3.0");
        assertThat(repeated.exitCode()).isEqualTo(2);
        assertThat(repeated.err()).contains("--steady-drift gives 3.0 twice");
    }

    @Test
    void everySeasonalMarginGivenIsScoredAsAMethodOfItsOwn(@TempDir Path directory) throws Exception {
        Path model = TinyCheckpoint.create(directory.resolve("model"));
        Path input = cyclicSeries(directory.resolve("cycle.csv"));
        CommandRun run = evaluate(model, input, 6, "--season", "6", "--no-classical", "--seasonal-margin", "0,0.001");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String tiny = row(run.out(), "tiny");
        String off = row(run.out(), "tiny+seasonal0");
        assertThat(row(run.out(), "tiny+seasonal0.001")).as("a margin no backtest meets").isEqualTo(off);
        assertThat(tiny).as("the default margin copies the cycle the untrained model cannot draw").isNotEqualTo(off);

        CommandRun negative = evaluate(model, input, 6, "--seasonal-margin", "0.5,-2");
        assertThat(negative.exitCode()).isEqualTo(2);
        assertThat(negative.err()).contains("--seasonal-margin must be a number >= 0, was -2.0");
    }

    /** One hourly series of 60 values with a cycle of 6 hours and a little noise. */
    private static Path cyclicSeries(Path file) throws Exception {
        StringBuilder csv = new StringBuilder("series_id,timestamp,value\n");
        SplittableRandom noise = new SplittableRandom(6);
        for (int hour = 0; hour < 60; hour++) {
            double value = 100 + 30 * Math.sin(2 * Math.PI * hour / 6) + 0.1 * noise.nextGaussian();
            csv.append("weather/temperature,").append(Instant.parse("2024-01-01T00:00:00Z")
                    .plusSeconds(3600L * hour)).append(',').append(value).append('\n');
        }
        return Files.writeString(file, csv);
    }

    /**
     * One yearly series of 60 values whose steps alternate between 2.5 and -0.5: a mean step of about 1, about 3.5
     * standard errors from zero over the 31 steps of the 32 values the tiny model reads.
     */
    private static Path growingSeries(Path file) throws Exception {
        StringBuilder csv = new StringBuilder("series_id,timestamp,value\n");
        double value = 100;
        for (int year = 0; year < 60; year++) {
            value += year % 2 == 0 ? 2.5 : -0.5;
            csv.append("economy/capital,").append(LocalDate.of(1960 + year, 1, 1)).append(',').append(value)
                    .append('\n');
        }
        return Files.writeString(file, csv);
    }
}
