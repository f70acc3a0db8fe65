package io.tidewise.model.gpt;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Changing a later input never changes an earlier output, for both kinds of network and both position kinds. */
class CausalityTest {
    private static final int TOKENS = 12;

    @ParameterizedTest
    @EnumSource(PositionEncoding.class)
    void laterTokenIdsNeverChangeEarlierLogits(PositionEncoding positions) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Gpt gpt = GptTestSupport.tokenModel(manager, positions);
            ParameterStore store = new ParameterStore(manager, false);
            Random random = new Random(1);
            int[] ids = random.ints(2 * TOKENS, 0, GptTestSupport.VOCABULARY).toArray();
            for (int changed = 1; changed < TOKENS; changed += 3) {
                int[] altered = ids.clone();
                altered[changed] = (ids[changed] + 1) % GptTestSupport.VOCABULARY; // row 0
                altered[TOKENS + changed] = (ids[TOKENS + changed] + 7) % GptTestSupport.VOCABULARY; // row 1
                NDArray before = forward(gpt, store, manager.create(ids, new Shape(2, TOKENS))); // (B, T, V)
                NDArray after = forward(gpt, store, manager.create(altered, new Shape(2, TOKENS))); // (B, T, V)
                assertCausal(before, after, changed);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PositionEncoding.class)
    void laterPatchesNeverChangeEarlierQuantiles(PositionEncoding positions) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Gpt gpt = GptTestSupport.patchModel(manager, positions);
            ParameterStore store = new ParameterStore(manager, false);
            Shape shape = new Shape(2, TOKENS, GptTestSupport.PATCH_LENGTH);
            NDArray values = manager.randomNormal(shape);
            NDArray mask = manager.ones(shape);
            for (int changed = 1; changed < TOKENS; changed += 4) {
                NDArray alteredValues = values.duplicate();
                alteredValues.set(new NDIndex(":, {}, 0", changed), 42f);
                NDArray alteredMask = mask.duplicate();
                alteredMask.set(new NDIndex(":, {}, 1", changed), 0f);
                NDArray before = gpt.forward(store, new NDList(values, mask), false).singletonOrThrow();
                NDArray after = gpt.forward(store, new NDList(alteredValues, alteredMask), false).singletonOrThrow();
                assertThat(before.getShape()).isEqualTo(
                        new Shape(2, TOKENS, GptTestSupport.REACH, GptTestSupport.QUANTILES));
                assertCausal(before, after, changed);
            }
        }
    }

    private static NDArray forward(Gpt gpt, ParameterStore store, NDArray ids) {
        return gpt.forward(store, new NDList(ids), false).singletonOrThrow();
    }

    private static void assertCausal(NDArray before, NDArray after, int changed) {
        NDIndex earlier = new NDIndex(":, :{}", changed);
        NDIndex fromChange = new NDIndex(":, {}:", changed);
        assertThat(before.get(earlier).allClose(after.get(earlier), 0, 0, false))
                .as("outputs before position %d must not change", changed)
                .isTrue();
        // the changed position itself must see its own new input, or the test above proves nothing
        assertThat(before.get(fromChange).sub(after.get(fromChange)).abs().max().getFloat())
                .as("outputs from position %d on must change", changed)
                .isGreaterThan(1e-4f);
    }
}
