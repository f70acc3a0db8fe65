package io.tidewise.cli.train;

import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.training.average.CheckpointAverage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tidewise train average}: the weighted mean of checkpoints that continued one model. */
@Command(name = "average", mixinStandardHelpOptions = true,
        description = {"Average the parameters of checkpoints of one architecture that descend from one model (a",
                "continuation and its parent, two continuations): a 'model soup'. Evaluate the result like any run."})
public final class AverageCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--models", split = ",", required = true, description = "checkpoint directories to average")
    List<Path> models;

    @Option(names = "--weights", split = ",", description = "one weight per model (default: equal)")
    List<Double> weights;

    @Option(names = "--output", required = true, description = "directory for the averaged checkpoint (must not exist)")
    Path output;

    @Option(names = "--name", defaultValue = "tidewise", description = "model name (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--model-version", defaultValue = "1", description = "model version (default: ${DEFAULT-VALUE})")
    String version;

    @Override
    public Integer call() throws Exception {
        if (Files.exists(output)) {
            throw new ParameterException(spec.commandLine(), "--output " + output + " already exists");
        }
        List<Double> chosen = weights == null ? models.stream().map(model -> 1.0).toList() : weights;
        List<Checkpoint> sources = new ArrayList<>();
        try {
            for (Path model : models) {
                sources.add(Checkpoint.load(model));
            }
            try (Checkpoint averaged = CheckpointAverage.average(sources, chosen,
                    models.stream().map(Path::toString).toList(), name, version)) {
                averaged.save(output);
                spec.commandLine().getOut().printf("averaged %d checkpoints (weights %s) into %s: %s%n",
                        sources.size(), chosen, averaged.modelId(), output);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } finally {
            sources.forEach(Checkpoint::close);
        }
        return 0;
    }
}
