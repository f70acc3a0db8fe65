package io.tidewise.training.loop;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/** The {@code --device auto|cpu|gpu} choice of the training verbs. */
public final class Devices {
    private Devices() {}

    /**
     * @throws IllegalArgumentException for an unknown name, or {@code gpu} when the engine sees no usable GPU
     */
    public static Device parse(String name) {
        int gpus = Engine.getInstance().getGpuCount();
        return switch (name == null ? "auto" : name.toLowerCase(Locale.ROOT)) {
            case "auto" -> gpus > 0 ? Device.gpu() : Device.cpu();
            case "cpu" -> Device.cpu();
            case "gpu" -> {
                if (gpus == 0) {
                    throw new IllegalArgumentException("device gpu was asked for, but the PyTorch engine sees no usable GPU"
                            + " (CPU natives on the class path, or CUDA libtorch not found: see scripts/gpu-check.sh)");
                }
                yield Device.gpu();
            }
            default -> throw new IllegalArgumentException("device must be auto, cpu or gpu, was '" + name + "'");
        };
    }
}
