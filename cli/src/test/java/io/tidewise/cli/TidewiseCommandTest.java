package io.tidewise.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TidewiseCommandTest {

    @Test
    void everyVerbPrintsHelp() {
        for (String verb : TidewiseCommand.commandLine().getSubcommands().keySet()) {
            if (verb.equals("help")) {
                continue;
            }
            CommandRun run = CommandRun.of(verb, "--help");
            assertThat(run.exitCode()).as(verb).isZero();
            assertThat(run.out()).as(verb).startsWith("Usage: tidewise " + verb);
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
