package io.tidewise.model.gpt;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/**
 * A short series is read from its real tokens alone: left padding (patches with nothing observed) is hidden from
 * attention. With rotary positions, which only see distances between tokens, a window then gets the same forecast
 * whatever amount of padding it carries; before padding was masked, 2 real tokens beside 6 padded ones answered
 * differently from the same 2 tokens alone.
 */
class PaddingMaskTest {

    @Test
    void paddingDoesNotChangeTheForecastOfAShortWindow() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Gpt gpt = GptTestSupport.patchModel(manager, PositionEncoding.ROTARY);
            ParameterStore store = new ParameterStore(manager, false);
            int p = GptTestSupport.PATCH_LENGTH;
            NDArray realValues = manager.randomNormal(new Shape(1, 2, p)); // (1, 2, P)
            NDArray realMask = manager.ones(new Shape(1, 2, p));
            NDArray alone = gpt.predictLast(store, new NDList(realValues, realMask), false); // (1, R, Q)

            NDArray paddedValues = manager.zeros(new Shape(1, 8, p));
            paddedValues.set(new NDIndex(":, 6:, :"), realValues);
            NDArray paddedMask = manager.zeros(new Shape(1, 8, p));
            paddedMask.set(new NDIndex(":, 6:, :"), 1f);
            NDArray padded = gpt.predictLast(store, new NDList(paddedValues, paddedMask), false); // (1, R, Q)

            float[] expected = alone.toFloatArray();
            float[] actual = padded.toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as("output %d", i).isCloseTo(expected[i],
                        org.assertj.core.api.Assertions.within(1e-5f));
            }
        }
    }

    @Test
    void predictLastIsTheLastPositionOfTheFullPass() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Gpt gpt = GptTestSupport.patchModel(manager, PositionEncoding.LEARNED);
            ParameterStore store = new ParameterStore(manager, false);
            Shape shape = new Shape(3, 5, GptTestSupport.PATCH_LENGTH);
            NDList inputs = new NDList(manager.randomNormal(shape), manager.ones(shape));
            NDArray all = gpt.forward(store, inputs, false).singletonOrThrow(); // (B, T, R, Q)
            NDArray last = gpt.predictLast(store, inputs, false); // (B, R, Q)
            assertThat(last.getShape()).isEqualTo(new Shape(3, GptTestSupport.REACH, GptTestSupport.QUANTILES));
            assertThat(last.allClose(all.get(new NDIndex(":, -1")), 1e-5, 1e-6, false)).isTrue();
        }
    }
}
