package io.tidewise.streaming;

import io.tidewise.core.Frequency;
import io.tidewise.core.StreamDefinition;
import io.tidewise.ingest.definition.StreamDefinitionLoader;
import io.tidewise.ingest.topic.Topics;
import io.tidewise.model.forecast.Forecaster;
import io.tidewise.store.InfluxSettings;
import io.tidewise.streaming.inference.CheckpointForecasterFactory;
import io.tidewise.streaming.inference.ForecasterFactory;
import io.tidewise.streaming.inference.RegistryForecasterFactory;
import io.tidewise.streaming.influx.InfluxSink;
import io.tidewise.streaming.kafka.DefinitionText;
import io.tidewise.streaming.kafka.KafkaEdges;
import io.tidewise.streaming.kafka.RecordMapping;
import io.tidewise.streaming.regularize.Aggregation;
import io.tidewise.streaming.series.SeriesSettings;
import io.tidewise.streaming.series.StreamDefinitionSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's entry point for {@code flink run} (and the launcher's embedded MiniCluster): the one place that wires
 * Kafka and InfluxDB into {@link TidewiseJob}. Run with {@code --help} for the options. InfluxDB credentials come
 * from {@code TIDEWISE_INFLUX_USER} / {@code TIDEWISE_INFLUX_PASSWORD}, never from the command line.
 */
public final class TidewiseJobMain {
    private static final Logger LOG = LoggerFactory.getLogger(TidewiseJobMain.class);

    static final String USAGE = """
            tidewise streaming job: Kafka -> regularize -> context -> micro-batched GPT forecasts -> InfluxDB

            required:
              --kafka HOST:PORT          Kafka bootstrap servers
              --influx URL               InfluxDB base URL (or TIDEWISE_INFLUX_URL)
              --model DIR                model checkpoint directory (models/<name>/<version>), or:
              --models DIR --default-model NAME
                                         a model registry: the promoted version of NAME, and of the
                                         model a stream definition names for its series
            what to read (at least one):
              --streams DIR              stream definitions (*.yaml); their topics are read and mapped
              --canonical                also read the canonical topic tidewise.observations
            optional:
              --influx-database NAME     default tidewise (or TIDEWISE_INFLUX_DATABASE)
              --group ID                 Kafka consumer group, default tidewise-streaming
              --dead-letter-topic NAME   default tidewise.deadletter
              --context N                context length, default the model's
              --forecast-every K         forecast every K observed steps, default 1
              --forecast-from INSTANT    forecast only steps from this event time on (ISO-8601, e.g.
                                         2026-01-01T00:00:00Z); earlier steps only fill contexts (backfill)
              --aggregation last|mean    within-step aggregation, default last
              --out-of-orderness-ms MS   watermark bound, default 5000
              --lateness-ms MS           allowed lateness, default 0
              --idleness-ms MS           a partition quiet this long stops holding the watermark back,
                                         default 30000 (0: never)
              --batch-size N             inference batch size, default 64
              --batch-delay-ms MS        longest wait for a batch, default 200
              --checkpoint-ms MS         checkpoint interval, default 10000
              --checkpoint-dir DIR       where checkpoints are written: an absolute path every task
                                         manager sees (a shared volume), or a URI (s3://...); default the
                                         cluster's execution.checkpointing.dir (none: checkpoints stay
                                         in the JobManager's memory and cannot be resumed from)
              --checkpoint-retention R   retain-on-cancellation (default): a cancelled or failed job
                                         keeps its last checkpoint, DIR/<job id>/chk-N, to resume
                                         from with flink run -s; delete-on-cancellation (kept only
                                         on failure); no-externalized-checkpoints
              --influx-flush-ms MS       longest a point waits in the InfluxDB writer's buffer, default 500
              --influx-batch-size N      points per InfluxDB write request, default 5000
              --default-frequency F      frequency of series no definition claims, default 1m
              --default-horizon H        horizon of series no definition claims, default 30
              --publish-forecasts        also publish forecasts as JSON on tidewise.forecasts
              --bounded                  stop at the offsets that are latest at start (replays)
              --name NAME                job name, default tidewise
            """;

    private TidewiseJobMain() {}

    public static void main(String[] args) throws Exception {
        ParameterTool parameters = ParameterTool.fromArgs(args);
        if (parameters.has("help")) {
            System.out.println(USAGE); // the usage text is the command's output, not a log line
            return;
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        String jobName = configure(env, parameters);
        env.execute(jobName);
    }

    /**
     * Builds the job on {@code env} from the arguments (as {@link #USAGE} lists them) without running it; returns
     * the job's name. The launcher uses this to put the very same job on its embedded MiniCluster.
     */
    public static String configure(StreamExecutionEnvironment env, ParameterTool parameters) throws IOException {
        String kafka = required(parameters, "kafka");
        Configuration checkpoints = checkpointOptions(parameters);
        env.configure(checkpoints);
        InfluxSettings.Builder influxBuilder = InfluxSettings.builderFromEnvironment(System.getenv());
        if (parameters.has("influx")) {
            influxBuilder.setUrl(parameters.get("influx"));
        }
        if (parameters.has("influx-database")) {
            influxBuilder.optDatabase(parameters.get("influx-database"));
        }
        if (parameters.has("influx-batch-size")) {
            influxBuilder.optBatchSize(parameters.getInt("influx-batch-size"));
        }
        if (parameters.has("influx-flush-ms")) {
            influxBuilder.optFlushInterval(Duration.ofMillis(parameters.getLong("influx-flush-ms")));
        }
        InfluxSettings influx = influxBuilder.build();
        ForecasterFactory forecasters = parameters.has("models")
                ? new RegistryForecasterFactory(Path.of(required(parameters, "models")),
                        required(parameters, "default-model"))
                : new CheckpointForecasterFactory(Path.of(required(parameters, "model")));

        List<DefinitionText> texts = new ArrayList<>();
        List<StreamDefinition> definitions = new ArrayList<>();
        if (parameters.has("streams")) {
            StreamDefinitionLoader loader = new StreamDefinitionLoader();
            for (Path file : yamlFiles(Path.of(parameters.get("streams")))) {
                String text = Files.readString(file);
                definitions.add(loader.parse(text, file.toString()));
                texts.add(new DefinitionText(file.toString(), text));
            }
        }
        boolean canonical = parameters.has("canonical");
        if (definitions.isEmpty() && !canonical) {
            throw new IllegalArgumentException("--streams must name a directory holding stream definitions, or "
                    + "--canonical must be given; had neither");
        }
        Set<String> topics = new LinkedHashSet<>();
        definitions.forEach(definition -> topics.add(definition.topic()));
        if (canonical) {
            topics.add(Topics.OBSERVATIONS);
        }

        int contextLength = parameters.has("context") ? parameters.getInt("context") : contextLengthOf(forecasters);
        SeriesSettings fallback = new SeriesSettings(Frequency.parse(parameters.get("default-frequency", "1m")),
                parameters.getInt("default-horizon", 30));
        JobSettings.Builder settings = JobSettings.builder()
                .setSeriesSettings(new StreamDefinitionSettings(definitions, fallback))
                .setForecasterFactory(forecasters)
                .setContextLength(contextLength)
                .optForecastEvery(parameters.getInt("forecast-every", 1))
                .optForecastFrom(parameters.has("forecast-from") ? instant(parameters, "forecast-from") : null)
                .optAggregation(aggregation(parameters.get("aggregation", "last")))
                .optOutOfOrderness(Duration.ofMillis(parameters.getLong("out-of-orderness-ms", 5000)))
                .optAllowedLateness(Duration.ofMillis(parameters.getLong("lateness-ms", 0)))
                .optMaxBatchSize(parameters.getInt("batch-size", 64))
                .optMaxBatchDelay(Duration.ofMillis(parameters.getLong("batch-delay-ms", 200)))
                .optCheckpointInterval(Duration.ofMillis(parameters.getLong("checkpoint-ms", 10_000)));
        // A partition that receives nothing (more partitions than series) would hold every watermark, and with it
        // every forecast, back for ever.
        long idleness = parameters.getLong("idleness-ms", 30_000);
        if (idleness > 0) {
            settings.optSourceIdleness(Duration.ofMillis(idleness));
        }
        TidewiseStreams streams = TidewiseJob.buildFromRecords(env,
                KafkaEdges.rawRecords(kafka, topics, parameters.get("group", "tidewise-streaming"),
                        parameters.has("bounded")),
                new RecordMapping(texts, canonical ? Topics.OBSERVATIONS : null),
                settings.build(),
                new TidewiseSinks(InfluxSink.observations(influx), InfluxSink.forecasts(influx),
                        InfluxSink.accuracy(influx), null, InfluxSink.deadLetterCounts(influx)),
                KafkaEdges.deadLetters(kafka, parameters.get("dead-letter-topic", Topics.DEAD_LETTER)));
        if (parameters.has("publish-forecasts")) {
            streams.forecasts().sinkTo(KafkaEdges.forecasts(kafka, Topics.FORECASTS))
                    .uid("forecasts-kafka-sink").name("forecasts to Kafka");
        }
        String name = parameters.get("name", "tidewise");
        LOG.info("Job '{}' reads {} from {}, forecasts with {} (context {}), writes to {}; checkpoints: {}", name,
                topics, kafka, forecasters, contextLength, influx, checkpoints);
        return name;
    }

    /**
     * The checkpoint options among the arguments, as Flink configuration: the checkpoint directory
     * ({@code --checkpoint-dir}; absent, the cluster's own setting stands) and what a cancelled job leaves behind
     * ({@code --checkpoint-retention}). Flink's default deletes a cancelled job's checkpoints; this job keeps the
     * last one by default, so that a job cancelled for an upgrade or a move resumes where it stopped instead of
     * re-reading Kafka from its committed offsets with empty state.
     */
    public static Configuration checkpointOptions(ParameterTool parameters) {
        Configuration options = new Configuration();
        if (parameters.has("checkpoint-dir")) {
            options.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            options.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    checkpointDirectory(required(parameters, "checkpoint-dir")));
        }
        options.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                retention(parameters.get("checkpoint-retention", "retain-on-cancellation")));
        return options;
    }

    /**
     * An absolute local path becomes a {@code file:} URI (Flink's checkpoint storage refuses a path without a
     * scheme); a relative one is refused: each task manager would resolve it against its own working directory.
     */
    private static String checkpointDirectory(String text) {
        org.apache.flink.core.fs.Path directory;
        try {
            directory = new org.apache.flink.core.fs.Path(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--checkpoint-dir must be a path or URI, was '" + text + "': "
                    + e.getMessage(), e);
        }
        if (directory.toUri().getScheme() == null && !directory.isAbsolute()) {
            throw new IllegalArgumentException("--checkpoint-dir must be an absolute path or a URI with a scheme "
                    + "(file:///..., s3://...), was '" + text + "'");
        }
        return directory.toUri().getScheme() != null ? directory.toString()
                : new org.apache.flink.core.fs.Path("file", null, directory.toUri().getPath()).toString();
    }

    private static ExternalizedCheckpointRetention retention(String text) {
        try {
            return ExternalizedCheckpointRetention.valueOf(
                    text.strip().replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--checkpoint-retention must be retain-on-cancellation, "
                    + "delete-on-cancellation or no-externalized-checkpoints, was '" + text + "'", e);
        }
    }

    private static String required(ParameterTool parameters, String key) {
        String value = parameters.get(key);
        // "__NO_VALUE_KEY" is what ParameterTool answers for an option given without its value.
        if (value == null || value.isBlank() || value.equals("__NO_VALUE_KEY")) {
            throw new IllegalArgumentException("--" + key + " is required, was " + (value == null ? "absent"
                    : "'" + value + "'") + "\n\n" + USAGE);
        }
        return value;
    }

    private static Instant instant(ParameterTool parameters, String key) {
        String text = required(parameters, key);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--" + key + " must be an ISO-8601 instant such as "
                    + "2026-01-01T00:00:00Z, was '" + text + "'", e);
        }
    }

    private static Aggregation aggregation(String text) {
        try {
            return Aggregation.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--aggregation must be last or mean, was '" + text + "'", e);
        }
    }

    /** Asks the model itself: loading it once on the client costs a second and saves a mismatched context. */
    private static int contextLengthOf(ForecasterFactory forecasters) {
        try (Forecaster forecaster = forecasters.create()) {
            return forecaster.maxContextLength();
        } catch (Exception e) {
            throw new IllegalArgumentException("the default model could not be loaded (" + forecasters + "): "
                    + e.getMessage(), e);
        }
    }

    private static List<Path> yamlFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("--streams must be a directory, was '" + directory + "'");
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml"))
                    .sorted().toList();
        }
    }
}
