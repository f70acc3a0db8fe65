package io.tidewise.cli;

import io.tidewise.cli.bench.BenchCommand;
import io.tidewise.cli.demo.DemoCommand;
import io.tidewise.cli.forecast.ForecastCommand;
import io.tidewise.cli.ingest.IngestCommand;
import io.tidewise.cli.models.ModelsCommand;
import io.tidewise.cli.platform.RunCommand;
import io.tidewise.cli.train.TrainCommand;
import io.tidewise.cli.ui.UiCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root of {@code ./tidewise}: one subcommand per verb of ARCHITECTURE.md, each with its own {@code --help}. */
@Command(
        name = "tidewise",
        mixinStandardHelpOptions = true,
        versionProvider = TidewiseCommand.Version.class,
        description = "Forecast time series with a GPT-style model.",
        subcommands = {ForecastCommand.class, RunCommand.class, UiCommand.class, DemoCommand.class, IngestCommand.class, TrainCommand.class, ModelsCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:everything asked for was done",
                "1:some series could not be used (reported on stderr); the others were written",
                "2:wrong options, or an input that cannot be used at all",
                "3:anything else (a model that cannot be loaded, an output that cannot be written)"})
public final class TidewiseCommand implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(TidewiseCommand.class);

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a verb is required: one of " + String.join(", ", spec.subcommands().keySet()));
    }

    /** The command line as {@code main} runs it; tests run it in-process with their own writers. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new TidewiseCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine failed = exception.getCommandLine();
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + exception.getMessage());
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for the options.");
            failed.getErr().flush();
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            LOG.debug("{} failed", failed.getCommandName(), exception);
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + describe(exception));
            failed.getErr().flush();
            return ExitCodes.FAILED;
        });
        return commandLine;
    }

    private static String describe(Throwable exception) {
        // file-system exceptions carry only the path as their message: the type says what went wrong with it
        String first = exception instanceof java.nio.file.FileSystemException
                ? exception.getClass().getSimpleName() + ": " + exception.getMessage()
                : String.valueOf(exception.getMessage());
        StringBuilder text = new StringBuilder(first);
        for (Throwable cause = exception.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The version from the jar's manifest; a build from the source tree has none. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = TidewiseCommand.class.getPackage().getImplementationVersion();
            return new String[] {"tidewise " + (version == null ? "(built from source)" : version),
                    "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " "
                            + System.getProperty("os.arch")};
        }
    }
}
