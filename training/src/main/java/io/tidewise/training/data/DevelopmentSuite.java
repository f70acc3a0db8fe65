package io.tidewise.training.data;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewise.core.csv.LongCsvContent;
import io.tidewise.core.csv.LongCsvReader;
import io.tidewise.core.csv.SeriesData;
import io.tidewise.core.csv.SeriesProblem;
import io.tidewise.training.adapt.SeriesCorpus.TrainingSeries;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fixed list of development datasets (resource {@code development-suite.json}) and the rule that keeps
 * evaluation honest: training sees an in-domain series only up to the start of its first evaluation window, and no
 * series of a zero-shot dataset at all.
 */
public final class DevelopmentSuite {
    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentSuite.class);
    private static final String RESOURCE = "development-suite.json";

    private final List<DatasetSpec> datasets;

    public DevelopmentSuite(List<DatasetSpec> datasets) {
        this.datasets = List.copyOf(datasets);
    }

    /** The suite shipped with Tidewise. */
    public static DevelopmentSuite standard() {
        try (InputStream in = DevelopmentSuite.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the training module");
            }
            return new DevelopmentSuite(new ObjectMapper().readValue(in, new TypeReference<List<DatasetSpec>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public List<DatasetSpec> datasets() {
        return datasets;
    }

    /**
     * Training series from every in-domain dataset found in {@code dataDirectory}, each cut before its evaluation
     * windows. A dataset whose file is absent is skipped with a warning; series the reader rejects are skipped and
     * counted.
     */
    public List<TrainingSeries> trainingSeries(Path dataDirectory) throws IOException {
        List<TrainingSeries> series = new ArrayList<>();
        for (DatasetSpec dataset : datasets) {
            if (dataset.zeroShot()) {
                continue;
            }
            Path file = dataDirectory.resolve(dataset.file());
            if (!Files.isRegularFile(file)) {
                LOG.warn("dataset {}: {} not found, not trained on", dataset.name(), file);
                continue;
            }
            series.addAll(cut(LongCsvReader.read(file), dataset.heldOutValues(), dataset.name()));
        }
        return series;
    }

    /** Every series of a long CSV without its last {@code heldOut} values (series left too short are dropped). */
    public static List<TrainingSeries> cut(LongCsvContent content, int heldOut, String prefix) {
        for (SeriesProblem problem : content.problems()) {
            LOG.warn("{}: series skipped: {}", content.sourceName(), problem);
        }
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
}
