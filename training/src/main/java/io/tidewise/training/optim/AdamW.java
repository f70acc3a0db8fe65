package io.tidewise.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW (Loshchilov and Hutter) with decoupled weight decay applied only to the parameters that should decay: the
 * weight matrices of linear layers. Norm gains and biases, embeddings and position tables do not decay, as in
 * nanoGPT and GPT-2.
 *
 * <p>Written here rather than taken from DJL because DJL's {@code AdamW} decays every parameter and keeps its moment
 * estimates private, so a run could neither exclude norms nor be resumed exactly from a checkpoint.
 */
public final class AdamW {
    private final List<Pair<String, Parameter>> parameters;
    private final boolean[] decays;
    private final NDArray[] firstMoments; // same shape as each parameter
    private final NDArray[] secondMoments;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;
    private long updates;

    /**
     * @param parameters  the trainable parameters, in a stable order (the block's {@code getParameters()})
     * @param manager     owns the optimizer state; must outlive training
     * @param weightDecay decoupled decay rate for decaying parameters, e.g. 0.1
     */
    public AdamW(PairList<String, Parameter> parameters, NDManager manager, float beta1, float beta2, float epsilon,
            float weightDecay) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must lie in [0, 1), were " + beta1 + " and " + beta2);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weightDecay must be non-negative, was " + weightDecay);
        }
        this.parameters = new ArrayList<>();
        for (Pair<String, Parameter> parameter : parameters) {
            if (parameter.getValue().requiresGradient()) {
                this.parameters.add(parameter);
            }
        }
        this.decays = new boolean[this.parameters.size()];
        this.firstMoments = new NDArray[this.parameters.size()];
        this.secondMoments = new NDArray[this.parameters.size()];
        for (int i = 0; i < this.parameters.size(); i++) {
            Parameter parameter = this.parameters.get(i).getValue();
            decays[i] = decays(this.parameters.get(i).getKey(), parameter);
            NDArray weight = parameter.getArray();
            firstMoments[i] = manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
            secondMoments[i] = manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    /** nanoGPT's rule: matrices that multiply activations decay; everything 1-D, embeddings and positions do not. */
    static boolean decays(String name, Parameter parameter) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        boolean matrix = parameter.getArray().getShape().dimension() >= 2;
        boolean table = lower.contains("embed") || lower.contains("position") || lower.contains("table");
        return matrix && !table && parameter.getType() == Parameter.Type.WEIGHT;
    }

    /** The trainable parameters in update order. */
    public List<Pair<String, Parameter>> parameters() {
        return parameters;
    }

    /** Whether the parameter at {@code index} of {@link #parameters()} decays. */
    public boolean decays(int index) {
        return decays[index];
    }

    /** Number of updates applied so far (saved with the state, so a resumed run continues the bias correction). */
    public long updates() {
        return updates;
    }

    /**
     * Applies one update with the gradients currently held by the parameters.
     *
     * @param gradients one per parameter of {@link #parameters()}, already clipped; the caller closes them
     */
    public void step(List<NDArray> gradients, float learningRate) {
        if (gradients.size() != parameters.size()) {
            throw new IllegalArgumentException("gradients must hold one array per trainable parameter ("
                    + parameters.size() + "), was " + gradients.size());
        }
        updates++;
        double correction1 = 1 - Math.pow(beta1, updates);
        double correction2 = 1 - Math.pow(beta2, updates);
        float stepSize = (float) (learningRate * Math.sqrt(correction2) / correction1);
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i).getValue().getArray();
            NDArray gradient = gradients.get(i);
            if (decays[i] && weightDecay > 0) {
                weight.subi(weight.mul(learningRate * weightDecay));
            }
            // m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2, updated in place so the state keeps its manager
            firstMoments[i].muli(beta1).addi(gradient.mul(1 - beta1));
            secondMoments[i].muli(beta2).addi(gradient.square().muli(1 - beta2));
            NDArray denominator = secondMoments[i].sqrt().addi(epsilon);
            weight.subi(firstMoments[i].div(denominator).muli(stepSize));
            denominator.close();
        }
    }

    /** Writes the moments and the update count (for exact resumption). */
    public void save(OutputStream out) throws IOException {
        NDList state = new NDList();
        for (int i = 0; i < parameters.size(); i++) {
            state.add(firstMoments[i]);
            state.add(secondMoments[i]);
        }
        new java.io.DataOutputStream(out).writeLong(updates);
        out.write(state.encode());
        out.flush();
    }

    /** Restores what {@link #save} wrote, for the same parameters. */
    public void load(InputStream in, NDManager manager) throws IOException {
        java.io.DataInputStream data = new java.io.DataInputStream(in);
        long savedUpdates = data.readLong();
        NDList state = NDList.decode(manager, data.readAllBytes());
        if (state.size() != 2 * parameters.size()) {
            throw new IOException("optimizer state holds " + state.size() / 2 + " parameters, the model trains "
                    + parameters.size());
        }
        for (int i = 0; i < parameters.size(); i++) {
            if (!state.get(2 * i).getShape().equals(firstMoments[i].getShape())) {
                throw new IOException("optimizer state for " + parameters.get(i).getKey() + " has shape "
                        + state.get(2 * i).getShape() + ", the parameter " + firstMoments[i].getShape());
            }
            firstMoments[i].set(state.get(2 * i).toFloatArray());
            secondMoments[i].set(state.get(2 * i + 1).toFloatArray());
        }
        state.close();
        updates = savedUpdates;
    }
}
