package io.tidewise.cli.train;

import io.tidewise.core.Frequency;
import io.tidewise.core.csv.LongCsvReader;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.CheckpointConfig;
import io.tidewise.model.tokenize.TokenizerConfig;
import io.tidewise.model.tokenize.TokenizerKind;
import io.tidewise.training.adapt.Adapter;
import io.tidewise.training.adapt.SeriesCorpus;
import io.tidewise.training.adapt.SeriesCorpus.TrainingSeries;
import io.tidewise.training.adapt.PatchWindows;
import io.tidewise.training.data.DatasetSpec;
import io.tidewise.training.data.DevelopmentSuite;
import io.tidewise.training.loop.Devices;
import io.tidewise.training.synthetic.SyntheticSeries;
import io.tidewise.training.synthetic.SyntheticSeriesGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code tidewise train adapt}: a series model from a pretrained text model or from random initialisation. */
@Command(name = "adapt", mixinStandardHelpOptions = true,
        description = {"Adapt the GPT to series: from a pretrained text checkpoint (--init DIR), from scratch",
                "(--init random), or continuing a series checkpoint (--init DIR of a series model), on every long CSV",
                "of --data-dir (zero-shot files kept out, every series without its held-out tail), extra long CSVs",
                "and synthetic series generated on the fly. Rerunning with the same --output resumes."})
public final class AdaptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--init", required = true,
            description = "a text checkpoint directory, a series checkpoint to continue, or 'random'")
    String init;

    @Option(names = "--tokenizer", description = "PATCH or BIN (default: a continued series model's own, else PATCH)")
    TokenizerKind givenTokenizer;

    @Option(names = "--mode", defaultValue = "FULL",
            description = "FULL fine-tune, or FROZEN blocks (norms, positions, embedding, head train) (default: ${DEFAULT-VALUE})")
    Adapter.Mode mode;

    @Option(names = "--data-dir", description = "folder of long CSVs: every series is trained on except the development"
            + " suite's zero-shot series and their copies; in-domain series are cut before their evaluation windows")
    Path dataDirectory;

    @Option(names = "--synthetic-share", defaultValue = "0.3",
            description = "patch models: share of windows from synthetic series generated on the fly (default: ${DEFAULT-VALUE})")
    double syntheticShare;

    @Option(names = "--state-space-share", defaultValue = "0",
            description = "patch models: share of the synthetic series simulated from exponential-smoothing"
                    + " state-space models, with persistent local trends (default: ${DEFAULT-VALUE})")
    double stateSpaceShare;

    @Option(names = "--profile-share", defaultValue = "0",
            description = "patch models: share of the synthetic seasonalities drawn as free per-position profiles"
                    + " (weekday/weekend blocks, opening hours, spikes) instead of smooth harmonics (default: ${DEFAULT-VALUE})")
    double profileShare;

    @Option(names = "--random-walk-share", defaultValue = "0",
            description = "patch models: share of the state-space series that are random walks, whose best forecast"
                    + " is the last value, as for prices (default: ${DEFAULT-VALUE})")
    double randomWalkShare;

    @Option(names = "--synthetic-frequencies", split = ",", paramLabel = "FREQUENCY",
            defaultValue = SyntheticSeriesGenerator.ALL_FREQUENCY_LIST,
            description = "patch models: the frequencies of the synthetic series, drawn uniformly from this list, so"
                    + " one listed twice is drawn twice as often; their natural periods set the seasonalities"
                    + " (default: ${DEFAULT-VALUE}, every frequency the platform meets)")
    List<String> syntheticFrequencies;

    @Option(names = "--mixup-share", defaultValue = "0.2",
            description = "patch models: share of windows mixed from up to 3 real series, TSMixup (default: ${DEFAULT-VALUE})")
    double mixupShare;

    @Option(names = "--truncation", defaultValue = "0.25",
            description = "patch models: share of contexts cut to a random shorter length (default: ${DEFAULT-VALUE})")
    double truncation;

    @Option(names = "--trend-share", defaultValue = "0",
            description = "patch models: share of windows with a straight line added through context and labels, so"
                    + " real textures are also seen with trends that persist (default: ${DEFAULT-VALUE})")
    double trendShare;

    @Option(names = "--max-minutes", defaultValue = "0",
            description = "stop this invocation after N minutes, saving a resumable state (0: run to --steps)")
    double maxMinutes;

    @Option(names = "--stop-after", defaultValue = "0",
            description = "stop this invocation at step N of the --steps schedule, saving a resumable state (0: run to"
                    + " --steps); equal-compute comparisons stop every run at its own N")
    int stopAfter;

    @Option(names = "--data", split = ",", description = "extra long CSVs (series_id,timestamp,value) to train on")
    List<Path> extraData = new ArrayList<>();

    @Option(names = "--holdout-last", defaultValue = "0",
            description = "values cut from the end of every series of --data before training (default: ${DEFAULT-VALUE})")
    int holdoutLast;

    @Option(names = "--synthetic", defaultValue = "0",
            description = "bin models: a fixed set of N synthetic series added (default: ${DEFAULT-VALUE})")
    int synthetic;

    @Option(names = "--context-values", description = "values of history read (default: a continued series model's"
            + " own, else " + Adapter.DEFAULT_CONTEXT_VALUES + "); a continued model may read more, up to its"
            + " positions")
    Integer contextValues;

    @Option(names = "--reach", description = "patch head reach R in values (default: a continued series model's own,"
            + " which a patch model cannot change, else " + Adapter.DEFAULT_REACH + ")")
    Integer reach;

    @Option(names = "--patch-length", description = "P (default: a continued series model's own, which cannot"
            + " change, else " + TokenizerConfig.DEFAULT_PATCH_LENGTH + ")")
    Integer patchLength;

    @Option(names = "--bins", description = "B for the bin tokenizer (default: a continued series model's own, which"
            + " cannot change, else " + TokenizerConfig.DEFAULT_BINS + ")")
    Integer bins;

    @Option(names = "--output", required = true, description = "checkpoint directory (resumable)")
    Path output;

    @Option(names = "--name", defaultValue = "tidewise", description = "model name (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--model-version", defaultValue = "1", description = "model version (default: ${DEFAULT-VALUE})")
    String version;

    @Mixin
    ArchitectureOptions architecture;

    @Mixin
    RunOptions run;

    @Override
    public Integer call() throws Exception {
        int givenPatchLength = unsetAsZero("--patch-length", patchLength);
        int givenBins = unsetAsZero("--bins", bins);
        int givenContextValues = unsetAsZero("--context-values", contextValues);
        int givenReach = unsetAsZero("--reach", reach);
        Path pretrained = "random".equalsIgnoreCase(init) ? null : Path.of(init);
        TokenizerKind tokenizer = givenTokenizer == null ? TokenizerKind.PATCH : givenTokenizer;
        if (pretrained != null) {
            CheckpointConfig from = Checkpoint.readConfig(pretrained);
            if (givenTokenizer == null && from.isSeriesModel()) {
                tokenizer = from.tokenizer().kind();
            }
            List<String> conflicts = architecture.conflictsWith(from.architecture(),
                    spec.commandLine().getParseResult());
            if (!conflicts.isEmpty()) {
                throw new ParameterException(spec.commandLine(), String.join(", ", conflicts) + ": --init " + init
                        + " brings its own stack, which these options cannot change (they shape --init random)");
            }
            if (from.isSeriesModel()) {
                try {
                    Adapter.requireContinuable(pretrained, from, tokenizer, givenPatchLength, givenBins, givenReach);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
            }
        }
        if (randomWalkShare > 0 && stateSpaceShare == 0) {
            throw new ParameterException(spec.commandLine(), "--random-walk-share " + randomWalkShare
                    + " needs --state-space-share above 0: random walks are state-space series");
        }
        List<Frequency> frequencies = parsedSyntheticFrequencies();
        List<TrainingSeries> series = new ArrayList<>();
        Map<String, Object> data = new LinkedHashMap<>();
        if (dataDirectory != null) {
            DevelopmentSuite suite = DevelopmentSuite.standard();
            List<TrainingSeries> real = suite.allTrainingSeries(dataDirectory);
            series.addAll(real);
            data.put("realSeries", real.size());
            data.put("zeroShotDatasetsNeverTrainedOn", suite.datasets().stream().filter(DatasetSpec::zeroShot)
                    .map(DatasetSpec::name).toList());
        }
        for (Path file : extraData) {
            List<TrainingSeries> extra = DevelopmentSuite.cut(LongCsvReader.read(file), holdoutLast,
                    file.getFileName().toString());
            series.addAll(extra);
            data.put(file.getFileName().toString(), extra.size());
        }
        if (synthetic > 0) {
            SyntheticSeriesGenerator generator = SyntheticSeriesGenerator.builder().setSeed(run.seed).build();
            for (SyntheticSeries generated : generator.generate(synthetic)) {
                series.add(new TrainingSeries("synthetic/" + generated.id(), generated.values()));
            }
            data.put("syntheticSeries", synthetic);
        }
        if (series.isEmpty()) {
            throw new ParameterException(spec.commandLine(),
                    "no series to adapt on: give --data-dir, --data or --synthetic");
        }
        SyntheticSeriesGenerator onTheFly = SyntheticSeriesGenerator.builder().setSeed(run.seed)
                .optLength(64, 2048).optFrequencies(frequencies)
                .optStateSpaceShare(stateSpaceShare).optProfileShare(profileShare)
                .optRandomWalkShare(randomWalkShare).build();
        Adapter.WindowOptions windows = new Adapter.WindowOptions(syntheticShare > 0 ? onTheFly : null,
                new PatchWindows.Mixture(syntheticShare, mixupShare), truncation, trendShare);
        Adapter.Result result = Adapter.run(new Adapter.Options(pretrained, architecture.toConfig(), tokenizer,
                givenPatchLength, givenBins, mode, givenContextValues, givenReach, run.steps, run.batch,
                run.learningRate, run.warmUp(), run.seed, run.checkpointEvery, output, name, version,
                Devices.parse(run.device), !run.noProgress, data, windows,
                maxMinutes > 0 ? Duration.ofSeconds(Math.round(maxMinutes * 60)) : null, stopAfter),
                new SeriesCorpus(series));
        List<Float> losses = result.losses();
        spec.commandLine().getOut().printf(Locale.ROOT,
                "adapted %s (%s, %s, init %s): loss %.4f -> %.4f over %d steps in %.0f s; %,d of %,d parameters"
                        + " trained; checkpoint %s%n", name, tokenizer, mode, pretrained == null ? "random" : pretrained,
                losses.isEmpty() ? Float.NaN : losses.get(0), losses.isEmpty() ? Float.NaN : losses.get(losses.size() - 1),
                losses.size(), result.seconds(), result.trainable(), result.parameters(), result.checkpoint());
        return 0;
    }

    private List<Frequency> parsedSyntheticFrequencies() {
        if (syntheticFrequencies.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--synthetic-frequencies needs at least one frequency,"
                    + " was empty");
        }
        List<Frequency> parsed = new ArrayList<>(syntheticFrequencies.size());
        for (String text : syntheticFrequencies) {
            try {
                parsed.add(Frequency.parse(text));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--synthetic-frequencies: " + e.getMessage());
            }
        }
        return parsed;
    }

    /** The adapter reads 0 as "not given": a continued model's own setting, or the default for a new one. */
    private int unsetAsZero(String option, Integer value) {
        if (value != null && value <= 0) {
            throw new ParameterException(spec.commandLine(), option + " must be positive, was " + value);
        }
        return value == null ? 0 : value;
    }
}
