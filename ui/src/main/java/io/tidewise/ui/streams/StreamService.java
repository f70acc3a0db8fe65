package io.tidewise.ui.streams;

import io.tidewise.core.StreamDefinition;
import io.tidewise.ingest.definition.StreamDefinitionException;
import io.tidewise.ingest.definition.StreamDefinitionLoader;
import io.tidewise.ingest.mapping.DeadLetter;
import io.tidewise.ingest.topic.Topics;
import io.tidewise.store.StoreException;
import io.tidewise.store.SeriesSummary;
import io.tidewise.ui.config.UiSettings;
import io.tidewise.ui.influx.InfluxConnection;
import io.tidewise.ui.kafka.KafkaAdminService;
import io.tidewise.ui.kafka.KafkaUnavailableException;
import io.tidewise.ui.kafka.TopicState;
import io.tidewise.ui.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Stream definitions for data engineers: the files of {@code streams/} with their state (Kafka topic, the job's
 * lag, records per second, dead letters, series in InfluxDB), a live preview of sample records through the job's
 * own mapping code, and saving a definition as {@code streams/NAME.yaml} after the job's own loader accepted it.
 */
@Service
@RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
public class StreamService {
    static final int DEAD_LETTER_SAMPLE = 200;

    private final Path directory;
    private final KafkaAdminService kafka;
    private final InfluxConnection influx;
    private final JobRestarter restarter;
    private final String flinkRest;
    private final StreamDefinitionLoader loader = new StreamDefinitionLoader();
    /** The topics' end offsets when the list was last built, for records per second. */
    private final Map<String, long[]> previousEnds = new HashMap<>();

    /** Without a {@link JobRestarter}: saving says what to restart by hand. */
    public StreamService(UiSettings settings, KafkaAdminService kafka, InfluxConnection influx) {
        this(settings, kafka, influx, Optional.empty());
    }

    /** With the restarter of the program that runs the job beside the app, if it provided one. */
    @Autowired
    public StreamService(UiSettings settings, KafkaAdminService kafka, InfluxConnection influx,
            Optional<JobRestarter> restarter) {
        this.directory = settings.streamsDir();
        this.kafka = kafka;
        this.influx = influx;
        this.restarter = restarter.orElse(null);
        this.flinkRest = settings.flinkRest();
    }

    public Path directory() {
        return directory;
    }

    /** Every definition file with its state; a file that does not load is listed with its problem. */
    public StreamsOverview streams() {
        List<Path> files = definitionFiles();
        List<StreamDefinition> definitions = new ArrayList<>();
        Map<Path, String> problems = new HashMap<>();
        Map<Path, StreamDefinition> byFile = new HashMap<>();
        for (Path file : files) {
            try {
                StreamDefinition definition = loader.load(file);
                definitions.add(definition);
                byFile.put(file, definition);
            } catch (StreamDefinitionException e) {
                problems.put(file, e.getMessage());
            }
        }
        String kafkaProblem = null;
        Map<String, TopicState> topics = Map.of();
        List<DeadLetter> deadLetters = List.of();
        try {
            topics = kafka.topics(definitions.stream().map(StreamDefinition::topic).distinct().toList());
            deadLetters = kafka.latestDeadLetters(DEAD_LETTER_SAMPLE);
        } catch (KafkaUnavailableException e) {
            kafkaProblem = e.getMessage();
        }
        String influxProblem = null;
        List<SeriesSummary> series = List.of();
        try {
            series = influx.queries().series();
        } catch (StoreException e) {
            influxProblem = e.getMessage();
        }
        long now = System.nanoTime();
        List<StreamEntry> entries = new ArrayList<>();
        for (Path file : files) {
            StreamDefinition definition = byFile.get(file);
            if (definition == null) {
                entries.add(new StreamEntry(file, null, problems.get(file), null, Double.NaN, -1, List.of(), 0));
                continue;
            }
            TopicState topic = topics.get(definition.topic());
            double rate = topic == null ? Double.NaN : recordsPerSecond(topic, now);
            List<DeadLetter> letters = deadLetters.stream()
                    .filter(letter -> letter.stream().equals(definition.name())).toList();
            String prefix = seriesPrefix(definition.seriesIdTemplate());
            long seriesCount = series.stream().filter(s -> s.series().value().startsWith(prefix)).count();
            entries.add(new StreamEntry(file, definition, null, topic == null ? null : topic.exists(), rate,
                    topic == null ? -1 : topic.lag(), letters, seriesCount));
        }
        return new StreamsOverview(entries, kafkaProblem, influxProblem);
    }

    /** The text of a series template before its first field reference: what all its series ids start with. */
    static String seriesPrefix(String template) {
        int brace = template.indexOf('{');
        return brace < 0 ? template : template.substring(0, brace);
    }

    private synchronized double recordsPerSecond(TopicState topic, long now) {
        long[] previous = previousEnds.put(topic.topic(), new long[] {topic.endOffsets(), now});
        if (previous == null || now <= previous[1]) {
            return Double.NaN;
        }
        return (topic.endOffsets() - previous[0]) / ((now - previous[1]) / 1e9);
    }

    /** The draft of an existing definition, for editing. */
    public Optional<StreamDraft> draftOf(String name) {
        return definitionFiles().stream().flatMap(file -> {
            try {
                return Stream.of(loader.load(file));
            } catch (StreamDefinitionException e) {
                return Stream.empty();
            }
        }).filter(definition -> definition.name().equals(name)).findFirst().map(StreamDraft::of);
    }

    /**
     * The definition the draft describes, as the job would load it.
     *
     * @throws StreamDefinitionException naming the key and the value of the first problem
     */
    public StreamDefinition validate(StreamDraft draft) {
        return loader.parse(StreamYaml.render(draft), fileOf(draft).toString());
    }

    /**
     * What the samples map to under the draft, one line per non-blank sample line.
     *
     * @throws StreamDefinitionException when the draft itself is not a valid definition
     */
    public List<PreviewLine> preview(StreamDraft draft, String samples) {
        return StreamPreview.map(validate(draft), samples);
    }

    /**
     * Validates the draft and writes it as {@code streams/NAME.yaml}, atomically.
     *
     * @param creating true for a new stream: refused if a definition of that name (or the file) exists
     * @throws StreamDefinitionException for an invalid draft or a name already taken
     */
    public SaveOutcome save(StreamDraft draft, boolean creating) {
        StreamDefinition definition = validate(draft);
        Path file = fileOf(draft);
        if (creating && (Files.exists(file) || draftOf(definition.name()).isPresent())) {
            throw new StreamDefinitionException(file.toString(), "name",
                    "stream '" + definition.name() + "' already exists; edit it instead or choose another name");
        }
        try {
            Files.createDirectories(directory);
            Path partial = Files.createTempFile(directory, "." + definition.name(), ".partial");
            try {
                Files.writeString(partial, StreamYaml.render(draft), StandardCharsets.UTF_8);
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write stream definition " + file, e);
        }
        // the streaming job loads streams/ once, when it starts
        return new SaveOutcome(file, true, restarter != null && restarter.available() ? restarter.describe() : null);
    }

    /** The Flink cluster whose job has to be restarted by hand when no restarter is offered. */
    public String flinkRest() {
        return flinkRest;
    }

    /**
     * Restarts the streaming job from a savepoint with the current definitions, through the restarter of the
     * program that runs it.
     *
     * @throws JobRestartException when there is no restarter here, or the restart is refused or fails
     */
    @RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
    public RestartResult restartJob() {
        if (restarter == null) {
            throw new JobRestartException("this web app does not run the streaming job, so it cannot restart it: "
                    + "restart the job on " + flinkRest + " from a savepoint, or restart ./tidewise run");
        }
        return restarter.restart();
    }

    private Path fileOf(StreamDraft draft) {
        String name = draft.getName() == null ? "" : draft.getName().strip();
        // the loader refuses a bad name with its own message; a path is only built from a safe one
        return directory.resolve((name.matches("[a-z0-9][a-z0-9._-]{0,63}") ? name : "new-stream") + ".yaml");
    }

    private List<Path> definitionFiles() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(Files::isRegularFile)
                    .filter(path -> path.getFileName().toString().matches("[^.].*\\.ya?ml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list stream definitions in " + directory, e);
        }
    }
}
