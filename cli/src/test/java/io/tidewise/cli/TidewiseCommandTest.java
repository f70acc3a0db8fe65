package io.tidewise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TidewiseCommandTest {

    @Test
    void everyVerbAndSubverbPrintsHelp() {
        List<String> verbs = new ArrayList<>();
        collectVerbs(TidewiseCommand.commandLine(), List.of(), verbs);
        assertThat(verbs).contains("forecast", "run", "bench forecaster");
        PrintStream systemErr = System.err;
        ByteArrayOutputStream picocliWarnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(picocliWarnings, true, StandardCharsets.UTF_8));
        try {
            for (String verb : verbs) {
                List<String> args = new ArrayList<>(List.of(verb.split(" ")));
                args.add("--help");
                CommandRun run = CommandRun.of(args.toArray(String[]::new));
                assertThat(run.exitCode()).as(verb).isZero();
                assertThat(run.out()).as(verb).startsWith("Usage: tidewise " + verb);
            }
        } finally {
            System.setErr(systemErr);
        }
        // picocli reports a help text it cannot format (an unescaped %) on System.err and prints it raw
        assertThat(picocliWarnings.toString(StandardCharsets.UTF_8)).doesNotContain("[picocli WARN]");
    }

    private static void collectVerbs(CommandLine command, List<String> path, List<String> verbs) {
        for (Map.Entry<String, CommandLine> sub : command.getSubcommands().entrySet()) {
            if (sub.getKey().equals("help")) {
                continue;
            }
            List<String> subPath = new ArrayList<>(path);
            subPath.add(sub.getKey());
            verbs.add(String.join(" ", subPath));
            collectVerbs(sub.getValue(), subPath, verbs);
        }
    }

    @Test
    void noVerbIsAUsageErrorListingTheVerbs() {
        CommandRun run = CommandRun.of();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("a verb is required: one of forecast, run");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CommandRun run = CommandRun.of("forecast", "--input", "a.csv", "--horizon", "3", "--output", "b.csv", "--horizn", "3");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Unknown options: '--horizn'").contains("tidewise forecast --help");
    }
}
