package io.tidewise.cli.train;

import picocli.CommandLine.Command;

/** {@code tidewise train}: the modeler's verbs; each is a subcommand with its own {@code --help}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Pretrain the GPT on text, adapt it to series, evaluate it against classical baselines.",
        subcommands = {PretrainCommand.class, AdaptCommand.class, EvaluateCommand.class, AverageCommand.class})
public final class TrainCommand {
}
