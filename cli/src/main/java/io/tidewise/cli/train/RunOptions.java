package io.tidewise.cli.train;

import picocli.CommandLine.Option;

/** Optimisation and bookkeeping options every training verb has. */
final class RunOptions {
    @Option(names = "--steps", required = true, description = "optimizer steps")
    int steps;

    @Option(names = "--batch", defaultValue = "16", description = "sequences per step (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "peak learning rate (default: ${DEFAULT-VALUE})")
    float learningRate;

    @Option(names = "--warmup", defaultValue = "-1",
            description = "warm-up steps (default: 5%% of --steps)")
    int warmUpSteps;

    @Option(names = "--seed", defaultValue = "42", description = "seed of data order and initialisation (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--checkpoint-every", defaultValue = "100",
            description = "save a resumable checkpoint every N steps (default: ${DEFAULT-VALUE})")
    int checkpointEvery;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--no-progress", description = "no progress bar (logs only)")
    boolean noProgress;

    int warmUp() {
        return warmUpSteps >= 0 ? warmUpSteps : Math.max(1, steps / 20);
    }
}
