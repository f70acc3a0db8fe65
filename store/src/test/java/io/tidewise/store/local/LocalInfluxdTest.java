package io.tidewise.store.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalInfluxdTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private int ping(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/ping")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void startsOnLoopbackStopsAndRestartsAtTheSameUrlWithTheSameData(@TempDir Path directory) throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.builder().setDirectory(directory).build()) {
            influxd.start();
            String url = influxd.url();
            assertThat(url).startsWith("http://127.0.0.1:");
            assertThat(ping(url)).isEqualTo(204);
            String config = Files.readString(directory.resolve("influxd.conf"));
            assertThat(config).contains("reporting-disabled = true", "store-enabled = false",
                    "bind-address = \"127.0.0.1:" + influxd.httpPort() + "\"");

            influxd.stop();
            assertThat(influxd.isRunning()).isFalse();
            assertThat(ping(url)).isEqualTo(-1);

            influxd.start();
            assertThat(influxd.url()).isEqualTo(url);
            assertThat(ping(url)).isEqualTo(204);
            assertThat(directory.resolve("meta")).isDirectory();
        }
    }

    /** Ctrl-C signals the terminal's process group; influxd must wait for its owner's orderly stop instead. */
    @Test
    void runsInASessionOfItsOwnOutOfReachOfTheTerminalsSignals(@TempDir Path directory) throws Exception {
        try (LocalInfluxd influxd = LocalInfluxd.builder().setDirectory(directory)
                .optExitGrace(Duration.ofSeconds(5)).build()) {
            influxd.start();
            long pid = influxd.pid().orElseThrow();
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            assertThat(fields[0]).as("state of %s", stat).isNotEqualTo("Z");
            // after the command name: state, ppid, pgrp, session
            assertThat(Long.parseLong(fields[3])).as("session of influxd (pid %d)", pid).isEqualTo(pid);
            assertThat(ping(influxd.url())).isEqualTo(204);
        }
        assertThatThrownBy(() -> LocalInfluxd.builder().setDirectory(directory).optExitGrace(Duration.ofSeconds(-1)))
                .hasMessageContaining("exit grace must be zero or positive, was PT-1S");
    }

    @Test
    void aMissingOrBrokenExecutableIsReportedWithHowToInstallIt(@TempDir Path directory) throws Exception {
        assertThatThrownBy(() -> LocalInfluxd.builder().setDirectory(directory)
                .optExecutable(directory.resolve("no-such-influxd")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("executable must be an executable file");
        Path failing = Files.writeString(directory.resolve("fake-influxd"), "#!/bin/sh\necho 'bad config' >&2\nexit 3\n");
        failing.toFile().setExecutable(true);
        LocalInfluxd influxd = LocalInfluxd.builder().setDirectory(directory.resolve("server"))
                .optExecutable(failing).build();
        assertThatThrownBy(influxd::start)
                .hasMessageContaining("influxd exited with status 3 while starting")
                .hasMessageContaining("bad config");
        assertThat(LocalInfluxd.INSTALL_HINT).contains("apt-get install influxdb");
    }
}
