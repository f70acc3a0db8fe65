package io.tidewise.cli.ui;

import io.tidewise.cli.ExitCodes;
import io.tidewise.cli.Home;
import io.tidewise.ui.UiOptions;
import io.tidewise.ui.UiServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tidewise ui}: the web app alone, against an InfluxDB, a Kafka and a Flink that already run. */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = {"The web app against servers that already run (./tidewise run serves it by itself).",
                "Prints its address and, on a first run, the generated admin password (shown once).",
                "Users: name:role[,role]:bcrypt-hash lines in --users or in TIDEWISE_UI_USERS; roles analyst,"
                        + " engineer, modeler, admin."})
public final class UiCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--influx", defaultValue = "http://127.0.0.1:8086", paramLabel = "URL",
            description = "InfluxDB (1.x HTTP API) the job writes to; credentials from TIDEWISE_INFLUX_USER and"
                    + " TIDEWISE_INFLUX_PASSWORD (default: ${DEFAULT-VALUE}).")
    String influx;

    @Option(names = "--database", defaultValue = "tidewise", paramLabel = "NAME",
            description = "InfluxDB database (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--kafka", defaultValue = "127.0.0.1:9092", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String kafka;

    @Option(names = "--flink-rest", defaultValue = "http://127.0.0.1:8081", paramLabel = "URL",
            description = "Flink's REST API (default: ${DEFAULT-VALUE}).")
    String flinkRest;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--models", paramLabel = "DIR", description = "Model registry (default: models/ under the"
            + " Tidewise home).")
    Path models;

    @Option(names = "--streams", paramLabel = "DIR", description = "Stream definitions (default: streams/ under"
            + " the Tidewise home).")
    Path streams;

    @Option(names = "--users", paramLabel = "FILE", description = "Users file (default: ~/.tidewise/ui-users).")
    Path users;

    @Option(names = "--for", paramLabel = "DURATION", hidden = true,
            description = "Stop after this long (for tests), e.g. 30s.")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535, was " + port);
        }
        Path home = Home.directory();
        UiOptions options = new UiOptions(host, port, influx, database, kafka, flinkRest,
                models != null ? models : home.resolve("models"), streams != null ? streams : home.resolve("streams"),
                users, true);
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        try (UiServer server = UiServer.start(options)) {
            Thread hook = new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "tidewise-ui-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            out.println("Tidewise web app: " + server.url() + "  (Ctrl-C stops it)");
            out.println("  users: " + server.usersFile().toAbsolutePath() + "; InfluxDB " + influx + ", Kafka "
                    + kafka + ", Flink REST " + flinkRest);
            server.firstRunPassword().ifPresent(password -> out.println(UiServer.firstRunMessage(server, password)));
            out.flush();
            if (duration == null) {
                stopped.await();
            } else {
                stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook closes the server
            }
        }
        return ExitCodes.OK;
    }
}
