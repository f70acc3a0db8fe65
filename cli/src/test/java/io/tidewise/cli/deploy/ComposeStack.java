package io.tidewise.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The repository's docker-compose.yml as docker-compose itself reads it: {@code docker-compose config} with
 * .env.example as the environment file resolves variables, anchors and merge keys into plain YAML, which is then
 * parsed. docker-compose 1.29 (Debian's package) is the validator: a missing one fails the tests, never skips them.
 */
final class ComposeStack {
    static final String INSTALL_HINT = "docker-compose is needed to validate docker-compose.yml: install it with"
            + " `apt-get install -y docker-compose` (scripts/test-all.sh does)";

    /** The repository root: cli's tests run in cli/. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path COMPOSE_FILE = ROOT.resolve("docker-compose.yml");
    static final Path ENV_EXAMPLE = ROOT.resolve(".env.example");

    private final JsonNode config;

    private ComposeStack(JsonNode config) {
        this.config = config;
    }

    /** The stack as {@code docker-compose --env-file .env.example config} resolves it. */
    static ComposeStack resolved() throws IOException, InterruptedException {
        Result result = dockerCompose("--env-file", ENV_EXAMPLE.toString(), "-f", COMPOSE_FILE.toString(), "config");
        if (result.exitCode != 0) {
            throw new AssertionError("docker-compose config rejected " + COMPOSE_FILE + " (exit " + result.exitCode
                    + "):\n" + result.stderr);
        }
        return new ComposeStack(new YAMLMapper().readTree(result.stdout));
    }

    /**
     * Runs docker-compose in the repository root with an environment of PATH and HOME only, so that neither a
     * developer's .env nor their shell's variables change what is validated.
     */
    static Result dockerCompose(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable().orElseThrow(() -> new AssertionError(INSTALL_HINT)).toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
        Map<String, String> environment = builder.environment();
        String path = environment.get("PATH");
        String home = environment.get("HOME");
        environment.clear();
        environment.put("PATH", path == null ? "/usr/bin:/bin" : path);
        if (home != null) {
            environment.put("HOME", home);
        }
        Path stdout = Files.createTempFile("docker-compose-", ".out");
        Path stderr = Files.createTempFile("docker-compose-", ".err");
        try {
            Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("docker-compose " + String.join(" ", arguments) + " did not end in 2 min");
            }
            return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    static Optional<Path> executable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory, "docker-compose");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    JsonNode config() {
        return config;
    }

    /** Service names in file order. */
    List<String> serviceNames() {
        List<String> names = new ArrayList<>();
        config.path("services").fieldNames().forEachRemaining(names::add);
        return names;
    }

    JsonNode service(String name) {
        JsonNode service = config.path("services").path(name);
        if (service.isMissingNode()) {
            throw new AssertionError("docker-compose.yml has no service '" + name + "'; it has " + serviceNames());
        }
        return service;
    }

    /** A service's environment as docker-compose resolved it (a map; a value may be empty). */
    Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        service(service).path("environment").fields()
                .forEachRemaining(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
        return environment;
    }

    /** A service's command as a list of words (docker-compose config keeps the file's form: a list or a string). */
    List<String> command(String service) {
        JsonNode command = service(service).path("command");
        List<String> words = new ArrayList<>();
        if (command.isArray()) {
            command.forEach(word -> words.add(word.asText()));
        } else if (command.isTextual()) {
            words.addAll(List.of(command.asText().trim().split("\\s+")));
        }
        return words;
    }

    /** The named volume mounted at {@code target} in a service, if one is. */
    Optional<String> namedVolumeAt(String service, String target) {
        return mounts(service).stream()
                .filter(mount -> mount.target().equals(target) && mount.isNamedVolume())
                .map(Mount::source)
                .findFirst();
    }

    List<Mount> mounts(String service) {
        List<Mount> mounts = new ArrayList<>();
        for (JsonNode volume : service(service).path("volumes")) {
            if (volume.isTextual()) {
                String[] parts = volume.asText().split(":");
                mounts.add(new Mount(parts[0], parts.length > 1 ? parts[1] : parts[0]));
            } else {
                mounts.add(new Mount(volume.path("source").asText(), volume.path("target").asText()));
            }
        }
        return mounts;
    }

    /** A mount of a service: a named volume when the source is not a path. */
    record Mount(String source, String target) {
        boolean isNamedVolume() {
            return !source.startsWith("/") && !source.startsWith(".");
        }
    }

    record Result(int exitCode, String stdout, String stderr) {}
}
