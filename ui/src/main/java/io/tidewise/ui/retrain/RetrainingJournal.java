package io.tidewise.ui.retrain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewise.core.SeriesId;
import io.tidewise.model.checkpoint.ModelRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest retraining's state on disk, beside the registry ({@value #FILE_NAME}), so that it outlives the app: a
 * run that was going when the app stopped (closed, killed, or its machine rebooted) is reported as failed at the next
 * start, with the step it reached, instead of vanishing; and the half-written version directories it may have left
 * beside the registry are removed. A run belongs to one process (pid and start time): a journal written by a process
 * that still lives is left alone, so two apps on one registry do not declare each other's runs dead.
 */
final class RetrainingJournal {
    static final String FILE_NAME = ".retraining.json";

    private static final Logger LOG = LoggerFactory.getLogger(RetrainingJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Path registry;

    RetrainingJournal(Path registry) {
        this.registry = registry;
        this.file = registry.resolve(FILE_NAME);
    }

    /** Records the state of the current process's run (replacing the file in one step). */
    void record(RetrainProgress progress) {
        ObjectNode node = JSON.createObjectNode();
        node.put("state", progress.state().name());
        node.put("step", progress.step());
        node.put("newModel", progress.newModel());
        node.put("message", progress.message());
        node.put("updated", Instant.now().toString());
        ProcessHandle self = ProcessHandle.current();
        node.put("pid", self.pid());
        self.info().startInstant().ifPresent(start -> node.put("processStart", start.toString()));
        RetrainRequest request = progress.request();
        if (request != null) {
            ObjectNode requestNode = node.putObject("request");
            requestNode.put("baseModel", request.baseModel());
            requestNode.put("from", request.from().toString());
            requestNode.put("to", request.to().toString());
            requestNode.put("horizon", request.horizon());
            requestNode.put("seconds", request.seconds());
            requestNode.put("maxSteps", request.maxSteps());
            request.series().forEach(series -> requestNode.withArray("series").add(series.value()));
        }
        try {
            Files.createDirectories(registry);
            Path partial = Files.createTempFile(registry, FILE_NAME, ".partial");
            Files.writeString(partial, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node),
                    StandardCharsets.UTF_8);
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // the run itself goes on: losing its journal only loses the report after a crash
            LOG.warn("Could not write the retraining journal {}", file, e);
        }
    }

    /**
     * The last run recorded, as this process should show it at start: a run whose process is gone is turned into a
     * failure saying so (and written back), and the partial version directories left beside the registry are
     * removed. Empty when there is no journal or it cannot be read (a warning names the file).
     */
    Optional<RetrainProgress> recover() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring the unreadable retraining journal {}: {}", file, e.getMessage());
            return Optional.empty();
        }
        RetrainProgress.State state;
        try {
            state = RetrainProgress.State.valueOf(node.path("state").asText());
        } catch (IllegalArgumentException e) {
            LOG.warn("Ignoring the retraining journal {}: unknown state '{}'", file, node.path("state").asText());
            return Optional.empty();
        }
        RetrainRequest request = request(node.path("request"));
        int step = node.path("step").asInt();
        String newModel = node.path("newModel").isTextual() ? node.path("newModel").asText() : null;
        String message = node.path("message").isTextual() ? node.path("message").asText() : null;
        RetrainProgress recorded = new RetrainProgress(state, request, step, List.of(), Double.NaN, Double.NaN,
                List.of(), newModel, message);
        if (!recorded.running() || ownerIsAlive(node)) {
            return Optional.of(recorded);
        }
        removePartialVersions();
        RetrainProgress interrupted = new RetrainProgress(RetrainProgress.State.FAILED, request, step, List.of(),
                Double.NaN, Double.NaN, List.of(), null,
                "interrupted: the app stopped at step " + step + " while " + (request == null ? "a retraining"
                        : "retraining " + request.baseModel()) + " was " + state.name().toLowerCase(java.util.Locale.ROOT)
                        + " (last recorded " + node.path("updated").asText("?")
                        + "); no version was registered; start it again");
        record(interrupted);
        LOG.warn("A retraining was interrupted by an app stop; reported as failed: {}", interrupted.message());
        return Optional.of(interrupted);
    }

    private static boolean ownerIsAlive(JsonNode node) {
        Optional<ProcessHandle> owner = ProcessHandle.of(node.path("pid").asLong(-1));
        if (owner.isEmpty() || !owner.get().isAlive()) {
            return false;
        }
        String recordedStart = node.path("processStart").asText("");
        return owner.get().info().startInstant().map(start -> start.toString().equals(recordedStart)).orElse(true);
    }

    /** Removes the half-written versions a stopped run left beside the registry's versions. */
    private void removePartialVersions() {
        try {
            for (Path partial : new ModelRegistry(registry).removePartialVersions()) {
                LOG.warn("Removed {}, a version a stopped retraining left half-written", partial);
            }
        } catch (IOException e) {
            LOG.warn("Could not remove the half-written versions under {}", registry, e);
        }
    }

    private static RetrainRequest request(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        try {
            List<SeriesId> series = new ArrayList<>();
            node.path("series").forEach(value -> series.add(SeriesId.of(value.asText())));
            // a journal written before the form asked for a horizon has none; the report still names the run
            return new RetrainRequest(node.path("baseModel").asText(), series, Instant.parse(node.path("from").asText()),
                    Instant.parse(node.path("to").asText()), node.path("horizon").asInt(RetrainRequest.DEFAULT_HORIZON),
                    node.path("seconds").asInt(), node.path("maxSteps").asInt());
        } catch (RuntimeException e) {
            return null; // the outcome is still worth showing without the request's details
        }
    }
}
