package io.tidewise.model.checkpoint;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.tidewise.model.gpt.GptConfig;
import io.tidewise.model.gpt.GptKind;
import io.tidewise.model.tokenize.TokenizerConfig;
import io.tidewise.model.tokenize.TokenizerKind;
import io.tidewise.model.tokenize.Vocabulary;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A checkpoint's {@code config.json}: everything needed to rebuild the network before its parameters are loaded,
 * and where it came from. Three shapes are valid:
 * <ul>
 *   <li>a text model: kind {@link GptKind#TOKENS}, no tokenizer, no series head (byte vocabulary);</li>
 *   <li>a bin model: kind {@link GptKind#TOKENS}, a {@link TokenizerKind#BIN} tokenizer, a series head;</li>
 *   <li>a patch model: kind {@link GptKind#PATCHES}, a {@link TokenizerKind#PATCH} tokenizer, a series head with
 *       the quantile levels its head was trained for.</li>
 * </ul>
 *
 * @param formatVersion the layout version of the checkpoint directory; {@link #FORMAT_VERSION} when written
 * @param name          registry name, e.g. {@code tidewise-small}
 * @param version       registry version, e.g. {@code 3}
 * @param kind          which input and head the network has
 * @param architecture  the decoder stack's shape
 * @param tokenizer     the series tokenizer; null for a text model
 * @param series        how the series model reads and answers; null for a text model
 * @param provenance    how the checkpoint was made (data, steps, seed, the checkpoint it started from ...); free-form
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckpointConfig(
        @JsonProperty("formatVersion") int formatVersion,
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("kind") GptKind kind,
        @JsonProperty("architecture") GptConfig architecture,
        @JsonProperty("tokenizer") TokenizerConfig tokenizer,
        @JsonProperty("series") SeriesHeadConfig series,
        @JsonProperty("provenance") Map<String, Object> provenance) {

    /**
     * The checkpoint layout this code writes and reads. Version 2: patch models standardise their windows (center and
     * scale), embed and read out patches with residual MLPs and have no level anchor, so version 1 parameters do not
     * fit them.
     */
    public static final int FORMAT_VERSION = 2;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @JsonCreator
    public CheckpointConfig {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("formatVersion must be " + FORMAT_VERSION + ", was " + formatVersion);
        }
        requireName(name, "name");
        requireName(version, "version");
        if (kind == null) {
            throw new IllegalArgumentException("kind is required but was null");
        }
        if (architecture == null) {
            throw new IllegalArgumentException("architecture is required but was null");
        }
        // insertion order kept, so config.json reads in the order the trainer wrote it
        provenance = provenance == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        if (kind == GptKind.PATCHES) {
            if (tokenizer == null || tokenizer.kind() != TokenizerKind.PATCH) {
                throw new IllegalArgumentException("tokenizer of a PATCHES model must be a PATCH tokenizer, was "
                        + tokenizer);
            }
            if (series == null || series.quantileLevels().length == 0) {
                throw new IllegalArgumentException(
                        "series.quantileLevels of a PATCHES model must name its head's levels, was " + series);
            }
            int tokens = (series.contextLength() + tokenizer.patchLength() - 1) / tokenizer.patchLength();
            if (tokens > architecture.contextLength()) {
                throw new IllegalArgumentException("series.contextLength " + series.contextLength() + " needs "
                        + tokens + " patches, more than architecture.contextLength " + architecture.contextLength());
            }
        } else if (tokenizer != null) {
            if (tokenizer.kind() != TokenizerKind.BIN) {
                throw new IllegalArgumentException("tokenizer of a TOKENS model must be a BIN tokenizer or absent "
                        + "(text), was " + tokenizer.kind());
            }
            if (series == null) {
                throw new IllegalArgumentException("series is required for a bin model but was null");
            }
            if (series.contextLength() + series.reach() > architecture.contextLength()) {
                throw new IllegalArgumentException("series.contextLength + series.reach must fit in "
                        + "architecture.contextLength " + architecture.contextLength() + ", was "
                        + series.contextLength() + " + " + series.reach());
            }
        } else if (series != null) {
            throw new IllegalArgumentException("series must be absent for a text model (no tokenizer), was " + series);
        }
    }

    /** A patch model's configuration. */
    public static CheckpointConfig patches(String name, String version, GptConfig architecture,
            TokenizerConfig tokenizer, SeriesHeadConfig series, Map<String, Object> provenance) {
        return new CheckpointConfig(FORMAT_VERSION, name, version, GptKind.PATCHES, architecture, tokenizer, series,
                provenance);
    }

    /** A bin model's configuration. */
    public static CheckpointConfig bins(String name, String version, GptConfig architecture,
            TokenizerConfig tokenizer, SeriesHeadConfig series, Map<String, Object> provenance) {
        return new CheckpointConfig(FORMAT_VERSION, name, version, GptKind.TOKENS, architecture, tokenizer, series,
                provenance);
    }

    /** A text (byte language) model's configuration. */
    public static CheckpointConfig text(String name, String version, GptConfig architecture,
            Map<String, Object> provenance) {
        return new CheckpointConfig(FORMAT_VERSION, name, version, GptKind.TOKENS, architecture, null, null,
                provenance);
    }

    /** {@code name@version}, the {@code model} tag of forecasts in InfluxDB. */
    public String modelId() {
        return name + "@" + version;
    }

    /** Whether this is a series model (patch or bin) rather than a text model. */
    public boolean isSeriesModel() {
        return tokenizer != null;
    }

    /** Size of the token table of a TOKENS model: the byte vocabulary, plus the bins of a bin model. */
    public int vocabularySize() {
        return tokenizer == null ? Vocabulary.TEXT_SIZE : tokenizer.vocabularySize();
    }

    /** The same configuration under another name and version, e.g. when a trained model is registered. */
    public CheckpointConfig withNameAndVersion(String newName, String newVersion) {
        return new CheckpointConfig(formatVersion, newName, newVersion, kind, architecture, tokenizer, series,
                provenance);
    }

    /**
     * The same configuration reading and answering differently, e.g. a model trained further on longer contexts;
     * checked like any configuration (a patch model's context must fit the architecture's positions).
     */
    public CheckpointConfig withSeries(SeriesHeadConfig newSeries) {
        if (series == null) {
            throw new IllegalArgumentException("a text model reads no series; " + modelId() + " cannot take "
                    + newSeries);
        }
        return new CheckpointConfig(formatVersion, name, version, kind, architecture, tokenizer, newSeries,
                provenance);
    }

    /** The same configuration with another provenance, e.g. a model trained further from this one. */
    public CheckpointConfig withProvenance(Map<String, Object> newProvenance) {
        return new CheckpointConfig(formatVersion, name, version, kind, architecture, tokenizer, series,
                newProvenance);
    }

    static String requireName(String value, String field) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 1-64 letters, digits, '.', '_' or '-', starting "
                    + "with a letter or digit, was " + (value == null ? "null" : "'" + value + "'"));
        }
        return value;
    }
}
