package io.tidewise.cli.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tidewise bench}: groups the benchmarks; each is a subcommand. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput, printed beside a baseline measured in the same run (not a test).",
        subcommands = {ForecasterBenchCommand.class, TrainingBenchCommand.class, StreamingBenchCommand.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a benchmark is required: one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
