package io.tidewise.cli.train;

import io.tidewise.model.gpt.GptConfig;
import io.tidewise.model.gpt.PositionEncoding;
import java.util.List;
import picocli.CommandLine.Option;

/** The decoder stack's size, shared by the verbs that create a network. Defaults are the shipped model's. */
final class ArchitectureOptions {
    /** Every option here, for verbs that must refuse them when a checkpoint brings its own stack. */
    static final List<String> NAMES =
            List.of("--layers", "--width", "--heads", "--context", "--dropout", "--positions");

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
}
