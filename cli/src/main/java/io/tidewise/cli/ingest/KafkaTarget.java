package io.tidewise.cli.ingest;

import io.tidewise.cli.Home;
import io.tidewise.ingest.definition.StreamCatalog;
import io.tidewise.ingest.definition.StreamDefinitionLoader;
import io.tidewise.ingest.topic.TopicAdmin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options both producers share: where Kafka is, where the stream definitions are, the topic's shape. */
public final class KafkaTarget {
    @Option(names = "--kafka", defaultValue = "127.0.0.1:9092", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}, where ./tidewise run puts its"
                    + " broker).")
    String kafka;

    @Option(names = "--streams", paramLabel = "DIR",
            description = "Stream definitions (default: streams/ under the Tidewise home).")
    Path streams;

    @Option(names = "--partitions", defaultValue = "1", paramLabel = "N",
            description = "Partitions of the stream's topic if it must be created (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "1", paramLabel = "N",
            description = "Replication factor of the stream's topic if it must be created (default:"
                    + " ${DEFAULT-VALUE}).")
    short replicationFactor;

    /** The stream definitions in force. */
    StreamCatalog catalog(CommandLine commandLine) {
        Path directory = streams != null ? streams : Home.directory().resolve("streams");
        if (!Files.isDirectory(directory)) {
            throw new CommandLine.ParameterException(commandLine,
                    "--streams must be a folder of stream definitions, was " + directory);
        }
        return new StreamDefinitionLoader().loadDirectory(directory);
    }

    void validate(CommandLine commandLine) {
        if (partitions <= 0) {
            throw new CommandLine.ParameterException(commandLine, "--partitions must be positive, was " + partitions);
        }
        if (replicationFactor <= 0) {
            throw new CommandLine.ParameterException(commandLine,
                    "--replication-factor must be positive, was " + replicationFactor);
        }
    }

    /** Creates the stream's topic if it is missing (a broker may refuse to create topics on first use). */
    void ensureTopic(String topic) {
        try (TopicAdmin admin = new TopicAdmin(kafka, Duration.ofSeconds(30))) {
            admin.ensureTopics(Map.of(topic, partitions), replicationFactor);
        }
    }
}
