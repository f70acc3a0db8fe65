package io.tidewise.cli.ingest;

import io.tidewise.core.Domain;
import io.tidewise.core.StreamDefinition;
import io.tidewise.ingest.generate.SyntheticProducer;
import io.tidewise.ingest.generate.SyntheticSeries;
import io.tidewise.ingest.produce.KafkaRecordSink;
import io.tidewise.cli.ExitCodes;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tidewise ingest generate --domain stock --series N --rate R}: synthetic series onto a stream's topic until
 * Ctrl-C or {@code --limit}.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Send realistic synthetic series onto a stream's topic in its native layout: random walks"
                + " with volatility clustering (stock), trend and business-cycle seasonality (economy), daily and"
                + " weekly periodic counts with incidents (traffic).",
                "Runs until Ctrl-C, or until --limit records are sent."})
public final class GenerateCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(GenerateCommand.class);

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--domain", required = true, paramLabel = "stock|economy|traffic",
            description = "Which kind of series.")
    String domain;

    @Option(names = "--series", defaultValue = "10", paramLabel = "N",
            description = "Number of series (default: ${DEFAULT-VALUE}).")
    int series;

    @Option(names = "--rate", defaultValue = "10", paramLabel = "R",
            description = "Records per second over all series (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--stream", paramLabel = "NAME",
            description = "Stream definition whose layout and topic the records take (default: the first of the"
                    + " domain in the stream definitions).")
    String stream;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after this many records.")
    Long limit;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Random seed: the same seed, series and start give the same records (default:"
                    + " ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", paramLabel = "INSTANT",
            description = "Event time of the first step, e.g. 2024-01-01T00:00:00Z (default: now).")
    String start;

    @Mixin
    KafkaTarget target;

    @Override
    public Integer call() throws Exception {
        CommandLine commandLine = spec.commandLine();
        target.validate(commandLine);
        if (series <= 0) {
            throw new CommandLine.ParameterException(commandLine, "--series must be positive, was " + series);
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new CommandLine.ParameterException(commandLine, "--rate must be a positive number of records per"
                    + " second, was " + rate);
        }
        if (limit != null && limit <= 0) {
            throw new CommandLine.ParameterException(commandLine, "--limit must be positive, was " + limit);
        }
        Domain parsedDomain = domain(commandLine);
        Instant first = start == null ? Instant.now() : startInstant(commandLine);
        StreamDefinition definition = stream != null ? ReplayCommand.definition(commandLine, target, stream)
                : firstOfDomain(commandLine, parsedDomain);
        SyntheticSeries synthetic = SyntheticSeries.forDomain(parsedDomain, series, seed, first);
        target.ensureTopic(definition.topic());

        AtomicLong sent = new AtomicLong(-1);
        Thread producerThread = Thread.currentThread();
        // Ctrl-C: interrupt the producer, which flushes what it has sent, and wait for it before the JVM goes.
        Thread hook = new Thread(() -> {
            producerThread.interrupt();
            synchronized (sent) {
                while (sent.get() < 0) {
                    try {
                        sent.wait(10_000);
                        break;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }, "tidewise-generate-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (KafkaRecordSink sink = KafkaRecordSink.create(target.kafka)) {
            SyntheticProducer.Builder producer = SyntheticProducer.builder().setSeries(synthetic)
                    .setDefinition(definition).setSink(sink).optRate(rate);
            if (limit != null) {
                producer.optLimit(limit);
            }
            commandLine.getErr().println("Sending " + series + " synthetic " + parsedDomain.wireName() + " series"
                    + " onto " + definition.topic() + " (stream " + definition.name() + ") at " + rate
                    + " records/s; Ctrl-C stops");
            commandLine.getErr().flush();
            long count = producer.build().run();
            PrintWriter out = commandLine.getOut();
            out.println("Sent " + count + " records of " + series + " " + parsedDomain.wireName() + " series onto "
                    + definition.topic() + " as stream " + definition.name());
            out.flush();
            synchronized (sent) {
                sent.set(count);
                sent.notifyAll();
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                LOG.debug("The JVM is shutting down; the hook waits for the producer", e);
            }
        }
        return ExitCodes.OK;
    }

    private Domain domain(CommandLine commandLine) {
        List<Domain> generated = List.of(Domain.STOCK, Domain.ECONOMY, Domain.TRAFFIC);
        try {
            Domain parsed = Domain.parse(domain);
            if (generated.contains(parsed)) {
                return parsed;
            }
        } catch (IllegalArgumentException e) {
            LOG.debug("Not a domain: {}", domain, e);
        }
        throw new CommandLine.ParameterException(commandLine,
                "--domain must be one of stock, economy, traffic, was '" + domain + "'");
    }

    private Instant startInstant(CommandLine commandLine) {
        try {
            return Instant.parse(start);
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(commandLine,
                    "--start must be an ISO-8601 instant such as 2024-01-01T00:00:00Z, was '" + start + "'");
        }
    }

    private StreamDefinition firstOfDomain(CommandLine commandLine, Domain parsedDomain) {
        List<StreamDefinition> streams = target.catalog(commandLine).ofDomain(parsedDomain);
        if (streams.isEmpty()) {
            throw new CommandLine.ParameterException(commandLine, "no stream definition has domain "
                    + parsedDomain.wireName() + "; name one with --stream");
        }
        return streams.get(0);
    }
}
