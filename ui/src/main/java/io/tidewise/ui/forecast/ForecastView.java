package io.tidewise.ui.forecast;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import io.tidewise.core.Observation;
import io.tidewise.core.SeriesId;
import io.tidewise.store.AccuracyBucket;
import io.tidewise.store.AccuracySummary;
import io.tidewise.ui.chart.EChart;
import io.tidewise.ui.layout.MainLayout;
import io.tidewise.ui.layout.Messages;
import io.tidewise.ui.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * One series: history and forecast in one interactive chart, the model and history range to show, the latest
 * forecast as CSV, and a what-if re-forecast from a chosen cut-off beside the baselines. Opened from the Series
 * list as {@code forecast?series=ID}.
 */
@Route(value = "forecast", layout = MainLayout.class)
@RolesAllowed({Roles.ANALYST, Roles.ENGINEER, Roles.MODELER, Roles.ADMIN})
public class ForecastView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    /** History ranges offered, in days; 0 is all of it. */
    private static final List<Integer> RANGES = List.of(0, 1, 7, 30, 365);

    private final transient ForecastService forecasts;
    private final transient WhatIfService whatIf;
    private final H2 title = new H2();
    private final Select<String> model = new Select<>();
    private final Select<Integer> range = new Select<>();
    private final Anchor download = new Anchor();
    private final EChart chart = new EChart();
    private final Paragraph status = new Paragraph();
    private final Grid<AccuracySummary> accuracy = new Grid<>();
    private final EChart accuracyChart = new EChart();
    private final DateTimePicker cutOff = new DateTimePicker();
    private final Select<String> whatIfModel = new Select<>();
    private final IntegerField horizon = new IntegerField();
    private final EChart whatIfChart = new EChart();
    private final Grid<WhatIfResult.MethodOutcome> scores = new Grid<>();
    private final Paragraph whatIfStatus = new Paragraph();
    private SeriesId series;

    public ForecastView(ForecastService forecasts, WhatIfService whatIf) {
        this.forecasts = forecasts;
        this.whatIf = whatIf;
        setWidthFull();
        add(title, toolbar(), chart, status, accuracyGrid(), accuracyChart);
        add(new H3(getTranslation("whatif.title")), new Paragraph(getTranslation("whatif.explain")), whatIfForm(),
                whatIfStatus, whatIfChart, scoresGrid());
    }

    private Component toolbar() {
        model.setId("model");
        model.setLabel(getTranslation("forecast.model"));
        model.addValueChangeListener(event -> refresh());
        range.setId("range");
        range.setLabel(getTranslation("forecast.range"));
        range.setItems(RANGES);
        range.setItemLabelGenerator(days -> days == 0 ? getTranslation("forecast.range.all")
                : getTranslation("forecast.range.days", days));
        range.setValue(0);
        range.addValueChangeListener(event -> refresh());
        download.setId("download-csv");
        download.setText(getTranslation("forecast.download"));
        HorizontalLayout toolbar = new HorizontalLayout(model, range, download);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);
        chart.setId("forecast-chart");
        status.setId("forecast-status");
        return toolbar;
    }

    private Component accuracyGrid() {
        accuracy.setId("forecast-accuracy");
        accuracy.addColumn(AccuracySummary::model).setHeader(getTranslation("forecast.accuracy.model"));
        accuracy.addColumn(AccuracySummary::count).setHeader(getTranslation("forecast.accuracy.count"));
        accuracy.addColumn(summary -> Messages.number(summary.meanScaledError()))
                .setHeader(getTranslation("forecast.accuracy.mase"));
        accuracy.addColumn(summary -> Messages.percent(summary.coverage80()))
                .setHeader(getTranslation("series.coverage"));
        accuracy.addColumn(summary -> Messages.number(summary.meanAbsError()))
                .setHeader(getTranslation("forecast.accuracy.mae"));
        accuracy.setAllRowsVisible(true);
        accuracyChart.setId("accuracy-chart");
        accuracyChart.setHeight("220px");
        return accuracy;
    }

    private Component whatIfForm() {
        cutOff.setId("whatif-cutoff");
        cutOff.setLabel(getTranslation("whatif.cutoff"));
        whatIfModel.setId("whatif-model");
        whatIfModel.setLabel(getTranslation("whatif.model"));
        horizon.setId("whatif-horizon");
        horizon.setLabel(getTranslation("whatif.horizon"));
        horizon.setMin(1);
        horizon.setMax(512);
        horizon.setValue(12);
        horizon.setStepButtonsVisible(true);
        Button run = new Button(getTranslation("whatif.run"), click -> runWhatIf());
        run.setId("whatif-run");
        run.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(cutOff, whatIfModel, horizon, run);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        whatIfChart.setId("whatif-chart");
        whatIfChart.setVisible(false);
        whatIfStatus.setId("whatif-status");
        return form;
    }

    private Component scoresGrid() {
        scores.setId("whatif-scores");
        scores.addColumn(WhatIfResult.MethodOutcome::name).setHeader(getTranslation("whatif.method"));
        scores.addColumn(outcome -> Messages.number(outcome.mase())).setHeader(getTranslation("series.mase"));
        scores.addColumn(outcome -> Messages.percent(outcome.coverage80()))
                .setHeader(getTranslation("series.coverage"));
        scores.setAllRowsVisible(true);
        scores.setVisible(false);
        return scores;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Optional<String> requested = event.getLocation().getQueryParameters().getSingleParameter("series");
        if (requested.isEmpty() || requested.get().isBlank()) {
            status.setText(getTranslation("forecast.noSeries"));
            return;
        }
        series = SeriesId.of(requested.get());
        title.setText(series.value());
        List<String> models = forecasts.models(series);
        model.setItems(models);
        List<String> registered = whatIf.registeredModels();
        whatIfModel.setItems(registered);
        registered.stream().findFirst().ifPresent(whatIfModel::setValue);
        if (registered.isEmpty()) {
            whatIfStatus.setText(getTranslation("whatif.noModel", whatIf.registryRoot()));
        }
        accuracy.setItems(forecasts.accuracy(series));
        if (models.isEmpty()) {
            refresh();
        } else {
            model.setValue(models.get(0)); // refreshes
        }
    }

    private void refresh() {
        if (series == null) {
            return;
        }
        Integer days = range.getValue();
        ForecastChartData data = forecasts.chartData(series, model.getValue(),
                days == null || days == 0 ? null : Duration.ofDays(days));
        chart.setOptions(ForecastChart.options(data, Messages.chartLabels(this)));
        List<AccuracyBucket> buckets = forecasts.accuracyOverTime(data);
        accuracyChart.setVisible(!buckets.isEmpty());
        accuracyChart.setOptions(ForecastChart.accuracyOptions(buckets, getTranslation("chart.mase"),
                getTranslation("chart.naive"), getTranslation("chart.coverage"), getTranslation("chart.target")));
        status.setText(data.track().isEmpty() ? getTranslation("forecast.noForecast")
                : getTranslation("forecast.summary", data.observations().size(), data.anomalies().size(),
                        data.latest().map(latest -> Messages.time(latest.issuedAt())).orElse("-")));
        data.observations().stream().reduce((first, second) -> second).map(Observation::timestamp)
                .ifPresent(last -> {
                    if (cutOff.isEmpty()) {
                        cutOff.setValue(LocalDateTime.ofInstant(last, ZoneOffset.UTC).minusDays(1));
                    }
                });
        updateDownload();
    }

    private void updateDownload() {
        String chosen = model.getValue();
        download.setEnabled(chosen != null);
        if (chosen != null) {
            SeriesId current = series;
            String fileName = current.value().replaceAll("[^A-Za-z0-9._-]", "_") + "-forecast.csv";
            download.setHref(DownloadHandler.fromInputStream(event -> {
                byte[] csv = forecasts.latestForecastCsv(current, chosen).orElse("").getBytes(StandardCharsets.UTF_8);
                return new DownloadResponse(new java.io.ByteArrayInputStream(csv), fileName, "text/csv", csv.length);
            }), AttachmentType.DOWNLOAD);
        }
    }

    private void runWhatIf() {
        if (whatIfModel.getListDataView().getItemCount() == 0) {
            whatIfStatus.setText(getTranslation("whatif.noModel", whatIf.registryRoot()));
            return;
        }
        if (series == null || cutOff.getValue() == null || whatIfModel.getValue() == null
                || horizon.getValue() == null) {
            whatIfStatus.setText(getTranslation("whatif.incomplete"));
            return;
        }
        try {
            WhatIfResult result = whatIf.run(series, whatIfModel.getValue(),
                    cutOff.getValue().toInstant(ZoneOffset.UTC), horizon.getValue());
            whatIfChart.setOptions(ForecastChart.whatIfOptions(result, Messages.chartLabels(this)));
            whatIfChart.setVisible(true);
            scores.setItems(result.methods());
            scores.setVisible(true);
            whatIfStatus.setText(getTranslation("whatif.done", result.contextLength(), result.actuals().size()));
        } catch (IllegalArgumentException e) {
            whatIfStatus.setText(getTranslation("whatif.failed", e.getMessage()));
        }
    }

    @Override
    public String getPageTitle() {
        return (series == null ? getTranslation("nav.forecast") : series.value()) + " - Tidewise";
    }
}
