package io.tidewise.cli.train;

import io.tidewise.training.loop.Devices;
import io.tidewise.training.pretrain.Pretrainer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tidewise train pretrain}: the GPT on UTF-8 text (Chinese and English alike). */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = {"Pretrain the GPT as a byte-level language model on UTF-8 text (.txt, .jsonl, .gz).",
                "Reports held-out bits per byte before and after; rerunning with the same --output resumes."})
public final class PretrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--corpus", required = true, split = ",", description = "text files, comma-separated or repeated")
    List<Path> corpus;

    @Option(names = "--bytes-per-file", defaultValue = "8000000",
            description = "most bytes read from each file, so corpora stay balanced (default: ${DEFAULT-VALUE})")
    long bytesPerFile;

    @Option(names = "--output", required = true, description = "checkpoint directory (resumable)")
    Path output;

    @Option(names = "--name", defaultValue = "text", description = "model name (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--model-version", defaultValue = "1", description = "model version (default: ${DEFAULT-VALUE})")
    String version;

    @Mixin
    ArchitectureOptions architecture;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        Pretrainer.Result result = Pretrainer.run(new Pretrainer.Options(corpus, bytesPerFile, architecture.toConfig(),
                run.steps, run.batch, run.learningRate, run.warmUp(), run.seed, run.checkpointEvery, output, name,
                version, Devices.parse(run.device), !run.noProgress));
        spec.commandLine().getOut().printf(Locale.ROOT,
                "pretrained %s: held-out bits/byte %.3f -> %.3f in %.0f s (%.0f tokens/s); checkpoint %s%n", name,
                result.initialBitsPerByte(), result.finalBitsPerByte(), result.seconds(),
                result.tokens() / result.seconds(), result.checkpoint());
        return 0;
    }
}
