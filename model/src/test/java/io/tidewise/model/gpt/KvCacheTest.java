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
    void rowsSharingAPrefixContinueAsTheirOwnSequences(PositionEncoding positions) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Gpt gpt = GptTestSupport.tokenModel(manager, positions);
            ParameterStore store = new ParameterStore(manager, false);
            int prompts = 2;
            int group = 3;
            int rows = prompts * group;
            int generated = 4;
            int[] prompt = new Random(5).ints(prompts * PREFILL, 0, GptTestSupport.VOCABULARY).toArray();
            int[] continuation = new Random(6).ints(rows * generated, 0, GptTestSupport.VOCABULARY).toArray();
            // each row written out in full: its group's prompt, then its own tokens, as sampled paths are
            int length = PREFILL + generated;
            int[] full = new int[rows * length];
            for (int row = 0; row < rows; row++) {
                System.arraycopy(prompt, (row / group) * PREFILL, full, row * length, PREFILL);
                System.arraycopy(continuation, row * generated, full, row * length + PREFILL, generated);
            }
            NDArray expected = gpt.forward(store, new NDList(manager.create(full, new Shape(rows, length))), false)
                    .singletonOrThrow(); // (rows, T, V)
            try (KvCache cache = gpt.newCache(manager)) {
                gpt.predictNext(store, new NDList(manager.create(prompt, new Shape(prompts, PREFILL))), cache);
                cache.sharePrefix(group);
                for (int t = 0; t < generated; t++) {
                    int[] tokens = new int[rows];
                    for (int row = 0; row < rows; row++) {
                        tokens[row] = continuation[row * generated + t];
                    }
                    NDArray next = gpt.predictNext(store,
                            new NDList(manager.create(tokens, new Shape(rows, 1))), cache); // (rows, V)
                    assertClose(next, expected.get(new NDIndex(":, {}", PREFILL + t)));
                }
                assertThat(cache.length()).isEqualTo(length);
                assertThatThrownBy(() -> cache.sharePrefix(2)).isInstanceOf(IllegalStateException.class);
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
