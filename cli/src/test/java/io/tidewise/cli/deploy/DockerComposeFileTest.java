package io.tidewise.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tidewise.cli.deploy.ComposeStack.Mount;
import io.tidewise.cli.ui.UiCommand;
import io.tidewise.core.StreamDefinition;
import io.tidewise.ingest.definition.StreamDefinitionLoader;
import io.tidewise.ingest.topic.Topics;
import io.tidewise.store.InfluxSchema;
import io.tidewise.store.InfluxSettings;
import io.tidewise.ui.security.UserDirectory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * docker-compose.yml against docker-compose 1.29's validator and against what the code really reads: the web app's
 * options (UiCommand's picocli model), the environment variables of store and ui, the topics of ingest and of the
 * shipped stream definitions, and the versions in the root pom. There is no Docker engine here: the stack is
 * validated, never started.
 */
class DockerComposeFileTest {
    private static final String KAFKA = "kafka";
    private static final String INFLUXDB = "influxdb";
    private static final String JOBMANAGER = "jobmanager";
    private static final String TASKMANAGER = "taskmanager";
    private static final String JOB_SUBMITTER = "job-submitter";
    private static final String KAFKA_SETUP = "kafka-setup";
    private static final String APP = "app";
    private static final String GRAFANA = "grafana";
    private static final String CHECKPOINT_DIRECTORY_KEY = "execution.checkpointing.dir";

    private static ComposeStack stack;
    private static Document rootPom;

    @BeforeAll
    static void resolveTheStack() throws Exception {
        stack = ComposeStack.resolved();
        rootPom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ComposeStack.ROOT.resolve("pom.xml").toFile());
    }

    @Test
    void dockerComposeValidatesTheFileAndRefusesToRunWithoutPasswords() throws Exception {
        ComposeStack.Result quiet = ComposeStack.dockerCompose("--env-file", ComposeStack.ENV_EXAMPLE.toString(),
                "-f", ComposeStack.COMPOSE_FILE.toString(), "config", "-q");
        assertThat(quiet.exitCode()).as("docker-compose config -q: %s", quiet.stderr()).isZero();

        // No password ships: without an environment file the stack must not resolve.
        Path empty = Files.createTempFile("empty-", ".env");
        try {
            ComposeStack.Result withoutSettings = ComposeStack.dockerCompose("--env-file", empty.toString(), "-f",
                    ComposeStack.COMPOSE_FILE.toString(), "config", "-q");
            assertThat(withoutSettings.exitCode()).as("config without .env").isNotZero();
            assertThat(withoutSettings.stderr()).contains("PASSWORD").contains(".env");
        } finally {
            Files.delete(empty);
        }
    }

    @Test
    void theServicesOfThePlatformArePresent() {
        assertThat(stack.serviceNames())
                .contains(KAFKA, KAFKA_SETUP, INFLUXDB, JOBMANAGER, TASKMANAGER, JOB_SUBMITTER, APP, GRAFANA);
        assertThat(stack.command(JOBMANAGER)).containsExactly("jobmanager");
        assertThat(stack.command(TASKMANAGER)).containsExactly("taskmanager");
    }

    @Test
    void everyImageIsPinnedAndMatchesTheVersionsTheBuildUses() throws IOException {
        for (String name : stack.serviceNames()) {
            String image = stack.service(name).path("image").asText();
            assertThat(image).as("image of service %s", name).isNotBlank();
            assertThat(tagOf(image)).as("tag of the image of service %s (%s)", name, image)
                    .isNotBlank().isNotEqualTo("latest");
            if (stack.service(name).has("build")) {
                assertThat(tagOf(image)).as("a built image is tagged with the project's version: %s", name)
                        .isEqualTo(pomValue("version"));
            }
        }
        assertThat(stack.service(KAFKA).path("image").asText())
                .isEqualTo("apache/kafka:" + pomProperty("kafka.version"));
        assertThat(stack.service(INFLUXDB).path("image").asText())
                .as("InfluxDB 1.8: the v1 API the store module speaks").matches("influxdb:1\\.8\\.\\d+");

        // The Dockerfile's base images: pinned too, and Flink's is the pom's Flink on Java 17.
        List<String> stages = new ArrayList<>();
        List<String> bases = new ArrayList<>();
        Pattern from = Pattern.compile("^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);
        for (String line : Files.readAllLines(ComposeStack.ROOT.resolve("deploy/Dockerfile"))) {
            Matcher matcher = from.matcher(line.trim());
            if (matcher.find()) {
                if (!stages.contains(matcher.group(1))) {
                    bases.add(matcher.group(1));
                }
                if (matcher.group(2) != null) {
                    stages.add(matcher.group(2));
                }
            }
        }
        assertThat(bases).isNotEmpty().allSatisfy(base ->
                assertThat(tagOf(base)).as("tag of base image %s", base).isNotBlank().isNotEqualTo("latest"));
        assertThat(bases).contains("flink:" + pomProperty("flink.version") + "-scala_2.12-java17");
        assertThat(stages).as("Dockerfile stages the compose file builds").contains(
                stack.service(APP).path("build").path("target").asText(),
                stack.service(JOBMANAGER).path("build").path("target").asText());
    }

    @Test
    void theWebAppsCommandUsesOptionsUiCommandHasAndReachesTheServicesOfTheStack() {
        List<String> command = stack.command(APP);
        assertThat(command.subList(0, 2)).containsExactly("tidewise", "ui");
        // picocli refuses an option UiCommand does not have, or a value of the wrong type.
        ParseResult options = new CommandLine(new UiCommand()).parseArgs(
                command.subList(2, command.size()).toArray(String[]::new));

        int port = options.matchedOptionValue("--port", -1);
        assertThat(publishedPorts(APP)).as("published ports of the app").containsEntry(port, "127.0.0.1");
        // Inside its container the app must listen beyond loopback to be published at all; the host side is
        // loopback (above).
        assertThat(options.<String>matchedOptionValue("--host", null)).isEqualTo("0.0.0.0");

        URI influx = URI.create(options.matchedOptionValue("--influx", ""));
        assertThat(influx.getHost()).isEqualTo(INFLUXDB);
        assertThat(influx.getPort()).isEqualTo(containerPort(INFLUXDB, "/ping"));
        assertThat(options.<String>matchedOptionValue("--database", InfluxSchema.DEFAULT_DATABASE))
                .isEqualTo(stack.environment(INFLUXDB).get("INFLUXDB_DB"));

        URI flink = URI.create(options.matchedOptionValue("--flink-rest", ""));
        assertThat(flink.getHost()).isEqualTo(JOBMANAGER);
        assertThat(flink.getPort()).isEqualTo(containerPort(JOBMANAGER, "/overview"));

        String kafka = options.matchedOptionValue("--kafka", "");
        assertThat(advertisedListeners()).as("Kafka's advertised listeners").contains(kafka);

        assertThat(stack.namedVolumeAt(APP, options.<Path>matchedOptionValue("--models", null).toString()))
                .as("the model registry (--models) is a named volume").isPresent();
        assertThat(stack.namedVolumeAt(APP, options.<Path>matchedOptionValue("--users", null).getParent()
                .toString())).as("the users file (--users) lives in a named volume").isPresent();
    }

    @Test
    void theJobAndTheAppGetInfluxCredentialsThroughTheVariablesStoreReads() {
        Map<String, String> influx = stack.environment(INFLUXDB);
        assertThat(influx).containsEntry("INFLUXDB_HTTP_AUTH_ENABLED", "true");
        for (String service : List.of(APP, JOB_SUBMITTER)) {
            assertThat(stack.environment(service)).as("environment of %s", service)
                    .containsEntry(InfluxSettings.ENV_USER, influx.get("INFLUXDB_USER"))
                    .containsEntry(InfluxSettings.ENV_PASSWORD, influx.get("INFLUXDB_USER_PASSWORD"));
        }
        Map<String, String> grafana = stack.environment(GRAFANA);
        assertThat(grafana.get("TIDEWISE_INFLUX_USER")).isEqualTo(influx.get("INFLUXDB_READ_USER"));
        assertThat(grafana.get("TIDEWISE_INFLUX_PASSWORD")).isEqualTo(influx.get("INFLUXDB_READ_USER_PASSWORD"));
        assertThat(grafana.get("TIDEWISE_INFLUX_DATABASE")).isEqualTo(influx.get("INFLUXDB_DB"));
    }

    /**
     * Each TIDEWISE_* variable a service sets is one the code reads (store's InfluxSettings, ui's UserDirectory) or
     * one the deploy file the service runs reads: a misspelt or retired name would otherwise be ignored silently.
     */
    @Test
    void everyTidewiseVariableIsOneSomethingReads() throws IOException {
        Set<String> readByCode = Set.of(InfluxSettings.ENV_URL, InfluxSettings.ENV_DATABASE, InfluxSettings.ENV_USER,
                InfluxSettings.ENV_PASSWORD, UserDirectory.ENV_USERS);
        String deployFiles = deployFilesText();
        for (String service : stack.serviceNames()) {
            for (String variable : stack.environment(service).keySet()) {
                if (variable.startsWith("TIDEWISE_") && !readByCode.contains(variable)) {
                    assertThat(deployFiles).as("%s of service %s is read by no deploy file and by none of %s",
                            variable, service, readByCode).contains("${" + variable);
                }
            }
        }
    }

    @Test
    void theKafkaSetupCreatesTidewisesTopicsAndThoseOfEveryShippedStream() {
        Set<String> created = Set.of(stack.environment(KAFKA_SETUP).get("TIDEWISE_TOPICS").trim().split("\\s+"));
        Set<String> needed = new LinkedHashSet<>(List.of(Topics.OBSERVATIONS, Topics.DEAD_LETTER, Topics.FORECASTS));
        new StreamDefinitionLoader().loadDirectory(ComposeStack.ROOT.resolve("streams")).definitions().stream()
                .map(StreamDefinition::topic).forEach(needed::add);
        assertThat(created).containsAll(needed);
        assertThat(stack.service(JOB_SUBMITTER).path("depends_on").path(KAFKA_SETUP).path("condition").asText())
                .isEqualTo("service_completed_successfully");
    }

    @Test
    void dataLivesInNamedVolumesEveryServiceSeesAtTheSamePath() {
        Set<String> declared = new LinkedHashSet<>();
        stack.config().path("volumes").fieldNames().forEachRemaining(declared::add);
        for (String service : stack.serviceNames()) {
            for (Mount mount : stack.mounts(service)) {
                if (mount.isNamedVolume()) {
                    assertThat(declared).as("volume %s of service %s is declared", mount.source(), service)
                            .contains(mount.source());
                } else {
                    assertThat(Path.of(mount.source())).as("bind mount of service %s", service).exists();
                }
            }
        }
        assertThat(stack.namedVolumeAt(KAFKA, stack.environment(KAFKA).get("KAFKA_LOG_DIRS"))).isPresent();
        assertThat(stack.namedVolumeAt(INFLUXDB, "/var/lib/influxdb")).isPresent();

        // Checkpoints: the job manager and the task managers write them, the submitter resumes from them; one volume,
        // at the path the cluster is configured with.
        String checkpoints = URI.create(flinkProperties(JOBMANAGER).get(CHECKPOINT_DIRECTORY_KEY)).getPath();
        assertThat(flinkProperties(TASKMANAGER).get(CHECKPOINT_DIRECTORY_KEY))
                .isEqualTo(flinkProperties(JOBMANAGER).get(CHECKPOINT_DIRECTORY_KEY));
        assertThat(stack.environment(JOB_SUBMITTER).get("TIDEWISE_CHECKPOINT_DIR")).isEqualTo(checkpoints);
        Set<String> checkpointVolumes = List.of(JOBMANAGER, TASKMANAGER, JOB_SUBMITTER).stream()
                .map(service -> stack.namedVolumeAt(service, checkpoints)
                        .orElseThrow(() -> new AssertionError(service + " has no named volume at " + checkpoints)))
                .collect(Collectors.toSet());
        assertThat(checkpointVolumes).hasSize(1);

        // The model registry: the job's client loads it in the submitter, the task managers forecast with it, the
        // app retrains into it, all at the same absolute path (streaming/README.md).
        Set<String> registries = List.of(TASKMANAGER, JOB_SUBMITTER, APP).stream()
                .map(service -> stack.namedVolumeAt(service, "/opt/tidewise/models")
                        .orElseThrow(() -> new AssertionError(service + " has no model registry volume")))
                .collect(Collectors.toSet());
        assertThat(registries).hasSize(1);
    }

    /**
     * A service is long-running (restarted unless stopped, with a healthcheck) or a one-shot (never restarted);
     * whoever depends on a one-shot waits for its success, on a long-running one for its health.
     */
    @Test
    void everyLongRunningServiceHasAHealthcheckAndDependenciesWaitForIt() {
        Set<String> oneShots = new LinkedHashSet<>();
        for (String service : stack.serviceNames()) {
            JsonNode definition = stack.service(service);
            String restart = definition.path("restart").asText("no");
            if (restart.equals("no")) {
                oneShots.add(service);
                continue;
            }
            assertThat(restart).as("restart of %s", service).isEqualTo("unless-stopped");
            assertThat(definition.path("healthcheck").path("test").isArray())
                    .as("healthcheck of long-running service %s", service).isTrue();
        }
        assertThat(oneShots).containsExactlyInAnyOrder(KAFKA_SETUP, JOB_SUBMITTER);
        for (String service : stack.serviceNames()) {
            stack.service(service).path("depends_on").fields().forEachRemaining(dependency ->
                    assertThat(dependency.getValue().path("condition").asText())
                            .as("%s waits for %s", service, dependency.getKey())
                            .isEqualTo(oneShots.contains(dependency.getKey()) ? "service_completed_successfully"
                                    : "service_healthy"));
        }
    }

    @Test
    void portsArePublishedOnLoopbackOnlyByDefault() {
        for (String service : stack.serviceNames()) {
            for (JsonNode port : stack.service(service).path("ports")) {
                assertThat(port.asText()).as("published port of %s", service).startsWith("127.0.0.1:");
            }
        }
    }

    @Test
    void theEnvironmentExampleHoldsPlaceholdersOnlyAndTheRealOneIsIgnored() throws IOException {
        Properties example = new Properties();
        try (var reader = Files.newBufferedReader(ComposeStack.ENV_EXAMPLE)) {
            example.load(reader);
        }
        List<String> passwords = example.stringPropertyNames().stream().filter(name -> name.contains("PASSWORD"))
                .sorted().toList();
        assertThat(passwords).isNotEmpty();
        for (String password : passwords) {
            assertThat(example.getProperty(password)).as(password).isEqualTo("change-me");
        }
        assertThat(Files.readAllLines(ComposeStack.ROOT.resolve(".gitignore"))).contains(".env");
    }

    /** Container port to host address, of a service's published ports ({@code 127.0.0.1:8080:8080/tcp}). */
    private static Map<Integer, String> publishedPorts(String service) {
        Map<Integer, String> ports = new LinkedHashMap<>();
        for (JsonNode port : stack.service(service).path("ports")) {
            String[] parts = port.asText().replace("/tcp", "").split(":");
            ports.put(Integer.parseInt(parts[parts.length - 1]), parts.length == 3 ? parts[0] : "0.0.0.0");
        }
        return ports;
    }

    /** The port a service's own healthcheck asks at {@code path}: the one it serves inside the stack. */
    private static int containerPort(String service, String path) {
        List<String> test = new ArrayList<>();
        stack.service(service).path("healthcheck").path("test").forEach(word -> test.add(word.asText()));
        return test.stream().filter(word -> word.startsWith("http://") && word.endsWith(path))
                .map(word -> URI.create(word).getPort()).findFirst()
                .orElseThrow(() -> new AssertionError("the healthcheck of " + service + " asks no URL ending in "
                        + path + ": " + test));
    }

    private static List<String> advertisedListeners() {
        return Arrays.stream(stack.environment(KAFKA).get("KAFKA_ADVERTISED_LISTENERS").split(","))
                .map(listener -> listener.substring(listener.indexOf("://") + 3)).toList();
    }

    /** {@code key: value} lines of a Flink service's FLINK_PROPERTIES, as the image's entrypoint reads them. */
    private static Map<String, String> flinkProperties(String service) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : stack.environment(service).getOrDefault("FLINK_PROPERTIES", "").split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                properties.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return properties;
    }

    private static String deployFilesText() throws IOException {
        StringBuilder text = new StringBuilder();
        try (var files = Files.walk(ComposeStack.ROOT.resolve("deploy"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                text.append(Files.readString(file)).append('\n');
            }
        }
        return text.toString();
    }

    private static String tagOf(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.indexOf(':', slash + 1);
        return colon < 0 ? "" : image.substring(colon + 1);
    }

    private static String pomValue(String element) {
        Element project = rootPom.getDocumentElement();
        for (var node = project.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && child.getTagName().equals(element)) {
                return child.getTextContent().trim();
            }
        }
        throw new AssertionError("the root pom has no <" + element + ">");
    }

    private static String pomProperty(String name) {
        var properties = rootPom.getDocumentElement().getElementsByTagName(name);
        if (properties.getLength() == 0) {
            throw new AssertionError("the root pom has no property " + name);
        }
        return properties.item(0).getTextContent().trim();
    }
}
