package io.tidewise.ui.retrain;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.shared.Registration;
import io.tidewise.core.SeriesId;
import io.tidewise.ui.chart.EChart;
import io.tidewise.ui.layout.Messages;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The retraining form and the state of the run: base model, series, date range, horizon and time budget; then steps,
 * loss curve, steps/s and ETA, and at the end the evaluation beside the promoted model. Calls no service: it fires
 * {@link StartEvent}, and the view hands it progress with {@link #show}.
 */
public class RetrainPanel extends VerticalLayout {
    /** Step cap: the time budget is what ends a run; this only bounds a very fast machine. */
    static final int MAX_STEPS = 100_000;

    private final Select<String> baseModel = new Select<>();
    private final MultiSelectComboBox<SeriesId> series = new MultiSelectComboBox<>();
    private final DatePicker from = new DatePicker();
    private final DatePicker to = new DatePicker();
    private final IntegerField horizon = new IntegerField();
    private final IntegerField seconds = new IntegerField();
    private final Button start = new Button();
    private final Paragraph state = new Paragraph();
    private final EChart losses = new EChart();
    private final Grid<RetrainProgress.Score> evaluation = new Grid<>();

    public RetrainPanel() {
        setPadding(false);
        add(new H3(getTranslation("retrain.title")), new Paragraph(getTranslation("retrain.explain")), form(),
                state, losses, evaluationGrid());
    }

    private HorizontalLayout form() {
        baseModel.setId("retrain-base");
        baseModel.setLabel(getTranslation("retrain.base"));
        series.setId("retrain-series");
        series.setLabel(getTranslation("retrain.series"));
        series.setItemLabelGenerator(SeriesId::value);
        series.setWidth("22em");
        from.setId("retrain-from");
        from.setLabel(getTranslation("retrain.from"));
        to.setId("retrain-to");
        to.setLabel(getTranslation("retrain.to"));
        horizon.setId("retrain-horizon");
        horizon.setLabel(getTranslation("retrain.horizon"));
        horizon.setMin(1);
        horizon.setMax(RetrainRequest.MAX_HORIZON);
        horizon.setValue(RetrainRequest.DEFAULT_HORIZON);
        horizon.setStepButtonsVisible(true);
        seconds.setId("retrain-seconds");
        seconds.setLabel(getTranslation("retrain.seconds"));
        seconds.setMin(1);
        seconds.setMax(RetrainRequest.MAX_SECONDS);
        seconds.setValue(30);
        start.setText(getTranslation("retrain.start"));
        start.setId("retrain-start");
        start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        start.addClickListener(click -> fireStart());
        state.setId("retrain-state");
        losses.setId("retrain-losses");
        losses.setHeight("200px");
        losses.setVisible(false);
        HorizontalLayout form = new HorizontalLayout(baseModel, series, from, to, horizon, seconds, start);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        return form;
    }

    private Grid<RetrainProgress.Score> evaluationGrid() {
        evaluation.setId("retrain-evaluation");
        evaluation.addColumn(RetrainProgress.Score::model).setHeader(getTranslation("retrain.model"));
        evaluation.addColumn(score -> Messages.number(score.mase())).setHeader(getTranslation("series.mase"));
        evaluation.addColumn(score -> Messages.percent(score.coverage80()))
                .setHeader(getTranslation("series.coverage"));
        evaluation.addColumn(RetrainProgress.Score::windows).setHeader(getTranslation("retrain.windows"));
        evaluation.setAllRowsVisible(true);
        evaluation.setVisible(false);
        return evaluation;
    }

    /** The choices: models to start from, series, and the range their observations span by default. */
    public void setChoices(List<String> models, List<SeriesId> allSeries) {
        baseModel.setItems(models);
        models.stream().findFirst().ifPresent(baseModel::setValue);
        series.setItems(allSeries);
        series.select(allSeries);
        if (from.isEmpty()) {
            from.setValue(LocalDate.of(1970, 1, 1));
        }
        if (to.isEmpty()) {
            to.setValue(LocalDate.now(ZoneOffset.UTC).plusDays(1));
        }
    }

    /** Shows where the run stands; the form is disabled while one runs. */
    public void show(RetrainProgress progress) {
        start.setEnabled(!progress.running());
        switch (progress.state()) {
            case IDLE -> state.setText("");
            case LOADING -> state.setText(getTranslation("retrain.loading"));
            case TRAINING -> state.setText(getTranslation("retrain.training", progress.step(),
                    last(progress.losses()), Messages.number(progress.stepsPerSecond()),
                    Math.round(progress.etaSeconds())));
            case EVALUATING -> state.setText(getTranslation("retrain.evaluating", progress.step()));
            case DONE -> state.setText(getTranslation("retrain.done", progress.newModel(), progress.step()));
            case FAILED -> state.setText(getTranslation("retrain.failed", progress.message()));
        }
        losses.setVisible(!progress.losses().isEmpty());
        if (!progress.losses().isEmpty()) {
            losses.setOptions(lossCurve(progress.losses()));
        }
        evaluation.setVisible(!progress.evaluation().isEmpty());
        evaluation.setItems(progress.evaluation());
    }

    /** Says why a request was not accepted (a field, or a run already going). */
    public void showRefusal(String message) {
        state.setText(getTranslation("retrain.failed", message));
    }

    private static String last(List<Float> losses) {
        return losses.isEmpty() ? "-" : String.format(Locale.ROOT, "%.4f", losses.get(losses.size() - 1));
    }

    /** An ECharts line of loss by step; numbers only. */
    static String lossCurve(List<Float> losses) {
        StringBuilder data = new StringBuilder();
        for (int step = 0; step < losses.size(); step++) {
            if (Float.isFinite(losses.get(step))) {
                data.append(data.length() == 0 ? "" : ",").append('[').append(step + 1).append(',')
                        .append(losses.get(step)).append(']');
            }
        }
        return "{\"animation\":false,\"grid\":{\"left\":50,\"right\":20,\"top\":20,\"bottom\":30},"
                + "\"tooltip\":{\"trigger\":\"axis\"},\"xAxis\":{\"type\":\"value\",\"name\":\"step\"},"
                + "\"yAxis\":{\"type\":\"value\",\"scale\":true},\"series\":[{\"id\":\"loss\",\"type\":\"line\","
                + "\"showSymbol\":false,\"data\":[" + data + "]}]}";
    }

    private void fireStart() {
        try {
            RetrainRequest request = new RetrainRequest(baseModel.getValue(), new ArrayList<>(series.getValue()),
                    from.getValue() == null ? null : from.getValue().atStartOfDay(ZoneOffset.UTC).toInstant(),
                    to.getValue() == null ? null : to.getValue().atStartOfDay(ZoneOffset.UTC).toInstant(),
                    horizon.getValue() == null ? 0 : horizon.getValue(),
                    seconds.getValue() == null ? 0 : seconds.getValue(), MAX_STEPS);
            fireEvent(new StartEvent(this, request));
        } catch (IllegalArgumentException e) {
            showRefusal(e.getMessage());
        }
    }

    public Registration addStartListener(ComponentEventListener<StartEvent> listener) {
        return addListener(StartEvent.class, listener);
    }

    /** Start this retraining. */
    public static class StartEvent extends ComponentEvent<RetrainPanel> {
        private final RetrainRequest request;

        StartEvent(RetrainPanel source, RetrainRequest request) {
            super(source, false);
            this.request = request;
        }

        public RetrainRequest request() {
            return request;
        }
    }
}
