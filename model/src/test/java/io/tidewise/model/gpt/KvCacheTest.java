package io.tidewise.model.gpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Incremental decoding with a KV cache equals full recomputation within 1e-4. */
class KvCacheTest {
    private static final int TOKENS = 16;
    private static final int PREFILL = 5;

    @ParameterizedTest
    @EnumSource(PositionEncoding.class)
    void incrementalLogitsEqualFullPass(PositionEncoding positions) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Gpt gpt = GptTestSupport.tokenModel(manager, positions);
            ParameterStore store = new ParameterStore(manager, false);
            int[] ids = new Random(3).ints(3 * TOKENS, 0, GptTestSupport.VOCABULARY).toArray();
            NDArray all = manager.create(ids, new Shape(3, TOKENS)); // (B, T)
            NDArray full = gpt.forward(store, new NDList(all), false).singletonOrThrow(); // (B, T, V)

            try (KvCache cache = gpt.newCache(manager)) {
                // a prompt of several tokens at once, then one token per step, as generation does
                NDArray prefill = gpt.predictNext(store, new NDList(all.get(new NDIndex(":, :{}", PREFILL))), cache);
                assertClose(prefill, full.get(new NDIndex(":, {}", PREFILL - 1)));
                for (int t = PREFILL; t < TOKENS; t++) {
                    try (NDManager step = manager.newSubManager()) {
                        NDArray token = all.get(new NDIndex(":, {}:{}", t, t + 1));
                        token.attach(step);
                        NDArray next = gpt.predictNext(store, new NDList(token), cache); // (B, V)
                        assertClose(next, full.get(new NDIndex(":, {}", t)));
                    }
                }
                assertThat(cache.length()).isEqualTo(TOKENS);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PositionEncoding.class)
    void incrementalPatchQuantilesEqualFullPass(PositionEncoding positions) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Gpt gpt = GptTestSupport.patchModel(manager, positions);
            ParameterStore store = new ParameterStore(manager, false);
            Shape shape = new Shape(2, TOKENS, GptTestSupport.PATCH_LENGTH);
            NDArray values = manager.randomNormal(shape);
            NDArray mask = manager.randomUniform(0, 1, shape).gt(0.2);
            NDArray full = gpt.forward(store, new NDList(values, mask), false).singletonOrThrow(); // (B, T, R, Q)
            try (KvCache cache = gpt.newCache(manager)) {
                for (int t = 0; t < TOKENS; t++) {
                    NDIndex token = new NDIndex(":, {}:{}", t, t + 1);
                    NDArray next = gpt.predictNext(store, new NDList(values.get(token), mask.get(token)), cache);
                    assertClose(next, full.get(new NDIndex(":, {}", t)));
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PositionEncoding.class)
    void selectedRowsContinueAsTheirOwnSequences(PositionEncoding positions) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Gpt gpt = GptTestSupport.tokenModel(manager, positions);
            ParameterStore store = new ParameterStore(manager, false);
            int[] prompts = new Random(5).ints(2 * PREFILL, 0, GptTestSupport.VOCABULARY).toArray();
            long[] rows = {1, 0, 1, 1}; // repeated and reordered, as sample paths share their series' prompt
            int[] continuation = {3, 9, 27, 1};
            int[] full = new int[rows.length * (PREFILL + 1)];
            for (int row = 0; row < rows.length; row++) {
                System.arraycopy(prompts, (int) rows[row] * PREFILL, full, row * (PREFILL + 1), PREFILL);
                full[row * (PREFILL + 1) + PREFILL] = continuation[row];
            }
            NDArray expected = gpt.forward(store, new NDList(manager.create(full, new Shape(rows.length,
                    PREFILL + 1))), false).singletonOrThrow().get(new NDIndex(":, {}", PREFILL)); // (4, V)
            try (KvCache cache = gpt.newCache(manager)) {
                gpt.predictNext(store, new NDList(manager.create(prompts, new Shape(2, PREFILL))), cache);
                cache.selectRows(manager.create(rows));
                NDArray next = gpt.predictNext(store,
                        new NDList(manager.create(continuation, new Shape(rows.length, 1))), cache); // (4, V)
                assertClose(next, expected);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PositionEncoding.class)
    void aSequenceLongerThanTheContextIsRefused(PositionEncoding positions) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Gpt gpt = GptTestSupport.tokenModel(manager, positions);
            ParameterStore store = new ParameterStore(manager, false);
            int context = gpt.config().contextLength();
            try (KvCache cache = gpt.newCache(manager)) {
                gpt.predictNext(store, new NDList(manager.zeros(new Shape(1, context - 1))), cache);
                assertThatThrownBy(() -> gpt.predictNext(store, new NDList(manager.zeros(new Shape(1, 2))), cache))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("sequence length must be at most contextLength " + context)
                        .hasMessageContaining("was " + (context + 1));
            }
        }
    }

    private static void assertClose(NDArray actual, NDArray expected) {
        assertThat(actual.getShape()).isEqualTo(expected.getShape());
        float difference = actual.sub(expected).abs().max().getFloat();
        assertThat(difference).isLessThan(1e-4f);
    }
}
