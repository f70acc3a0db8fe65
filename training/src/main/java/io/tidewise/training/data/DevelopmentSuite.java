package io.tidewise.training.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewise.core.csv.LongCsvContent;
import io.tidewise.core.csv.SeriesData;
import io.tidewise.core.csv.SeriesProblem;
import io.tidewise.training.adapt.SeriesCorpus.TrainingSeries;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fixed list of development datasets (resource {@code development-suite.json}, described in docs/suite.md) and
 * the rule that keeps evaluation honest: training sees an in-domain series only up to the start of its first
 * evaluation window, and no series of a zero-shot dataset at all, nor any copy of one in another file
 * ({@link TrainingExclusion}).
 */
public final class DevelopmentSuite {
    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentSuite.class);
    private static final String RESOURCE = "development-suite.json";
    /** The header of every long CSV; other CSVs of the data directory are not series. */
    public static final String LONG_HEADER = "series_id,timestamp,value";
    /** File-name endings (before {@code .csv}) of side files that hold no training series. */
    private static final List<String> SIDE_FILE_ENDINGS = List.of("_index", "_horizons", "_info", "_names", "_tcodes");
    /** Official test splits, evaluation targets themselves, besides those the datasets name (M1's, always). */
    private static final Set<String> TEST_FILES = Set.of("m1_test.csv");

    private final List<DatasetSpec> datasets;
    private final List<TrainingExclusion> exclusions;

    public DevelopmentSuite(List<DatasetSpec> datasets) {
        this(datasets, List.of());
    }

    public DevelopmentSuite(List<DatasetSpec> datasets, List<TrainingExclusion> exclusions) {
        this.datasets = List.copyOf(datasets);
        this.exclusions = List.copyOf(exclusions);
        Set<String> names = new LinkedHashSet<>();
        for (DatasetSpec dataset : this.datasets) {
            if (!names.add(dataset.name())) {
                throw new IllegalArgumentException("dataset names must be unique, but '" + dataset.name() + "' repeats");
            }
        }
    }

    /** The resource's layout. */
    private record Layout(@JsonProperty("datasets") List<DatasetSpec> datasets,
            @JsonProperty("trainingExclusions") List<TrainingExclusion> trainingExclusions) {}

    /** The suite shipped with Tidewise. */
    public static DevelopmentSuite standard() {
        try (InputStream in = DevelopmentSuite.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the training module");
            }
            Layout layout = new ObjectMapper().readValue(in, Layout.class);
            return new DevelopmentSuite(layout.datasets(),
                    layout.trainingExclusions() == null ? List.of() : layout.trainingExclusions());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public List<DatasetSpec> datasets() {
        return datasets;
    }

    public List<TrainingExclusion> exclusions() {
        return exclusions;
    }

    /** The kinds of series the suite covers, in the order the datasets first name them. */
    public List<String> kinds() {
        return datasets.stream().map(DatasetSpec::kind).distinct().toList();
    }

    /** Files whose every series is zero-shot: no series of them is ever trained on. */
    public Set<String> zeroShotFiles() {
        Set<String> files = new LinkedHashSet<>();
        for (DatasetSpec dataset : datasets) {
            if (dataset.zeroShot() && dataset.prefixes().isEmpty()) {
                files.add(dataset.file());
            }
        }
        return files;
    }

    /**
     * Whether training must never see the series {@code seriesId} of {@code fileName}: it belongs to a zero-shot
     * dataset (a whole file or the series a prefix picks out of a file) or copies a protected series
     * ({@link #exclusions()}).
     */
    public boolean neverTrained(String fileName, String seriesId) {
        for (DatasetSpec dataset : datasets) {
            if (dataset.zeroShot() && dataset.file().equals(fileName) && dataset.includes(seriesId)) {
                return true;
            }
        }
        return exclusions.stream().anyMatch(exclusion -> exclusion.excludes(fileName, seriesId));
    }

    /**
     * {@link #neverTrained(String, String)} for a training series' name {@code <file stem>/<series id>}, as
     * {@link #allTrainingSeries} names them.
     */
    public boolean neverTrained(String trainingSeriesName) {
        int slash = trainingSeriesName.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("training series name must be <source>/<series id>, was '"
                    + trainingSeriesName + "'");
        }
        return neverTrained(trainingSeriesName.substring(0, slash) + ".csv", trainingSeriesName.substring(slash + 1));
    }

    /**
     * Values at the end of the series {@code seriesId} of {@code fileName} that training must not see: the most any
     * in-domain dataset holding it evaluates (0 when none does).
     */
    public int heldOutValues(String fileName, String seriesId) {
        int heldOut = 0;
        for (DatasetSpec dataset : datasets) {
            if (!dataset.zeroShot() && dataset.file().equals(fileName) && dataset.includes(seriesId)) {
                heldOut = Math.max(heldOut, dataset.heldOutValues());
            }
        }
        return heldOut;
    }

    /**
     * Every series of every long CSV in {@code dataDirectory} that training may see: all of them except zero-shot
     * series and their copies ({@link #neverTrained}), in-domain series cut before their first evaluation window
     * (M1's series whole: its windows are in {@code m1_test.csv}; no dataset's test file is read). Side files ({@code *_index},
     * {@code *_horizons}, {@code *_info}, {@code *_names}, {@code *_tcodes}) and CSVs of another layout are skipped.
     * Each series is named {@code <file stem>/<series id>} (e.g. {@code m1_train/YAF2}), so a sampler can weight
     * sources by the part before the first '/'. Series are read as {@link SeriesFiles} reads them (R decimal-time
     * series in file order; others the reader rejects are skipped with a warning); series left with fewer than two
     * values are dropped.
     */
    public List<TrainingSeries> allTrainingSeries(Path dataDirectory) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dataDirectory)) {
            files = listing.filter(this::isTrainingFile).sorted().toList();
        }
        List<TrainingSeries> series = new ArrayList<>();
        for (Path file : files) {
            String fileName = file.getFileName().toString();
            String stem = fileName.substring(0, fileName.length() - ".csv".length());
            List<SeriesFiles.SeriesValues> content = SeriesFiles.read(file);
            int excluded = 0;
            for (SeriesFiles.SeriesValues data : content) {
                String id = data.id();
                if (neverTrained(fileName, id)) {
                    excluded++;
                    continue;
                }
                double[] values = data.values();
                int kept = values.length - heldOutValues(fileName, id);
                if (kept >= 2) {
                    series.add(new TrainingSeries(stem + "/" + id, Arrays.copyOf(values, kept)));
                }
            }
            LOG.debug("{}: {} series, {} never trained on", fileName, content.size(), excluded);
        }
        return series;
    }

    private boolean isTrainingFile(Path file) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".csv") || !Files.isRegularFile(file) || TEST_FILES.contains(name)
                || datasets.stream().anyMatch(dataset -> name.equals(dataset.testFile()))) {
            return false;
        }
        String stem = name.substring(0, name.length() - ".csv".length());
        if (SIDE_FILE_ENDINGS.stream().anyMatch(stem::endsWith)) {
            return false;
        }
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = reader.readLine();
            return header != null && header.replace("\uFEFF", "").strip().equals(LONG_HEADER);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the header of " + file, e);
        }
    }

    /** Every series of a long CSV without its last {@code heldOut} values (series left too short are dropped). */
    public static List<TrainingSeries> cut(LongCsvContent content, int heldOut, String prefix) {
        logProblems(content);
        List<TrainingSeries> series = new ArrayList<>();
        for (SeriesData data : content.series()) {
            double[] values = data.values();
            if (values.length - heldOut >= 2) {
                series.add(new TrainingSeries(prefix + "/" + data.series(),
                        Arrays.copyOf(values, values.length - heldOut)));
            }
        }
        return series;
    }

    private static void logProblems(LongCsvContent content) {
        for (SeriesProblem problem : content.problems()) {
            LOG.warn("{}: series skipped: {}", content.sourceName(), problem);
        }
    }
}
