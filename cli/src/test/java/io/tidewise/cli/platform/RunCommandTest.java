package io.tidewise.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.cli.CommandRun;
import io.tidewise.cli.ExitCodes;
import io.tidewise.cli.TinyCheckpoint;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tidewise run} as a user runs it: where things are, a status line, a clean stop; and its option checks. */
class RunCommandTest {
    private static final String STREAMS = Path.of("..", "streams").toString();

    @TempDir
    Path dir;

    @Test
    void printsWhereEveryPieceListensThenStatusLinesAndStopsAfterTheGivenTime() throws Exception {
        Path checkpoint = TinyCheckpoint.create(dir.resolve("tiny"));
        CommandRun run = CommandRun.of("run", "--model", checkpoint.toString(), "--streams", STREAMS,
                "--kafka-port", "0", "--flink-port", "0", "--ui-port", "0", "--ui-users", dir.resolve("users").toString(), "--series", "1", "--history", "40", "--for", "12s");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Tidewise is running")
                .containsPattern("Kafka bootstrap +127\\.0\\.0\\.1:\\d+")
                .containsPattern("InfluxDB +http://127\\.0\\.0\\.1:\\d+")
                .containsPattern("Flink REST +http://127\\.0\\.0\\.1:\\d+")
                .containsPattern("sent \\d+ records; InfluxDB: \\d+ series observed, \\d+ forecast; dead letters: 0");
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheValue() {
        CommandRun series = CommandRun.of("run", "--series", "-1");
        assertThat(series.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(series.err()).contains("--series must not be negative, was -1");

        CommandRun duration = CommandRun.of("run", "--for", "soon");
        assertThat(duration.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(duration.err()).contains("--for must be a duration such as 90s, 10m or PT1H, was 'soon'");

        CommandRun speed = CommandRun.of("run", "--speed", "fast");
        assertThat(speed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(speed.err()).contains("--speed must look like").contains("'fast'");
    }

    @Test
    void aFlinkAddressThatIsNotHostAndPortIsRefusedByName() {
        assertThat(org.assertj.core.api.Assertions.catchThrowable(
                () -> Platform.HostAndPort.parse("--flink", "localhost")))
                .hasMessage("--flink must be host:port, was 'localhost'");
        assertThat(Platform.HostAndPort.parse("--flink", "jobmanager:8081"))
                .isEqualTo(new Platform.HostAndPort("jobmanager", 8081));
    }
}
