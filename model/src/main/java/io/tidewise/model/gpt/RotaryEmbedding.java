package io.tidewise.model.gpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embedding (Su et al., RoFormer) in the half-split layout of GPT-NeoX: the first and second
 * halves of each head's vector form the pairs that are rotated by a position-dependent angle. Dot products of a
 * rotated query and key then depend only on the distance between their positions.
 */
final class RotaryEmbedding {
    private static final double BASE = 10_000.0;

    private RotaryEmbedding() {}

    /**
     * Rotates queries or keys.
     *
     * @param x     (B, nh, T, hs), hs even
     * @param start absolute position of the first of the T tokens
     * @return (B, nh, T, hs), in {@code x}'s manager
     */
    static NDArray apply(NDArray x, int start) {
        Shape shape = x.getShape();
        int tokens = (int) shape.get(2);
        int headSize = (int) shape.get(3);
        int half = headSize / 2;
        float[] cos = new float[tokens * half];
        float[] sin = new float[tokens * half];
        for (int t = 0; t < tokens; t++) {
            for (int i = 0; i < half; i++) {
                double angle = (start + t) * Math.pow(BASE, -2.0 * i / headSize);
                cos[t * half + i] = (float) Math.cos(angle);
                sin[t * half + i] = (float) Math.sin(angle);
            }
        }
        NDManager manager = x.getManager();
        NDArray cosines = manager.create(cos, new Shape(tokens, half)).toDevice(x.getDevice(), false); // (T, hs/2)
        NDArray sines = manager.create(sin, new Shape(tokens, half)).toDevice(x.getDevice(), false); // (T, hs/2)
        NDArray first = x.get(new NDIndex("..., :{}", half)); // (B, nh, T, hs/2)
        NDArray second = x.get(new NDIndex("..., {}:", half)); // (B, nh, T, hs/2)
        NDArray rotatedFirst = first.mul(cosines).sub(second.mul(sines)); // (B, nh, T, hs/2)
        NDArray rotatedSecond = first.mul(sines).add(second.mul(cosines)); // (B, nh, T, hs/2)
        return rotatedFirst.concat(rotatedSecond, 3); // (B, nh, T, hs)
    }
}
