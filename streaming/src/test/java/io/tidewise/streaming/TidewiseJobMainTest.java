package io.tidewise.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint options of {@code main}: what a cancelled job leaves to resume from, and where. */
class TidewiseJobMainTest {

    @Test
    void aCancelledJobKeepsItsLastCheckpointByDefaultInTheClustersDirectory() {
        Configuration options = TidewiseJobMain.checkpointOptions(arguments());

        assertThat(options.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(options.getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEmpty();
        assertThat(options.getOptional(CheckpointingOptions.CHECKPOINT_STORAGE)).isEmpty();
    }

    @Test
    void checkpointsGoToTheDirectoryAndRetentionTheOptionsName(@TempDir Path directory) {
        Configuration options = TidewiseJobMain.checkpointOptions(arguments("--checkpoint-dir", directory.toString(),
                "--checkpoint-retention", "delete-on-cancellation"));

        assertThat(options.get(CheckpointingOptions.CHECKPOINT_STORAGE)).isEqualTo("filesystem");
        // Flink's checkpoint storage refuses a path without a scheme.
        assertThat(options.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("file:" + directory);
        assertThat(options.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.DELETE_ON_CANCELLATION);
        assertThat(TidewiseJobMain.checkpointOptions(arguments("--checkpoint-dir", "s3://bucket/tidewise"))
                .get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("s3://bucket/tidewise");
    }

    @Test
    void aCheckpointDirectoryTaskManagersWouldEachResolveDifferentlyIsRefused() {
        assertThatThrownBy(() -> TidewiseJobMain.checkpointOptions(arguments("--checkpoint-dir", "checkpoints")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--checkpoint-dir must be an absolute path or a URI")
                .hasMessageContaining("'checkpoints'");
        assertThatThrownBy(() -> TidewiseJobMain.checkpointOptions(arguments("--checkpoint-dir")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--checkpoint-dir is required");
    }

    @Test
    void anUnknownRetentionIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> TidewiseJobMain.checkpointOptions(arguments("--checkpoint-retention", "forever")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--checkpoint-retention must be retain-on-cancellation, delete-on-cancellation or "
                        + "no-externalized-checkpoints, was 'forever'");
    }

    @Test
    void theJobItBuildsCarriesTheCheckpointOptions(@TempDir Path directory) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        Path checkpoints = directory.resolve("checkpoints");

        // Building the graph connects to nothing: no broker, InfluxDB or model is needed (--context skips loading).
        TidewiseJobMain.configure(env, arguments("--kafka", "127.0.0.1:9", "--influx", "http://127.0.0.1:9",
                "--model", directory.resolve("no-model").toString(), "--context", "8", "--canonical",
                "--checkpoint-dir", checkpoints.toString()));

        assertThat(env.getCheckpointConfig().getExternalizedCheckpointRetention())
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(env.getConfiguration().get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .isEqualTo("file:" + checkpoints);
        assertThat(TidewiseJobMain.USAGE).contains("--checkpoint-dir DIR", "--checkpoint-retention R");
    }

    private static ParameterTool arguments(String... arguments) {
        return ParameterTool.fromArgs(arguments);
    }
}
