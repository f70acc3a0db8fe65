package io.tidewise.training.loop;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.CheckpointConfig;
import io.tidewise.model.gpt.GptConfig;
import io.tidewise.model.gpt.PositionEncoding;
import io.tidewise.training.optim.LearningRateSchedule;
import io.tidewise.training.pretrain.TextCorpus;
import io.tidewise.training.pretrain.TextObjective;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run interrupted after a checkpoint and resumed ends with exactly the parameters of an uninterrupted run. */
class TrainingLoopResumeTest {
    private static final int STEPS = 16;
    private static final GptConfig TINY = new GptConfig(2, 32, 2, 32, 0.1f, PositionEncoding.LEARNED);

    @Test
    void resumedRunMatchesUninterruptedRun(@TempDir Path directory) throws IOException {
        Path text = directory.resolve("text.txt");
        StringBuilder builder = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            builder.append("line ").append(i).append(": the tide rises and falls, 潮起潮落。\n");
        }
        Files.writeString(text, builder, StandardCharsets.UTF_8);
        TextCorpus corpus = TextCorpus.read(List.of(text), 1_000_000, 0.1);

        float[] uninterrupted = train(corpus, directory.resolve("straight"), STEPS, STEPS);
        train(corpus, directory.resolve("resumed"), STEPS, STEPS / 2); // "killed" after its mid-run checkpoint
        float[] resumed = train(corpus, directory.resolve("resumed"), STEPS, STEPS);

        assertThat(resumed).containsExactly(uninterrupted);
    }

    /** Trains until {@code stopAfter} of {@code steps} steps, saving every half, and returns all parameters. */
    private static float[] train(TextCorpus corpus, Path output, int steps, int stopAfter) throws IOException {
        CheckpointConfig config = CheckpointConfig.text("resume", "1", TINY, Map.of());
        try (Checkpoint checkpoint = Checkpoint.create(config, 3, Device.cpu())) {
            TrainingLoop.builder()
                    .setCheckpoint(checkpoint)
                    .setObjective(new TextObjective(corpus, 4, 32, 11))
                    .setSchedule(new LearningRateSchedule(2e-3f, 2e-4f, 2, steps))
                    .optSeed(11)
                    .optCheckpoints(output, steps / 2)
                    .optStopAfter(stopAfter)
                    .build()
                    .run();
            return flatten(checkpoint);
        }
    }

    private static float[] flatten(Checkpoint checkpoint) {
        return checkpoint.gpt().getParameters().values().stream()
                .map(parameter -> parameter.getArray().toFloatArray())
                .reduce(new float[0], TrainingLoopResumeTest::concat);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
