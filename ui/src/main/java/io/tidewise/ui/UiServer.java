package io.tidewise.ui;

import io.tidewise.ui.config.UiSettings;
import io.tidewise.ui.security.UserDirectory;
import io.tidewise.ui.streams.JobRestarter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The running web app, started in this JVM; closing it stops the web server. */
public final class UiServer implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final String url;
    private final Optional<String> firstRunPassword;
    private final Path usersFile;

    private UiServer(ConfigurableApplicationContext context) {
        this.context = context;
        String host = context.getEnvironment().getProperty("server.address", "127.0.0.1");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        this.url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/";
        this.usersFile = context.getBean(UiSettings.class).usersFile();
        this.firstRunPassword = context.getBean(UserDirectory.class).createFirstAdminIfNone(usersFile);
    }

    /** Starts the app and returns once it serves requests. */
    public static UiServer start(UiOptions options, String... args) {
        return launch(options, null, args);
    }

    /**
     * Starts the app with the restarter of the streaming job this program runs beside it (null for none), so that
     * the Streams view can apply saved definitions; returns once it serves requests.
     */
    public static UiServer start(UiOptions options, JobRestarter restarter) {
        return launch(options, restarter);
    }

    private static UiServer launch(UiOptions options, JobRestarter restarter, String... args) {
        if (options.keepHostLogging()) {
            // Spring Boot would otherwise reconfigure logback for the whole JVM
            System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
            // and Tomcat would print its INFO lines through java.util.logging's own console handler
            if (!SLF4JBridgeHandler.isInstalled()) {
                SLF4JBridgeHandler.removeHandlersForRootLogger();
                SLF4JBridgeHandler.install();
            }
        }
        // as command-line arguments, which win over application.properties (default properties would not)
        List<String> arguments = new ArrayList<>();
        options.properties().forEach((key, value) -> arguments.add("--" + key + "=" + value));
        arguments.addAll(List.of(args));
        SpringApplicationBuilder builder = new SpringApplicationBuilder(TidewiseWebApp.class)
                .bannerMode(Banner.Mode.OFF);
        if (restarter != null) {
            builder.initializers(context -> context.getBeanFactory().registerSingleton("jobRestarter", restarter));
        }
        ConfigurableApplicationContext context = builder.run(arguments.toArray(String[]::new));
        return new UiServer(context);
    }

    /** Where the app serves, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        return url;
    }

    /** The admin password generated on a first run (no users configured): to be shown once, now. */
    public Optional<String> firstRunPassword() {
        return firstRunPassword;
    }

    public Path usersFile() {
        return usersFile;
    }

    /** The lines that tell a first user how to log in. */
    public static String firstRunMessage(UiServer server, String password) {
        return "First run: created web app user 'admin' with password " + password + "\n"
                + "  (shown only now; only its BCrypt hash is stored, in " + server.usersFile().toAbsolutePath()
                + ", where more users can be added)";
    }

    @Override
    public void close() {
        context.close();
    }
}
