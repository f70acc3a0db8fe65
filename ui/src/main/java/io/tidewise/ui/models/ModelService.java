package io.tidewise.ui.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.ModelRegistry;
import io.tidewise.ui.config.UiSettings;
import io.tidewise.ui.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Service;

/** The model registry for modelers: every version, its evaluation and card, and promotion. */
@Service
@RolesAllowed({Roles.MODELER, Roles.ADMIN})
public class ModelService {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelRegistry registry;

    public ModelService(UiSettings settings) {
        this.registry = new ModelRegistry(settings.modelsDir());
    }

    public Path root() {
        return registry.root();
    }

    /** Every version, including those this build cannot read (with the reason). */
    public List<ModelEntry> models() {
        return RegistryListing.list(registry);
    }

    public ModelDetails details(ModelEntry model) {
        Path directory = model.directory();
        try {
            String metrics = Checkpoint.readMetrics(directory).map(ModelService::indent).orElse(null);
            Path card = directory.resolve(Checkpoint.MODEL_CARD_FILE);
            String cardHtml = Files.isRegularFile(card)
                    ? ModelCardRenderer.toHtml(Files.readString(card, StandardCharsets.UTF_8)) : null;
            return new ModelDetails(model.modelId(), metrics, cardHtml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + model.modelId() + " in " + directory, e);
        }
    }

    /**
     * Makes {@code name@version} the version used for {@code name} alone (by {@code run}, {@code forecast} and
     * the what-if).
     *
     * @throws IllegalArgumentException naming the version when it does not exist
     */
    public void promote(String name, String version) {
        try {
            registry.promote(name, version);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot promote " + name + "@" + version + " in " + registry.root(), e);
        }
    }

    private static String indent(Object json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("metrics could not be written as JSON", e);
        }
    }
}
