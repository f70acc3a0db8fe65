package io.tidewise.ui.streams;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;
import io.tidewise.core.Domain;
import java.util.Arrays;
import java.util.List;

/**
 * Creates or edits a stream definition, with a live preview of pasted sample records. It calls no service: it fires
 * {@link PreviewEvent}, {@link SaveEvent} and {@link CloseEvent}, and the view answers with
 * {@link #showPreview}, {@link #showProblem} and {@link #showSaved}.
 */
public class StreamForm extends VerticalLayout {
    private final Binder<StreamDraft> binder = new Binder<>(StreamDraft.class);
    private final H3 heading = new H3();
    private final TextField name = field("name", "stream-name");
    private final TextField topic = field("topic", "stream-topic");
    private final Select<String> format = new Select<>();
    private final TextField csvDelimiter = field("csvDelimiter", "stream-csv-delimiter");
    private final TextField csvHeader = field("csvHeader", "stream-csv-header");
    private final TextField series = field("series", "stream-series");
    private final TextField timestampField = field("timestampField", "stream-timestamp-field");
    private final TextField timestampFormat = field("timestampFormat", "stream-timestamp-format");
    private final TextField zone = field("zone", "stream-zone");
    private final TextField value = field("value", "stream-value");
    private final Select<String> domain = new Select<>();
    private final TextField tags = field("tags", "stream-tags");
    private final TextField frequency = field("frequency", "stream-frequency");
    private final TextField horizon = field("horizon", "stream-horizon");
    private final TextField model = field("model", "stream-model");
    private final TextArea samples = new TextArea();
    private final Paragraph problem = new Paragraph();
    private final Grid<PreviewLine> preview = new Grid<>();
    private final Button restart = new Button();
    private boolean creating = true;
    private StreamDraft draft = new StreamDraft();

    public StreamForm() {
        setPadding(false);
        add(heading, definitionFields(), samplesArea(), problem, restartButton(), previewGrid(), buttons());
        bindFields();
    }

    private FormLayout definitionFields() {
        format.setId("stream-format");
        format.setLabel(getTranslation("stream.field.format"));
        format.setItems("json", "csv");
        format.addValueChangeListener(event -> showCsvFields("csv".equals(event.getValue())));
        domain.setId("stream-domain");
        domain.setLabel(getTranslation("stream.field.domain"));
        domain.setItems(Arrays.stream(Domain.values()).map(Domain::wireName).toList());
        FormLayout fields = new FormLayout(name, topic, format, csvDelimiter, csvHeader, series, timestampField,
                timestampFormat, zone, value, domain, tags, frequency, horizon, model);
        fields.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("500px", 2),
                new FormLayout.ResponsiveStep("900px", 3));
        showCsvFields(false);
        return fields;
    }

    private TextArea samplesArea() {
        samples.setId("stream-samples");
        samples.setLabel(getTranslation("stream.samples"));
        samples.setPlaceholder(getTranslation("stream.samples.placeholder"));
        samples.setWidthFull();
        samples.setMinHeight("120px");
        samples.setValueChangeMode(ValueChangeMode.LAZY);
        samples.addValueChangeListener(event -> firePreview());
        problem.setId("stream-problem");
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        return samples;
    }

    private Grid<PreviewLine> previewGrid() {
        preview.setId("stream-preview");
        preview.addColumn(PreviewLine::line).setHeader(getTranslation("stream.preview.line")).setAutoWidth(true)
                .setFlexGrow(0);
        preview.addColumn(line -> line.mapped() ? line.observation().series().value() : "")
                .setHeader(getTranslation("stream.preview.series"));
        preview.addColumn(line -> line.mapped() ? line.observation().timestamp().toString() : "")
                .setHeader(getTranslation("stream.preview.time"));
        preview.addColumn(line -> line.mapped() ? Double.toString(line.observation().value()) : "")
                .setHeader(getTranslation("stream.preview.value"));
        preview.addColumn(line -> line.header() ? getTranslation("stream.preview.header")
                : line.error() == null ? getTranslation("stream.preview.ok") : line.error())
                .setHeader(getTranslation("stream.preview.result")).setFlexGrow(3);
        preview.setAllRowsVisible(true);
        preview.setVisible(false);
        return preview;
    }

    /** Offered after a save when the job can be restarted from here; the view answers the event. */
    private Button restartButton() {
        restart.setText(getTranslation("stream.restart.button"));
        restart.setId("stream-restart");
        restart.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SUCCESS);
        restart.setDisableOnClick(true);
        restart.setVisible(false);
        restart.addClickListener(click -> fireEvent(new RestartEvent(this)));
        return restart;
    }

    private HorizontalLayout buttons() {
        Button previewButton = new Button(getTranslation("stream.preview"), click -> firePreview());
        previewButton.setId("stream-preview-button");
        Button save = new Button(getTranslation("stream.save"), click -> {
            if (binder.writeBeanIfValid(currentDraft())) {
                fireEvent(new SaveEvent(this, currentDraft(), creating));
            }
        });
        save.setId("stream-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button close = new Button(getTranslation("stream.close"), click -> fireEvent(new CloseEvent(this)));
        close.setId("stream-close");
        return new HorizontalLayout(save, previewButton, close);
    }

    /** Fields bind to the draft's properties of the same name (format and domain included). */
    private void bindFields() {
        binder.bindInstanceFields(this);
    }

    private TextField field(String property, String id) {
        TextField field = new TextField(getTranslation("stream.field." + property));
        field.setId(id);
        // committed when the field is left: a Save clicked right after typing must see the typed value
        field.setValueChangeMode(ValueChangeMode.ON_CHANGE);
        field.addValueChangeListener(event -> {
            if (!samples.isEmpty()) {
                firePreview();
            }
        });
        return field;
    }

    private void showCsvFields(boolean csv) {
        csvDelimiter.setVisible(csv);
        csvHeader.setVisible(csv);
    }

    private StreamDraft currentDraft() {
        return draft;
    }

    /** Shows an empty form for a new stream, or an existing definition for editing (its name then fixed). */
    public void edit(StreamDraft toEdit, boolean isNew) {
        this.creating = isNew;
        this.draft = toEdit;
        heading.setText(getTranslation(isNew ? "stream.new" : "stream.edit", toEdit.getName()));
        binder.readBean(toEdit);
        name.setReadOnly(!isNew);
        problem.setText("");
        preview.setVisible(false);
        restart.setVisible(false);
    }

    /** What the samples map to. */
    public void showPreview(List<PreviewLine> lines) {
        problem.setText("");
        preview.setItems(lines);
        preview.setVisible(!lines.isEmpty());
    }

    /** Why the definition (not a sample) is not valid, as the loader says it. */
    public void showProblem(String message) {
        problem.setText(message);
        preview.setVisible(false);
    }

    public void showSaved(String message) {
        showSaved(message, false);
    }

    /** The save's outcome, with the Restart button when the job can be restarted from here to apply it. */
    public void showSaved(String message, boolean offerRestart) {
        problem.getStyle().set("color", "var(--lumo-success-text-color)");
        problem.setText(message);
        restart.setEnabled(true);
        restart.setVisible(offerRestart);
    }

    /** How the restart went: the savepoint and the time, or the exact error. */
    public void showRestartOutcome(String message, boolean restarted) {
        problem.getStyle().set("color", restarted ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)");
        problem.setText(message);
        restart.setVisible(!restarted);
        restart.setEnabled(!restarted);
    }

    /** Whether the Restart button is offered, for tests. */
    public boolean isRestartOffered() {
        return restart.isVisible() && restart.isEnabled();
    }

    /** Clicks Restart, for tests. */
    public void clickRestart() {
        restart.click();
    }

    private void firePreview() {
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        StreamDraft typed = new StreamDraft();
        if (binder.writeBeanIfValid(typed)) {
            fireEvent(new PreviewEvent(this, typed, samples.getValue()));
        }
    }

    /** Samples typed into the form, for tests. */
    public void setSamples(String text) {
        samples.setValue(text);
    }

    /** The form's events carry the draft as typed. */
    public abstract static class StreamFormEvent extends ComponentEvent<StreamForm> {
        protected StreamFormEvent(StreamForm source) {
            super(source, false);
        }
    }

    /** Map these samples under this draft. */
    public static class PreviewEvent extends StreamFormEvent {
        private final StreamDraft draft;
        private final String samples;

        PreviewEvent(StreamForm source, StreamDraft draft, String samples) {
            super(source);
            this.draft = draft;
            this.samples = samples;
        }

        public StreamDraft draft() {
            return draft;
        }

        public String samples() {
            return samples;
        }
    }

    /** Save this draft, as a new stream or over the one being edited. */
    public static class SaveEvent extends StreamFormEvent {
        private final StreamDraft draft;
        private final boolean creating;

        SaveEvent(StreamForm source, StreamDraft draft, boolean creating) {
            super(source);
            this.draft = draft;
            this.creating = creating;
        }

        public StreamDraft draft() {
            return draft;
        }

        public boolean creating() {
            return creating;
        }
    }

    /** Restart the job so that the saved definition takes effect. */
    public static class RestartEvent extends StreamFormEvent {
        RestartEvent(StreamForm source) {
            super(source);
        }
    }

    /** Close the form without saving. */
    public static class CloseEvent extends StreamFormEvent {
        CloseEvent(StreamForm source) {
            super(source);
        }
    }

    public Registration addPreviewListener(ComponentEventListener<PreviewEvent> listener) {
        return addListener(PreviewEvent.class, listener);
    }

    public Registration addSaveListener(ComponentEventListener<SaveEvent> listener) {
        return addListener(SaveEvent.class, listener);
    }

    public Registration addRestartListener(ComponentEventListener<RestartEvent> listener) {
        return addListener(RestartEvent.class, listener);
    }

    public Registration addCloseListener(ComponentEventListener<CloseEvent> listener) {
        return addListener(CloseEvent.class, listener);
    }
}
