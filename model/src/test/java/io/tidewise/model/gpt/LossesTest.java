package io.tidewise.model.gpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class LossesTest {
    private static final double[] LEVELS = {0.1, 0.5, 0.9};

    @Test
    void perRowLossesAreEachRowsOwnMeanOverItsObservedLabels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // row 0: labels 1, 2 (both observed); row 1: label 10 observed, the second missing
            NDArray predicted = manager.create(new float[] {0, 1, 2, 2, 2, 2, 10, 10, 10, 99, 99, 99},
                    new Shape(2, 2, 3));
            NDArray labels = manager.create(new float[] {1, 2, 10, 0}, new Shape(2, 2));
            NDArray mask = manager.create(new float[] {1, 1, 1, 0}, new Shape(2, 2));
            float[] rows = Losses.pinballPerRow(predicted, labels, mask, LEVELS).toFloatArray();
            double rowZero = (pinball(1, 0, 0.1) + pinball(1, 1, 0.5) + pinball(1, 2, 0.9)
                    + pinball(2, 2, 0.1) + pinball(2, 2, 0.5) + pinball(2, 2, 0.9)) / 6;
            assertThat(rows[0]).isCloseTo((float) rowZero, within(1e-6f));
            assertThat(rows[1]).isZero(); // its observed label is forecast exactly; the missing one does not count
            float overall = Losses.pinball(predicted, labels, mask, LEVELS).getFloat();
            assertThat(overall).isCloseTo((float) (rowZero * 6 / 9), within(1e-6f)); // 9 observed label-levels
        }
    }

    private static double pinball(double actual, double prediction, double level) {
        double error = actual - prediction;
        return Math.max(level * error, (level - 1) * error);
    }
}
