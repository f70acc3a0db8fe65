package io.tidewise.cli.ingest;

import io.tidewise.cli.ExitCodes;
import io.tidewise.core.StreamDefinition;
import io.tidewise.ingest.produce.CsvReplay;
import io.tidewise.ingest.produce.KafkaRecordSink;
import io.tidewise.ingest.produce.ReplaySummary;
import io.tidewise.ingest.produce.SpeedFactor;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tidewise ingest replay FILE.csv --stream NAME --speed 60x}: a long CSV onto a stream's topic. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a long CSV (series_id,timestamp,value) onto a stream's topic in the stream's native"
                + " layout, in event-time order across series, at a speed against event time.",
                "Series the stream cannot carry (ids that do not fit its series template) are reported and"
                        + " skipped (exit code 1); missing values are not sent."})
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.csv", description = "Long CSV to replay.")
    Path input;

    @Option(names = "--stream", required = true, paramLabel = "NAME",
            description = "Stream definition whose layout and topic the records take.")
    String stream;

    @Option(names = "--speed", defaultValue = "max", paramLabel = "FACTOR",
            description = "Event time against wall time: 60x plays a minute per second, 1x real time, max as"
                    + " fast as Kafka takes it (default: ${DEFAULT-VALUE}).")
    String speed;

    @Option(names = "--topic", paramLabel = "NAME", description = "Another topic than the stream's.")
    String topic;

    @Mixin
    KafkaTarget target;

    @Override
    public Integer call() throws Exception {
        CommandLine commandLine = spec.commandLine();
        target.validate(commandLine);
        if (!Files.isRegularFile(input)) {
            throw new CommandLine.ParameterException(commandLine, "FILE.csv must be a file, was " + input + " ("
                    + (Files.exists(input) ? "not a file" : "does not exist") + ")");
        }
        SpeedFactor speedFactor = speed(commandLine, speed);
        StreamDefinition definition = definition(commandLine, target, stream);
        target.ensureTopic(topic == null ? definition.topic() : topic);
        ReplaySummary summary;
        try (KafkaRecordSink sink = KafkaRecordSink.create(target.kafka)) {
            CsvReplay.Builder replay = CsvReplay.builder().setDefinition(definition).setInput(input).setSink(sink)
                    .optSpeed(speedFactor);
            if (topic != null) {
                replay.optTopic(topic);
            }
            summary = replay.build().run();
        }
        PrintWriter err = commandLine.getErr();
        summary.rejectedSeries().forEach(problem -> err.println("rejected: " + problem));
        err.flush();
        PrintWriter out = commandLine.getOut();
        out.println("Replayed " + summary.sent() + " records of " + summary.seriesReplayed() + " series onto "
                + (topic != null ? topic : definition.topic()) + " as stream " + definition.name() + " in "
                + summary.wallTime().toMillis() + " ms" + (summary.firstEventTime() == null ? ""
                : " (event time " + summary.firstEventTime() + " to " + summary.lastEventTime() + ")"));
        out.flush();
        return summary.rejectedSeries().isEmpty() ? ExitCodes.OK : ExitCodes.SOME_SERIES_FAILED;
    }

    static SpeedFactor speed(CommandLine commandLine, String text) {
        try {
            return SpeedFactor.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--" + e.getMessage());
        }
    }

    static StreamDefinition definition(CommandLine commandLine, KafkaTarget target, String name) {
        try {
            return target.catalog(commandLine).get(name);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, "--" + e.getMessage());
        }
    }
}
