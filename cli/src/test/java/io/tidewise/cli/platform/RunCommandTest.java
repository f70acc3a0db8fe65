package io.tidewise.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.cli.CommandRun;
import io.tidewise.cli.ExitCodes;
import io.tidewise.cli.TidewiseCommand;
import io.tidewise.cli.TinyCheckpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tidewise run} as a user runs it: where things are, a status line, a clean stop; and its option checks. */
class RunCommandTest {
    private static final String STREAMS = Path.of("..", "streams").toString();

    @TempDir
    Path dir;

    @Test
    void printsWhereEveryPieceListensThenStatusLinesAndStopsAfterTheGivenTimeThenResumesOnItsDataDirectory()
            throws Exception {
        Path checkpoint = TinyCheckpoint.create(dir.resolve("tiny"));
        Path data = dir.resolve("data");
        ListenersWhenTheWebAppStarts listeners = new ListenersWhenTheWebAppStarts();
        int exitCode = TidewiseCommand.commandLine().setOut(new PrintWriter(listeners, true))
                .setErr(new PrintWriter(new StringWriter(), true))
                .execute("run", "--model", checkpoint.toString(), "--streams", STREAMS, "--data-dir", data.toString(),
                        "--kafka-port", "0", "--flink-port", "0", "--ui-port", "0", "--ui-users",
                        dir.resolve("users").toString(), "--series", "1", "--history", "40", "--for", "40s");

        String out = listeners.toString();
        assertThat(exitCode).as(out).isEqualTo(ExitCodes.OK);
        assertThat(out).contains("Tidewise is running")
                .containsPattern("Kafka bootstrap +127\\.0\\.0\\.1:\\d+")
                .containsPattern("InfluxDB +http://127\\.0\\.0\\.1:\\d+")
                .containsPattern("Flink REST +http://127\\.0\\.0\\.1:\\d+")
                .contains("  Data             " + data.toAbsolutePath())
                .contains("  Job state        fresh (no checkpoint to resume from yet)")
                .containsPattern("sent \\d+ records; InfluxDB: \\d+ series observed, \\d+ forecast; dead letters: 0");
        // the web app beside the platform: every socket of this JVM and influxd on loopback, the app's among them
        Matcher webApp = Pattern.compile("Web app +http://127\\.0\\.0\\.1:(\\d+)").matcher(out);
        assertThat(webApp.find()).as(out).isTrue();
        assertThat(listeners.seen).as("listening sockets while the web app runs").isNotEmpty()
                .allSatisfy(listener -> assertThat(listener.isLoopback()).as("%s is loopback", listener).isTrue())
                .anySatisfy(listener -> assertThat(listener.port()).isEqualTo(Integer.parseInt(webApp.group(1))));

        CommandRun again = CommandRun.of("run", "--model", checkpoint.toString(), "--streams", STREAMS,
                "--data-dir", data.toString(), "--kafka-port", "0", "--flink-port", "0", "--ui-port", "-1",
                "--series", "1", "--history", "40", "--for", "5s");
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).containsPattern("Job state +resumed from checkpoint "
                + Pattern.quote(data.toAbsolutePath().resolve("flink").resolve("checkpoints").toString())
                + "/[0-9a-f]{32}/chk-\\d+");
    }

    @Test
    void aDataDirectoryInUseIsRefusedNamingItAndTheHolder() throws Exception {
        Path checkpoint = TinyCheckpoint.create(dir.resolve("tiny"));
        Path data = dir.resolve("data");
        try (DataDirectory held = DataDirectory.open(data)) {
            CommandRun run = CommandRun.of("run", "--model", checkpoint.toString(), "--streams", STREAMS,
                    "--data-dir", data.toString(), "--kafka-port", "0", "--flink-port", "0", "--ui-port", "-1",
                    "--for", "5s");
            assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(run.err()).contains("the data directory " + data.toAbsolutePath()
                    + " is in use by another `tidewise run` (pid " + ProcessHandle.current().pid() + ")");
        }
        CommandRun both = CommandRun.of("run", "--ephemeral", "--data-dir", data.toString());
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("--ephemeral and --data-dir " + data + " exclude each other");
    }

    /** Keeps what the command prints and, when the web app announces itself, the sockets listening right then. */
    private static final class ListenersWhenTheWebAppStarts extends StringWriter {
        volatile List<ListeningSockets.Listener> seen = List.of();

        @Override
        public synchronized void flush() {
            super.flush();
            if (seen.isEmpty() && getBuffer().toString().matches("(?s).*Web app +http://.*")) {
                try {
                    seen = ListeningSockets.ofThisProcessAndItsChildren();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
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
