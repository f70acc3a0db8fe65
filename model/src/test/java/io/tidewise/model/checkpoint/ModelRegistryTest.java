package io.tidewise.model.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
    @TempDir
    Path root;

    @Test
    void registersListsPromotesAndResolves() throws IOException {
        ModelRegistry registry = new ModelRegistry(root.resolve("models"));
        assertThat(registry.list()).isEmpty();
        assertThat(registry.nextVersion("small")).isEqualTo("1");

        for (String version : List.of("1", "2", "10")) {
            try (Checkpoint checkpoint = Checkpoint.create(TinyCheckpoints.patchConfig("small", version), 1)) {
                assertThat(registry.register(checkpoint)).isEqualTo(root.resolve("models/small/" + version));
            }
        }
        try (Checkpoint checkpoint = Checkpoint.create(TinyCheckpoints.binConfig("bins", "a"), 1)) {
            registry.register(checkpoint);
        }

        assertThat(registry.versions("small")).containsExactly("1", "2", "10");
        assertThat(registry.nextVersion("small")).isEqualTo("11");
        assertThat(registry.promotedVersion("small")).isEmpty();
        assertThatThrownBy(() -> registry.resolve("small"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model small has no promoted version")
                .hasMessageContaining("[1, 2, 10]");

        registry.promote("small", "2");
        assertThat(registry.resolve("small")).isEqualTo(root.resolve("models/small/2"));
        assertThat(registry.resolve("small@10")).isEqualTo(root.resolve("models/small/10"));
        registry.promote("small", "10");
        assertThat(registry.resolve("small")).isEqualTo(root.resolve("models/small/10"));

        assertThat(registry.list())
                .extracting(RegisteredModel::modelId, RegisteredModel::promoted)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("bins@a", false),
                        org.assertj.core.groups.Tuple.tuple("small@1", false),
                        org.assertj.core.groups.Tuple.tuple("small@2", false),
                        org.assertj.core.groups.Tuple.tuple("small@10", true));
        assertThat(registry.list().get(0).config().tokenizer().bins()).isEqualTo(TinyCheckpoints.BINS);
    }

    @Test
    void aRegisteredVersionIsNeverOverwritten() throws IOException {
        ModelRegistry registry = new ModelRegistry(root);
        try (Checkpoint checkpoint = TinyCheckpoints.patchModel()) {
            registry.register(checkpoint);
            assertThatThrownBy(() -> registry.register(checkpoint))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("version 1 of model tiny-patch already exists");
        }
        assertThat(registry.versions("tiny-patch")).containsExactly("1");
        assertThat(root.resolve("tiny-patch").toFile().list()).containsExactly("1");
    }

    @Test
    void moreFilesAreInTheVersionWhenItAppearsAndAFailureWhileWritingThemRegistersNothing() throws IOException {
        ModelRegistry registry = new ModelRegistry(root);
        try (Checkpoint checkpoint = TinyCheckpoints.patchModel()) {
            assertThatThrownBy(() -> registry.register(checkpoint, directory -> {
                Files.writeString(directory.resolve("metrics.json"), "{}");
                throw new IOException("disk full");
            })).hasMessage("disk full");
            assertThat(registry.versions("tiny-patch")).isEmpty();
            assertThat(root.resolve("tiny-patch").toFile().list()).as("no partial copy left").isEmpty();

            Path version = registry.register(checkpoint,
                    directory -> Files.writeString(directory.resolve("MODEL_CARD.md"), "# tiny"));
            assertThat(version.resolve("MODEL_CARD.md")).hasContent("# tiny");
        }
        assertThat(registry.versions("tiny-patch")).containsExactly("1");
    }

    @Test
    void removePartialVersionsRemovesWhatAKilledWriterLeftAndNothingElse() throws IOException {
        ModelRegistry registry = new ModelRegistry(root);
        try (Checkpoint checkpoint = TinyCheckpoints.patchModel()) {
            registry.register(checkpoint);
        }
        Path partial = Files.createDirectories(root.resolve("tiny-patch").resolve(".2.partial-123"));
        Files.writeString(partial.resolve("config.json"), "{\"trunc");

        assertThat(registry.removePartialVersions()).containsExactly(partial);

        assertThat(partial).doesNotExist();
        assertThat(registry.versions("tiny-patch")).containsExactly("1");
        assertThat(root.resolve("tiny-patch").toFile().list()).containsExactly("1");
    }

    @Test
    void unknownModelsAndVersionsAreNamedInErrors() throws IOException {
        ModelRegistry registry = new ModelRegistry(root);
        try (Checkpoint checkpoint = TinyCheckpoints.patchModel()) {
            registry.register(checkpoint);
        }
        assertThatThrownBy(() -> registry.resolve("nothing"))
                .hasMessageContaining("model 'nothing' is not in the registry");
        assertThatThrownBy(() -> registry.resolve("tiny-patch@9"))
                .hasMessageContaining("model tiny-patch has no version '9'")
                .hasMessageContaining("[1]");
        assertThatThrownBy(() -> registry.promote("tiny-patch", "9"))
                .hasMessageContaining("cannot promote tiny-patch@9");
        assertThatThrownBy(() -> registry.resolve(" "))
                .hasMessageContaining("model reference must be name or name@version, was ' '");
        assertThatThrownBy(() -> registry.directoryOf("../escape", "1"))
                .hasMessageContaining("name must be");
    }
}
