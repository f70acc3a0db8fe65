package io.tidewise.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.cli.TinyCheckpoint;
import io.tidewise.core.Domain;
import io.tidewise.ingest.produce.SpeedFactor;
import io.tidewise.store.SeriesSummary;
import io.tidewise.store.StoredForecast;
import io.tidewise.store.local.LocalInfluxd;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The platform as {@code ./tidewise run} starts it - a real KRaft broker, a real {@code influxd}, the Flink job on a
 * MiniCluster, the demo producers - with a tiny checkpoint: forecasts for all three demo domains reach InfluxDB, and
 * closing leaves no server behind.
 */
class PlatformTest {
    private static final Path STREAMS = Path.of("..", "streams");

    @TempDir
    Path dir;

    @Test
    void forecastsForEveryDemoDomainReachInfluxDbAndCloseStopsEveryServer() throws Exception {
        Path checkpoint = TinyCheckpoint.create(dir.resolve("tiny"));
        Platform platform = Platform.builder()
                .setStreams(STREAMS)
                .setModel(checkpoint)
                .optDataDirectory(dir.resolve("data"))
                .optSeriesPerDomain(2)
                .optHistorySteps(48)
                .optRate(500)
                .optSpeed(SpeedFactor.parse("60x"))
                .optCheckpointInterval(Duration.ofSeconds(1))
                .build();
        Map<Domain, StoredForecast> forecasts;
        LocalInfluxd influxd;
        String bootstrap;
        try {
            platform.start();
            bootstrap = platform.kafkaBootstrap();
            influxd = platform.localInfluxd().orElseThrow();
            assertThat(bootstrap).startsWith("127.0.0.1:");
            assertThat(platform.influxUrl()).startsWith("http://127.0.0.1:");
            assertThat(platform.flinkUrl()).startsWith("http://127.0.0.1:");
            assertListensOnLoopbackOnly(platform);
            forecasts = DemoForecasts.awaitForecastsOfEveryDomain(platform.queries(), Duration.ofSeconds(90));
            List<String> seen = new java.util.ArrayList<>();
            for (SeriesSummary series : platform.queries().series()) {
                seen.add(series.series() + " last " + series.lastTime() + " models "
                        + platform.queries().models(series.series()));
            }
            assertThat(forecasts).as("a forecast of each demo domain; stored: %s", seen)
                    .containsOnlyKeys(DemoForecasts.DEMO_DOMAINS);
            PlatformStatus status = platform.status();
            assertThat(status.recordsSent()).isGreaterThanOrEqualTo(3 * 2 * 48);
            assertThat(status.seriesStored()).isEqualTo(6);
            assertThat(status.seriesForecast()).isGreaterThanOrEqualTo(3);
            assertThat(status.deadLetters()).isZero();
        } finally {
            platform.close();
        }

        assertThat(forecasts).as("a forecast of each demo domain").containsOnlyKeys(DemoForecasts.DEMO_DOMAINS);
        DemoForecasts.assertWellFormed(forecasts.values(), "tiny@1");
        assertThat(influxd.isRunning()).as("influxd stopped").isFalse();
        assertThat(accepts(bootstrap)).as("the broker's port is closed").isFalse();
        // what a restart needs stays behind: the broker's log, influxd's data, the job's last checkpoint
        Path data = dir.resolve("data");
        assertThat(data.resolve("kafka").resolve("log").resolve("meta.properties")).isRegularFile();
        assertThat(data.resolve("influxd").resolve("data").resolve("tidewise")).isDirectory();
        try (DataDirectory reopened = DataDirectory.open(data)) {
            assertThat(reopened.latestCheckpoint()).as("a retained checkpoint in %s", reopened.checkpoints())
                    .isPresent();
        }
    }

    @Test
    void aCheckpointTheJobCannotResumeFromIsAnErrorNamingItAndHowToStartAfresh() throws Exception {
        Path checkpoint = TinyCheckpoint.create(dir.resolve("tiny"));
        Path data = dir.resolve("data");
        Path damaged = data.resolve("flink/checkpoints/0123456789abcdef0123456789abcdef/chk-3");
        java.nio.file.Files.createDirectories(damaged);
        java.nio.file.Files.writeString(damaged.resolve("_metadata"), "not a checkpoint");
        java.nio.file.Files.writeString(data.resolve(DataDirectory.LAYOUT_FILE), "layout=" + DataDirectory.LAYOUT);
        Platform platform = Platform.builder().setStreams(STREAMS).setModel(checkpoint).optDataDirectory(data)
                .optSeriesPerDomain(0).build();

        assertThat(org.assertj.core.api.Assertions.catchThrowable(platform::start))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the Flink job could not resume from its checkpoint " + damaged.toAbsolutePath())
                .hasMessageContaining("delete " + data.toAbsolutePath().resolve("flink/checkpoints"));
        assertThat(accepts(platform.kafkaBootstrap())).as("the broker stopped after the failure").isFalse();
    }

    /**
     * Every socket this JVM and its children (influxd) listen on while the platform runs is bound to loopback, and
     * the printed ports are among them: nothing is reachable from another machine unless asked.
     */
    static void assertListensOnLoopbackOnly(Platform platform) throws IOException {
        List<ListeningSockets.Listener> listeners = ListeningSockets.ofThisProcessAndItsChildren();
        assertThat(listeners).as("listening sockets of this JVM and influxd").isNotEmpty()
                .allSatisfy(listener -> assertThat(listener.isLoopback()).as("%s is loopback", listener).isTrue());
        List<Integer> ports = listeners.stream().map(ListeningSockets.Listener::port).toList();
        for (String url : List.of(platform.kafkaBootstrap(), platform.influxUrl(), platform.flinkUrl())) {
            assertThat(ports).as("the port of %s listens", url)
                    .contains(Integer.parseInt(url.substring(url.lastIndexOf(':') + 1)));
        }
        System.out.println("Listening while the platform runs: " + listeners);
    }

    private static boolean accepts(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostAndPort.substring(0, colon),
                    Integer.parseInt(hostAndPort.substring(colon + 1))), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
