package io.tidewise.ui.streams;

import io.tidewise.core.StreamDefinition;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A stream definition as typed into the form: every field is text, so that whatever is typed can be rendered to
 * YAML and judged by the same loader the job uses, which names the key and the value in its errors. Fields left
 * blank are left out of the YAML.
 */
public class StreamDraft {
    private String name = "";
    private String topic = "";
    private String format = "json";
    private String csvDelimiter = ",";
    private String csvHeader = "";
    private String series = "";
    private String timestampField = "";
    private String timestampFormat = "iso";
    private String zone = "UTC";
    private String value = "";
    private String domain = "other";
    private String tags = "";
    private String frequency = "";
    private String horizon = "";
    private String model = "";

    /** The form filled from a definition that exists, for editing. */
    public static StreamDraft of(StreamDefinition definition) {
        StreamDraft draft = new StreamDraft();
        draft.name = definition.name();
        draft.topic = definition.topic();
        draft.format = definition.format().name().toLowerCase(java.util.Locale.ROOT);
        if (definition.csv() != null) {
            draft.csvDelimiter = String.valueOf(definition.csv().delimiter());
            draft.csvHeader = String.join(draft.csvDelimiter, definition.csv().columns());
        }
        draft.series = definition.seriesIdTemplate();
        draft.timestampField = definition.timestampField();
        draft.timestampFormat = definition.timestampFormat();
        draft.zone = definition.zone().getId();
        draft.value = definition.valueField();
        draft.domain = definition.domain().wireName();
        draft.tags = definition.tags().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(tag -> tag.getKey() + "=" + tag.getValue()).collect(Collectors.joining(", "));
        draft.frequency = definition.frequency().toString();
        draft.horizon = Integer.toString(definition.horizon());
        draft.model = definition.model() == null ? "" : definition.model();
        return draft;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getTopic() {
        return topic;
    }

    public void setTopic(String topic) {
        this.topic = topic;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public String getCsvDelimiter() {
        return csvDelimiter;
    }

    public void setCsvDelimiter(String csvDelimiter) {
        this.csvDelimiter = csvDelimiter;
    }

    public String getCsvHeader() {
        return csvHeader;
    }

    public void setCsvHeader(String csvHeader) {
        this.csvHeader = csvHeader;
    }

    public String getSeries() {
        return series;
    }

    public void setSeries(String series) {
        this.series = series;
    }

    public String getTimestampField() {
        return timestampField;
    }

    public void setTimestampField(String timestampField) {
        this.timestampField = timestampField;
    }

    public String getTimestampFormat() {
        return timestampFormat;
    }

    public void setTimestampFormat(String timestampFormat) {
        this.timestampFormat = timestampFormat;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    /** Constant tags as {@code key=value, key=value}. */
    public String getTags() {
        return tags;
    }

    public void setTags(String tags) {
        this.tags = tags;
    }

    public String getFrequency() {
        return frequency;
    }

    public void setFrequency(String frequency) {
        this.frequency = frequency;
    }

    public String getHorizon() {
        return horizon;
    }

    public void setHorizon(String horizon) {
        this.horizon = horizon;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }
}
