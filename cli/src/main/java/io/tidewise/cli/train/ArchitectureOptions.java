package io.tidewise.cli.train;

import io.tidewise.model.gpt.GptConfig;
import io.tidewise.model.gpt.PositionEncoding;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** The decoder stack's size, shared by the verbs that create a network. Defaults are the shipped model's. */
final class ArchitectureOptions {
    @Option(names = "--layers", defaultValue = "4", description = "decoder blocks (default: ${DEFAULT-VALUE})")
    int layers;

    @Option(names = "--width", defaultValue = "256", description = "embedding width C (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--heads", defaultValue = "8", description = "attention heads (default: ${DEFAULT-VALUE})")
    int heads;

    @Option(names = "--context", defaultValue = "512",
            description = "tokens per sequence: the text window, the bin model's values (default: ${DEFAULT-VALUE})")
    int contextLength;

    @Option(names = "--dropout", defaultValue = "0.0", description = "dropout while training (default: ${DEFAULT-VALUE})")
    float dropout;

    @Option(names = "--positions", defaultValue = "LEARNED",
            description = "LEARNED or ROTARY (default: ${DEFAULT-VALUE})")
    PositionEncoding positions;

    GptConfig toConfig() {
        return new GptConfig(layers, width, heads, contextLength, dropout, positions);
    }

    /**
     * The options given on the command line whose value differs from {@code own}, a checkpoint's stack, each as
     * "--option value" beside the checkpoint's value: a verb that starts from a checkpoint refuses them rather than
     * ignoring them.
     */
    List<String> conflictsWith(GptConfig own, ParseResult parsed) {
        List<String> conflicts = new ArrayList<>();
        addIfDiffers(conflicts, parsed, "--layers", layers, own.layers());
        addIfDiffers(conflicts, parsed, "--width", width, own.width());
        addIfDiffers(conflicts, parsed, "--heads", heads, own.heads());
        addIfDiffers(conflicts, parsed, "--context", contextLength, own.contextLength());
        addIfDiffers(conflicts, parsed, "--dropout", dropout, own.dropout());
        addIfDiffers(conflicts, parsed, "--positions", positions, own.positions());
        return conflicts;
    }

    private static void addIfDiffers(List<String> conflicts, ParseResult parsed, String option, Object given,
                                     Object own) {
        if (parsed.hasMatchedOption(option) && !given.equals(own)) {
            conflicts.add(option + " " + given + " (the checkpoint's: " + own + ")");
        }
    }
}
