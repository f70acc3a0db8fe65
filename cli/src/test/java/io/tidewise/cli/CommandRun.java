package io.tidewise.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code tidewise ARGS} in-process, as the launcher would, and keeps what it printed. */
public record CommandRun(int exitCode, String out, String err) {

    public static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = TidewiseCommand.commandLine()
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }
}
