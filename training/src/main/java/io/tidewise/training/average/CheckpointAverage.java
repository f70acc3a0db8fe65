package io.tidewise.training.average;

import ai.djl.nn.ParameterList;
import io.tidewise.model.checkpoint.Checkpoint;
import io.tidewise.model.checkpoint.CheckpointConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The weighted mean of the parameters of checkpoints that share an architecture, tokenizer and head. Averaging only
 * makes sense for runs that descend from one model (a continuation and its parent, two continuations); averaging two
 * models trained from different random starts gives noise, which nothing here can detect, so the caller must know.
 */
public final class CheckpointAverage {
    private CheckpointAverage() {}

    /**
     * @param sources at least one checkpoint; the first one's architecture, tokenizer and head are the result's
     * @param weights one non-negative weight per source, not all zero; normalised to sum to 1
     * @param name    the result's model name
     * @param version the result's version
     * @return a new checkpoint the caller closes, whose provenance lists every source with its weight and its own
     *     provenance; the sources are left as they are
     */
    public static Checkpoint average(List<Checkpoint> sources, List<Double> weights, String name, String version) {
        return average(sources, weights, sources == null ? null : sources.stream().map(Checkpoint::modelId).toList(),
                name, version);
    }

    /** As {@link #average(List, List, String, String)}, naming each source (its directory, say) in the provenance. */
    public static Checkpoint average(List<Checkpoint> sources, List<Double> weights, List<String> sourceNames,
            String name, String version) {
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(weights, "weights");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("sources must hold at least one checkpoint, had none");
        }
        if (weights.size() != sources.size()) {
            throw new IllegalArgumentException("weights must hold one weight per checkpoint (" + sources.size()
                    + "), had " + weights.size() + ": " + weights);
        }
        double total = 0;
        for (double weight : weights) {
            if (!(weight >= 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("weights must be finite and not negative, were " + weights);
            }
            total += weight;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("weights must not all be 0, were " + weights);
        }
        CheckpointConfig first = sources.get(0).config();
        for (Checkpoint other : sources.subList(1, sources.size())) {
            CheckpointConfig config = other.config();
            requireSame("kind", first.kind(), config.kind(), other);
            requireSame("architecture", first.architecture(), config.architecture(), other);
            requireSame("tokenizer", first.tokenizer(), config.tokenizer(), other);
            requireSame("series", first.series(), config.series(), other);
        }
        Objects.requireNonNull(sourceNames, "sourceNames");
        if (sourceNames.size() != sources.size()) {
            throw new IllegalArgumentException("sourceNames must hold one name per checkpoint (" + sources.size()
                    + "), had " + sourceNames.size());
        }
        List<Map<String, Object>> averaged = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("model", sources.get(i).modelId());
            entry.put("source", sourceNames.get(i));
            entry.put("weight", weights.get(i) / total);
            entry.put("provenance", sources.get(i).config().provenance());
            averaged.add(entry);
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("objective", "weighted mean of the parameters of the checkpoints below");
        provenance.put("averageOf", averaged);
        Checkpoint result = Checkpoint.create(first.withNameAndVersion(name, version).withProvenance(provenance), 0,
                sources.get(0).model().getNDManager().getDevice());
        try {
            ParameterList target = result.gpt().getParameters();
            for (int p = 0; p < target.size(); p++) {
                float[] sum = new float[Math.toIntExact(target.valueAt(p).getArray().size())];
                for (int s = 0; s < sources.size(); s++) {
                    float[] values = sources.get(s).gpt().getParameters().valueAt(p).getArray().toFloatArray();
                    float weight = (float) (weights.get(s) / total);
                    for (int k = 0; k < sum.length; k++) {
                        sum[k] += weight * values[k];
                    }
                }
                target.valueAt(p).getArray().set(sum);
            }
            return result;
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
    }

    private static void requireSame(String field, Object expected, Object actual, Checkpoint other) {
        if (!Objects.equals(expected, actual)) {
            throw new IllegalArgumentException("checkpoints to average must share their " + field + ": "
                    + other.modelId() + " has " + actual + ", the first has " + expected);
        }
    }
}
