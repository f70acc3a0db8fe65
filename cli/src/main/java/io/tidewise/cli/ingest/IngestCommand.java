package io.tidewise.cli.ingest;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code tidewise ingest}: producers that put records onto Kafka in a stream's native layout. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Put records onto Kafka as a stream definition (streams/*.yaml) describes them.",
        subcommands = {ReplayCommand.class, GenerateCommand.class})
public final class IngestCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subverb is required: one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
