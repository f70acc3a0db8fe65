package io.tidewise.training.adapt;

import io.tidewise.core.csv.CsvReader;
import io.tidewise.training.adapt.SeriesCorpus.TrainingSeries;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every real series a series model trains on: each long CSV ({@code series_id,timestamp,value}) of a data folder
 * except the files kept out for zero-shot evaluation, every series without its held-out tail
 * ({@link #heldOutValues}), named {@code <file stem>/<series id>} so that sampling can weight per source.
 *
 * <p>The held-out tail is what in-domain evaluation may score: a rule by frequency, so it needs no list of evaluation
 * windows and holds for every series of every file, including copies of a series that appear in two files.
 */
public final class TrainingSources {
    private static final int CADENCE_SAMPLE = 64;
    private static final String HEADER = "series_id,timestamp,value";

    /**
     * Files never trained on: the zero-shot datasets of the development suite, and M1's official test split. Chosen
     * so that no other file holds the same series: I-94 traffic and GEFCom load (hourly), Victoria's half-hourly
     * electricity, the prophet examples (5-minute Yosemite temperatures, daily page views), the financial R series
     * (USD/CHF exchange rate), EIA weekly prices, CIF-2016 and NN3 (monthly), Australian domestic tourism (quarterly),
     * FRED yearly, Seattle daily weather. FRED monthly copies FRED-MD's series, so it is left out too.
     */
    public static final Set<String> KEPT_OUT = Set.of(
            "uci_metro_interstate_traffic.csv", "tscompdata_gefcom2012_load.csv", "tsibbledata_vic_elec_halfhourly.csv",
            "prophet_examples.csv", "debian_r_financial.csv", "autots_eia_weekly.csv", "monash_cif_2016.csv",
            "tscompdata_nn3.csv", "tsibble_tourism_quarterly.csv", "autots_fred_yearly.csv",
            "vega_seattle_weather_daily.csv", "autots_fred_monthly.csv", "m1_test.csv");

    private TrainingSources() {}

    /**
     * Values at the end of a series that training never sees, by its frequency: 6 years, 8 quarters, 24 months
     * (covering 24-step tourism windows), 26 weeks, 60 days, and seven daily cycles of sub-daily data (7 x 24 hourly,
     * 7 x 288 five-minute values). A series whose frequency is unknown (a step index) loses a tenth of its length, at
     * least 8 values. A series left with fewer than {@link SeriesCorpus#MIN_OBSERVED} values is not trained on.
     *
     * @param stepsPerDay observations per day for sub-daily series, or 0
     */
    public static int heldOutValues(Cadence cadence, int stepsPerDay, int length) {
        return switch (cadence) {
            case YEARLY -> 6;
            case QUARTERLY -> 8;
            case MONTHLY -> 24;
            case WEEKLY -> 26;
            case DAILY -> 60;
            case SUB_DAILY -> 7 * Math.max(24, stepsPerDay);
            case UNKNOWN -> Math.max(8, length / 10);
        };
    }

    /** How often a series is observed, as far as the held-out rule needs to know. */
    public enum Cadence { YEARLY, QUARTERLY, MONTHLY, WEEKLY, DAILY, SUB_DAILY, UNKNOWN }

    /**
     * Every training series of the long CSVs in {@code directory}, by file name then order in the file; see the class
     * comment. Values are read as they are (an empty or unparsable value is missing); timestamps only tell the
     * cadence, so R's decimal years ({@code 1991.496}), which the forecast reader refuses, still train.
     */
    public static List<TrainingSeries> read(Path directory) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(path -> path.getFileName().toString().endsWith(".csv"))
                    .filter(path -> !KEPT_OUT.contains(path.getFileName().toString()))
                    .sorted()
                    .toList();
        }
        List<TrainingSeries> series = new ArrayList<>();
        for (Path file : files) {
            if (isLongCsv(file)) {
                readFile(file, series);
            }
        }
        return series;
    }

    private static void readFile(Path file, List<TrainingSeries> into) throws IOException {
        String source = file.getFileName().toString().replaceFirst("\\.csv$", "");
        try (CsvReader reader = new CsvReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString())) {
            reader.readRecord(); // header
            String current = null;
            List<String> times = new ArrayList<>();
            double[] values = new double[1024];
            int count = 0;
            for (List<String> record = reader.readRecord(); ; record = reader.readRecord()) {
                String id = record == null ? null : record.get(0);
                if (current != null && !current.equals(id)) {
                    add(source + "/" + current, times, Arrays.copyOf(values, count), into);
                    times.clear();
                    count = 0;
                }
                if (record == null) {
                    break;
                }
                if (record.size() < 3) {
                    continue;
                }
                current = id;
                if (count == values.length) {
                    values = Arrays.copyOf(values, count * 2);
                }
                values[count++] = parse(record.get(2));
                if (times.size() < CADENCE_SAMPLE) {
                    times.add(record.get(1));
                }
            }
        }
    }

    private static void add(String name, List<String> times, double[] values, List<TrainingSeries> into) {
        Cadence cadence = Cadence.UNKNOWN;
        int stepsPerDay = 0;
        double medianDays = medianGapDays(times);
        if (medianDays > 0) {
            if (medianDays < 1) {
                cadence = Cadence.SUB_DAILY;
                stepsPerDay = (int) Math.round(1 / medianDays);
            } else if (medianDays < 6) {
                cadence = Cadence.DAILY;
            } else if (medianDays < 20) {
                cadence = Cadence.WEEKLY;
            } else if (medianDays < 60) {
                cadence = Cadence.MONTHLY;
            } else if (medianDays < 200) {
                cadence = Cadence.QUARTERLY;
            } else {
                cadence = Cadence.YEARLY;
            }
        }
        int kept = values.length - heldOutValues(cadence, stepsPerDay, values.length);
        if (kept >= SeriesCorpus.MIN_OBSERVED) {
            into.add(new TrainingSeries(name, Arrays.copyOf(values, kept)));
        }
    }

    /** Median gap in days between the first timestamps: ISO dates and date-times, years, or R decimal years. */
    static double medianGapDays(List<String> times) {
        List<Double> days = new ArrayList<>();
        for (String time : times) {
            Double day = toDays(time.strip());
            if (day == null) {
                return -1;
            }
            days.add(day);
        }
        if (days.size() < 2) {
            return -1;
        }
        double[] gaps = new double[days.size() - 1];
        for (int i = 1; i < days.size(); i++) {
            gaps[i - 1] = days.get(i) - days.get(i - 1);
        }
        Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }

    private static Double toDays(String time) {
        try {
            if (time.matches("\\d{4}(\\.\\d+)?")) {
                return Double.parseDouble(time) * 365.25; // a year, or R's decimal time
            }
            if (time.matches("\\d{4}-\\d{2}")) {
                time = time + "-01";
            }
            if (time.length() == 10) {
                return (double) LocalDate.parse(time).toEpochDay();
            }
            LocalDateTime dateTime = LocalDateTime.parse(time.substring(0, Math.min(19, time.length())).replace(' ', 'T'));
            return dateTime.toEpochSecond(ZoneOffset.UTC) / 86_400.0;
        } catch (RuntimeException e) {
            return null; // a step index or a layout without a calendar
        }
    }

    private static double parse(String value) {
        try {
            return value.isBlank() ? Double.NaN : Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static boolean isLongCsv(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            return header != null && header.replace("\"", "").strip().equals(HEADER);
        }
    }

}
