package io.tidewise.cli.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * A real Flink standalone session cluster on loopback, as a distribution's {@code start-cluster.sh} starts it: a job
 * manager ({@code StandaloneSessionClusterEntrypoint}) and one task manager ({@code TaskManagerRunner}), each in its
 * own JVM, with a {@code config.yaml} in a config folder and the JVM memory options Flink's scripts compute from it.
 *
 * <p>A Flink distribution cannot be downloaded here, so the cluster's {@code lib/} is taken from this JVM's class path
 * less what a job jar must bring on a real cluster: Tidewise's own classes and every library the job jar already
 * carries. What is left is Flink's runtime and its libraries, logging, and PyTorch's native library (the one jar
 * streaming/README.md asks the cluster's {@code lib/} to hold). {@link #close()} destroys both JVMs and waits for them.
 */
final class StandaloneFlinkCluster implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final int LOG_LINES_SHOWN = 150;
    /**
     * What the distribution's config.yaml sets for Java 17 ({@code env.java.opts.all}): Flink's serializers reflect
     * into these JDK packages.
     */
    private static final String DISTRIBUTION_JAVA_OPTIONS = String.join(" ",
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final Path directory;
    private final int restPort;
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> logFiles = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Thread stopOnExit = new Thread(this::destroyProcesses, "standalone-flink-cluster-stop");
    private boolean closed;

    private StandaloneFlinkCluster(Path directory, int restPort) {
        this.directory = directory;
        this.restPort = restPort;
    }

    /**
     * Starts a job manager and a task manager with {@code slots} slots under {@code directory} (config, logs, temp
     * files) and returns once the task manager's slots are registered; on a failure, prints the logs to stderr,
     * destroys what started and rethrows.
     */
    static StandaloneFlinkCluster start(Path directory, Path jobJar, int slots, Duration timeout) throws Exception {
        Path configDirectory = Files.createDirectories(directory.resolve("conf"));
        Path temporary = Files.createDirectories(directory.resolve("tmp"));
        int restPort = Loopback.freePort();
        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(directory, restPort);
        try {
            writeConfiguration(configDirectory, temporary, restPort, slots);
            writeLogbackConfiguration(configDirectory);
            String classPath = clusterClassPath(System.getProperty("java.class.path"), jobJar);
            Configuration configuration = GlobalConfiguration.loadConfiguration(configDirectory.toString());
            Runtime.getRuntime().addShutdownHook(cluster.stopOnExit);

            JobManagerProcessSpec jobManagerSpec = JobManagerProcessUtils.processSpecFromConfig(configuration);
            cluster.launch("jobmanager", classPath, configDirectory,
                    JobManagerProcessUtils.generateJvmParametersStr(jobManagerSpec, configuration),
                    javaOptions(configuration, CoreOptions.FLINK_JM_JVM_OPTIONS),
                    "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                    JobManagerProcessUtils.generateDynamicConfigsStr(jobManagerSpec));
            TaskExecutorProcessSpec taskManagerSpec = TaskExecutorProcessUtils.processSpecFromConfig(configuration);
            cluster.launch("taskmanager", classPath, configDirectory,
                    ProcessMemoryUtils.generateJvmParametersStr(taskManagerSpec),
                    javaOptions(configuration, CoreOptions.FLINK_TM_JVM_OPTIONS),
                    "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                    TaskExecutorProcessUtils.generateDynamicConfigsStr(taskManagerSpec));
            cluster.awaitSlots(slots, timeout);
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.printLogs(System.err);
            cluster.close();
            throw e;
        }
    }

    /** {@code 127.0.0.1:port} of the REST endpoint, as {@code --flink} takes it. */
    String restAddress() {
        return LOOPBACK + ":" + restPort;
    }

    /** GET on the cluster's REST API, e.g. {@code /jobs/overview}. */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://" + restAddress() + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    /** The last lines of each process's log and console output. */
    void printLogs(PrintStream out) {
        for (Path file : logFiles) {
            out.println("===== " + file + " (last " + LOG_LINES_SHOWN + " lines) =====");
            try {
                List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
                lines.subList(Math.max(0, lines.size() - LOG_LINES_SHOWN), lines.size()).forEach(out::println);
            } catch (IOException | UncheckedIOException e) {
                out.println("(unreadable: " + e + ")");
            }
        }
    }

    /** Destroys the task manager, then the job manager, and waits until both are gone. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        destroyProcesses();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is already exiting (the hook runs), or the hook was never added: nothing left to undo
        }
    }

    private void launch(String role, String classPath, Path configDirectory, String memoryOptions,
            String javaOptions, String mainClass, String dynamicConfiguration) throws IOException {
        Path log = directory.resolve(role + ".log");
        Path console = directory.resolve(role + ".out");
        logFiles.add(log);
        logFiles.add(console);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(words(memoryOptions));
        command.addAll(words(javaOptions));
        command.add("-Dlog.file=" + log);
        command.add("-Dlogback.configurationFile=" + configDirectory.resolve("logback.xml"));
        command.add("-classpath");
        command.add(classPath);
        command.add(mainClass);
        command.add("--configDir");
        command.add(configDirectory.toString());
        command.addAll(words(dynamicConfiguration));
        // The cluster's working directory is its own folder: a path the job resolves against the client's working
        // directory fails here, as it would on another machine.
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(console.toFile()).start();
        processes.add(process);
    }

    private void awaitSlots(int slots, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            for (Process process : processes) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("a Flink process exited with " + process.exitValue()
                            + " while the cluster started (logs above)");
                }
            }
            try {
                JsonNode overview = get("/overview");
                last = overview.toString();
                if (overview.path("slots-total").asInt() >= slots) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the Flink cluster did not offer " + slots + " slots within " + timeout
                + " at http://" + restAddress() + "/overview; last answer: " + last);
    }

    private synchronized void destroyProcesses() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process process = processes.get(i);
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void writeConfiguration(Path configDirectory, Path temporary, int restPort, int slots)
            throws IOException {
        String config = String.join("\n",
                "# Everything on loopback: no endpoint of the cluster may listen on another interface.",
                "jobmanager.rpc.address: " + LOOPBACK,
                "jobmanager.rpc.port: " + Loopback.freePort(),
                "jobmanager.bind-host: " + LOOPBACK,
                "taskmanager.host: " + LOOPBACK,
                "taskmanager.bind-host: " + LOOPBACK,
                "rest.address: " + LOOPBACK,
                "rest.bind-address: " + LOOPBACK,
                "rest.port: " + restPort,
                "blob.server.port: " + Loopback.freePort(),
                "taskmanager.numberOfTaskSlots: " + slots,
                "parallelism.default: 1",
                "# Small enough for a 2-core CI machine; the model's tensors live in PyTorch's own native memory.",
                "jobmanager.memory.process.size: 768m",
                "taskmanager.memory.process.size: 1280m",
                "taskmanager.memory.managed.size: 64m",
                "io.tmp.dirs: " + temporary,
                "env.java.opts.all: " + DISTRIBUTION_JAVA_OPTIONS,
                "# DJL must not call home; one intra-op thread per slot's task on 2 cores.",
                "env.java.opts.taskmanager: -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1",
                "");
        Files.writeString(configDirectory.resolve("config.yaml"), config);
    }

    private static void writeLogbackConfiguration(Path configDirectory) throws IOException {
        Files.writeString(configDirectory.resolve("logback.xml"), """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>${log.file}</file>
                    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.apache.pekko" level="WARN"/>
                  <logger name="org.apache.kafka" level="WARN"/>
                  <root level="INFO"><appender-ref ref="FILE"/></root>
                </configuration>
                """);
    }

    /**
     * The cluster's {@code lib/}: {@code testClassPath} less Tidewise's classes and less every library the job jar
     * carries in full (the job's class loader would take them from the job jar anyway, and a Flink class found on
     * both sides, such as the Kafka connector, would link against the wrong copy). The Apache Commons libraries stay:
     * Flink's runtime uses them itself, and a distribution's {@code flink-dist} holds them too.
     */
    static String clusterClassPath(String testClassPath, Path jobJar) throws IOException {
        if (!Files.isRegularFile(jobJar)) {
            throw new IllegalArgumentException("job jar " + jobJar + " does not exist");
        }
        Set<String> carriedByJob = fileEntries(jobJar);
        List<String> lib = new ArrayList<>();
        boolean pytorchNatives = false;
        for (String element : testClassPath.split(File.pathSeparator)) {
            Path path = Path.of(element);
            if (element.isBlank() || Files.isDirectory(path) || !Files.isRegularFile(path)) {
                continue; // Tidewise's own target/classes and target/test-classes
            }
            Set<String> entries = fileEntries(path);
            boolean tidewise = entries.stream().anyMatch(entry -> entry.startsWith("io/tidewise/"));
            boolean apacheCommons = entries.stream().anyMatch(entry -> entry.startsWith("org/apache/commons/"));
            boolean carried = !entries.isEmpty() && carriedByJob.containsAll(entries) && !apacheCommons;
            if (tidewise || carried) {
                continue;
            }
            pytorchNatives |= entries.contains("native/lib/pytorch.properties");
            lib.add(element);
        }
        if (!pytorchNatives) {
            throw new IllegalStateException("ai.djl.pytorch:pytorch-native-cpu is not on the test class path, so the"
                    + " cluster's lib would lack PyTorch's native library: " + testClassPath);
        }
        return String.join(File.pathSeparator, lib);
    }

    /** The files of a jar, without its META-INF (manifests, licences, Maven descriptors). */
    private static Set<String> fileEntries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Set<String> names = new HashSet<>();
            zip.stream().filter(entry -> !entry.isDirectory()).map(ZipEntry::getName)
                    .filter(name -> !name.startsWith("META-INF/")).forEach(names::add);
            return names;
        }
    }

    /** {@code env.java.opts.all} and the role's own options, as Flink's scripts put them on the command line. */
    private static String javaOptions(Configuration configuration, ConfigOption<String> roleOptions) {
        return configuration.get(CoreOptions.FLINK_JVM_OPTIONS) + " " + configuration.get(roleOptions);
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of()
                : Stream.of(text.trim().split("\\s+")).toList();
    }

    @Override
    public String toString() {
        return "Flink standalone cluster at http://" + restAddress() + " (" + directory + ", processes "
                + Arrays.toString(processes.stream().map(Process::pid).toArray()) + ")";
    }
}
