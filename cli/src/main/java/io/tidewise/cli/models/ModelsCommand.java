package io.tidewise.cli.models;

import io.tidewise.cli.Home;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.CheckpointConfig;
import io.tidewise.model.checkpoint.ModelRegistry;
import io.tidewise.model.checkpoint.RegisteredModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tidewise models}: the registry of ARCHITECTURE.md ({@code models/<name>/<version>/}, promoted versions). */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List, register, promote and show the models of the registry (default: the repository's models/).",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.Register.class, ModelsCommand.Promote.class,
                ModelsCommand.Show.class})
public final class ModelsCommand {
    private static final ObjectMapper CONFIG_JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Where the registry lives; every subcommand has the option. */
    static final class RegistryOption {
        @Option(names = "--registry", description = "registry folder (default: models/ of the installation)")
        Path root;

        ModelRegistry registry() {
            return new ModelRegistry(root != null ? root : Home.directory().resolve("models"));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every version of every model; * = promoted.")
    static final class ListModels implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        RegistryOption registry = new RegistryOption();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%-2s %-24s %-8s %-8s %-10s %s%n", "", "name", "version", "kind", "tokenizer",
                    "directory");
            for (RegisteredModel model : registry.registry().list()) {
                out.printf(Locale.ROOT, "%-2s %-24s %-8s %-8s %-10s %s%n", model.promoted() ? "*" : "", model.name(),
                        model.version(), model.config().kind(),
                        model.config().tokenizer() == null ? "text" : model.config().tokenizer().kind(),
                        model.directory());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Copy a trained checkpoint into the registry as NAME@VERSION (a new version, never overwritten).")
    static final class Register implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        RegistryOption registry = new RegistryOption();

        @Parameters(index = "0", description = "trained checkpoint directory")
        Path checkpoint;

        @Option(names = "--name", required = true, description = "registry name")
        String name;

        @Option(names = "--model-version", description = "version (default: the next number)")
        String version;

        @Option(names = "--promote", description = "also promote the new version")
        boolean promote;

        @Override
        public Integer call() throws Exception {
            ModelRegistry models = registry.registry();
            String target = version != null ? version : models.nextVersion(name);
            Path directory = models.directoryOf(name, target);
            if (Files.exists(directory)) {
                throw new IllegalStateException(name + "@" + target + " already exists at " + directory
                        + "; registered versions are never overwritten");
            }
            // validates the checkpoint (format version, config) before anything is copied
            CheckpointConfig config = Checkpoint.readConfig(checkpoint).withNameAndVersion(name, target);
            Path partial = Files.createTempDirectory(Files.createDirectories(directory.getParent()), "." + target + ".partial-");
            for (String file : new String[] {Checkpoint.PARAMETERS_FILE, Checkpoint.METRICS_FILE,
                    Checkpoint.MODEL_CARD_FILE}) {
                if (Files.isRegularFile(checkpoint.resolve(file))) {
                    Files.copy(checkpoint.resolve(file), partial.resolve(file));
                }
            }
            CONFIG_JSON.writeValue(partial.resolve(Checkpoint.CONFIG_FILE).toFile(), config);
            Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
            if (promote) {
                models.promote(name, target);
            }
            spec.commandLine().getOut().printf("registered %s@%s at %s%s%n", name, target, directory,
                    promote ? " (promoted)" : "");
            return 0;
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true, description = "Make NAME@VERSION the one NAME means.")
    static final class Promote implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        RegistryOption registry = new RegistryOption();

        @Parameters(index = "0", description = "NAME@VERSION")
        String reference;

        @Override
        public Integer call() throws Exception {
            int at = reference.indexOf('@');
            if (at <= 0 || at == reference.length() - 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "promote needs NAME@VERSION, was '" + reference + "'");
            }
            registry.registry().promote(reference.substring(0, at), reference.substring(at + 1));
            spec.commandLine().getOut().println("promoted " + reference);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a model's card (NAME or NAME@VERSION).")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        RegistryOption registry = new RegistryOption();

        @Parameters(index = "0", description = "NAME (its promoted version) or NAME@VERSION")
        String reference;

        @Override
        public Integer call() throws Exception {
            Path directory = registry.registry().resolve(reference);
            Path card = directory.resolve(Checkpoint.MODEL_CARD_FILE);
            PrintWriter out = spec.commandLine().getOut();
            if (Files.isRegularFile(card)) {
                out.print(Files.readString(card));
            } else {
                out.println("(no " + Checkpoint.MODEL_CARD_FILE + " in " + directory + ")");
                out.println(Files.readString(directory.resolve(Checkpoint.CONFIG_FILE)));
            }
            out.flush();
            return 0;
        }
    }
}
