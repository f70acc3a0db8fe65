package io.tidewise.cli.bench;

import ai.djl.Device;
import io.tidewise.model.gpt.GptConfig;
import io.tidewise.model.gpt.PositionEncoding;
import io.tidewise.training.loop.Devices;
import io.tidewise.training.loop.TrainingThroughput;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tidewise bench training}: language-model training throughput on the chosen devices, side by side, with the
 * ratio to the first one (CPU when both are measured) and each run's loss curve.
 */
@Command(name = "training", mixinStandardHelpOptions = true,
        description = {"Train a GPT for a few hundred steps on each --device and print tokens/s, model TFLOP/s, the",
                "loss curve and the ratio to the first device (the GPU check runs --device cpu,gpu)."})
public final class TrainingBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--device", split = ",", defaultValue = "cpu", description = "devices to measure, e.g. cpu,gpu")
    List<String> devices;

    @Option(names = "--layers", defaultValue = "8", description = "(default: ${DEFAULT-VALUE})")
    int layers;

    @Option(names = "--width", defaultValue = "512", description = "(default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--heads", defaultValue = "8", description = "(default: ${DEFAULT-VALUE})")
    int heads;

    @Option(names = "--context", defaultValue = "512", description = "tokens per sequence (default: ${DEFAULT-VALUE})")
    int context;

    @Option(names = "--batch", defaultValue = "16", description = "(default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--steps", defaultValue = "300", description = "steps per device (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--cpu-steps", description = "steps on the CPU, when fewer than --steps keep the run short")
    Integer cpuSteps;

    @Option(names = "--warmup", defaultValue = "10", description = "untimed first steps (default: ${DEFAULT-VALUE})")
    int warmUp;

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    @Override
    public Integer call() throws Exception {
        GptConfig architecture = new GptConfig(layers, width, heads, context, 0f, PositionEncoding.LEARNED);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "GPT %d layers x width %d, %d heads, context %d, batch %d, float32%n", layers, width,
                heads, context, batch);
        List<TrainingThroughput.Measurement> results = new ArrayList<>();
        Path scratch = Files.createTempDirectory("tidewise-bench");
        for (String name : devices) {
            Device device = Devices.parse(name);
            int runSteps = device.isGpu() || cpuSteps == null ? steps : cpuSteps;
            TrainingThroughput.Measurement result =
                    TrainingThroughput.measure(architecture, batch, runSteps, Math.min(warmUp, runSteps - 1), device, scratch);
            results.add(result);
            out.printf(Locale.ROOT, "%-6s %,d parameters: %d timed steps in %.1f s, %,.0f tokens/s, %.3f TFLOP/s (model)%n",
                    device, result.parameters(), result.measuredSteps(), result.seconds(), result.tokensPerSecond(),
                    result.flopsPerSecond() / 1e12);
            double peak = TrainingThroughput.matMulPeak(device, 1024, device.isGpu() ? 200 : 20);
            out.printf(Locale.ROOT, "%-6s float32 1024x1024 matrix multiply, same engine and threads: %.1f GFLOP/s;"
                    + " training reaches %.0f%% of it (load average %s)%n", device, peak / 1e9,
                    100 * result.flopsPerSecond() / peak, loadAverage());
            StringBuilder curve = new StringBuilder("       loss by step:");
            int every = Math.max(1, result.losses().size() / 10);
            for (int i = 0; i < result.losses().size(); i += every) {
                curve.append(String.format(Locale.ROOT, " %d:%.3f", i, result.losses().get(i)));
            }
            curve.append(String.format(Locale.ROOT, " %d:%.3f", result.losses().size() - 1,
                    result.losses().get(result.losses().size() - 1)));
            out.println(curve);
            out.flush();
        }
        for (int i = 1; i < results.size(); i++) {
            out.printf(Locale.ROOT, "%s / %s tokens/s ratio: %.1fx%n", results.get(i).device(), results.get(0).device(),
                    results.get(i).tokensPerSecond() / results.get(0).tokensPerSecond());
        }
        out.flush();
        return 0;
    }
}
