package io.tidewise.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.cli.CommandRun;
import io.tidewise.cli.ExitCodes;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tidewise ui} as a first user meets it: it serves the login page on loopback, sends a visitor who is not
 * logged in there, and prints where it listens and the admin password it generated, whose hash alone is stored.
 * InfluxDB, Kafka and Flink need not run for that (the app opens them on use and Health says they are down).
 */
class UiCommandTest {
    @TempDir
    Path dir;

    @Test
    void servesTheLoginPageAndPrintsTheFirstRunPasswordOnce() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path users = dir.resolve("users");
        CompletableFuture<CommandRun> run = CompletableFuture.supplyAsync(() -> CommandRun.of("ui", "--port",
                Integer.toString(port), "--users", users.toString(), "--influx", "http://127.0.0.1:1",
                "--kafka", "127.0.0.1:1", "--flink-rest", "http://127.0.0.1:1", "--streams", dir.toString(),
                "--models", dir.toString(), "--for", "PT25S"));

        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "http://127.0.0.1:" + port + "/";
        HttpResponse<String> login = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (login == null && System.nanoTime() < deadline && !run.isDone()) {
            try {
                login = http.send(HttpRequest.newBuilder(URI.create(base + "login")).timeout(Duration.ofSeconds(25))
                        .build(), HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException notYet) {
                Thread.sleep(300);
            }
        }
        assertThat(login).as("the login page answered; the command said: %s", run.isDone() ? run.get().err() : "")
                .isNotNull();
        assertThat(login.statusCode()).isEqualTo(200);
        HttpResponse<String> root = http.send(HttpRequest.newBuilder(URI.create(base)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login"));

        CommandRun finished = run.get(60, TimeUnit.SECONDS);
        assertThat(finished.exitCode()).as(finished.err()).isEqualTo(ExitCodes.OK);
        assertThat(finished.out()).contains("Tidewise web app: " + base)
                .containsPattern("created web app user 'admin' with password [A-Za-z0-9_-]{20}");
        String password = finished.out().replaceAll("(?s).*with password ([A-Za-z0-9_-]{20}).*", "$1");
        assertThat(Files.readString(users)).contains("admin:admin:$2a$").doesNotContain(password);
    }
}
