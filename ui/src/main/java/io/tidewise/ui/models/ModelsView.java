package io.tidewise.ui.models;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.component.AttachEvent;
import io.tidewise.ui.layout.MainLayout;
import io.tidewise.ui.retrain.RetrainPanel;
import io.tidewise.ui.retrain.RetrainProgress;
import io.tidewise.ui.retrain.RetrainingService;
import io.tidewise.ui.security.Roles;
import jakarta.annotation.security.RolesAllowed;

/** The model registry: every version, which is promoted, its evaluation (metrics.json) and card; promotion. */
@Route(value = "models", layout = MainLayout.class)
@RolesAllowed({Roles.MODELER, Roles.ADMIN})
public class ModelsView extends VerticalLayout implements HasDynamicTitle {
    private final transient ModelService service;
    private final Grid<ModelEntry> grid = new Grid<>();
    private final Paragraph status = new Paragraph();
    private final Div card = new Div();
    private final Details metrics = new Details();
    private final Pre metricsText = new Pre();
    private final transient RetrainingService retraining;
    private final RetrainPanel retrain = new RetrainPanel();
    private RetrainProgress.State shownState;
    private com.vaadin.flow.shared.Registration polling;

    public ModelsView(ModelService service, RetrainingService retraining) {
        this.service = service;
        this.retraining = retraining;
        setWidthFull();
        add(status, modelsGrid(), retrainPanel(), metricsSection(), card);
        refresh();
    }

    private Component retrainPanel() {
        retrain.setChoices(retraining.baseModels(), retraining.series());
        retrain.addStartListener(event -> {
            try {
                retrain.show(retraining.start(event.request()));
                followProgress();
            } catch (IllegalStateException | IllegalArgumentException e) {
                retrain.showRefusal(e.getMessage());
            }
        });
        return retrain;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        // a run started earlier (another page, a closed browser) is shown as it stands
        retrain.show(retraining.progress());
        if (retraining.progress().running()) {
            followProgress();
        }
    }

    /** Polls the run once a second until it ends; then the new version appears in the list. */
    private void followProgress() {
        if (polling != null) {
            polling.remove();
        }
        getUI().ifPresent(ui -> {
            ui.setPollInterval(1000);
            polling = ui.addPollListener(poll -> {
                RetrainProgress progress = retraining.progress();
                retrain.show(progress);
                if (!progress.running() && progress.state() != shownState) {
                    shownState = progress.state();
                    ui.setPollInterval(-1);
                    polling.remove();
                    polling = null;
                    refresh();
                }
            });
        });
        shownState = null;
    }

    private Component modelsGrid() {
        grid.setId("models-grid");
        grid.addColumn(ModelEntry::modelId).setHeader(getTranslation("models.model")).setAutoWidth(true);
        grid.addColumn(model -> !model.usable() || model.config().tokenizer() == null ? ""
                : String.valueOf(model.config().tokenizer().kind())).setHeader(getTranslation("models.tokenizer"));
        grid.addColumn(model -> !model.usable() ? getTranslation("models.unusable", model.problem())
                : model.promoted() ? getTranslation("models.promoted") : "")
                .setHeader(getTranslation("models.state")).setFlexGrow(2);
        grid.addComponentColumn(this::promoteButton).setAutoWidth(true).setFlexGrow(0);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.asSingleSelect().addValueChangeListener(event -> show(event.getValue()));
        status.setId("models-status");
        return grid;
    }

    private Component metricsSection() {
        metrics.setSummaryText(getTranslation("models.metrics"));
        metrics.add(metricsText);
        metrics.setId("models-metrics");
        metrics.setOpened(true);
        metrics.setVisible(false);
        card.setId("model-card");
        card.setWidthFull();
        return metrics;
    }

    private Component promoteButton(ModelEntry model) {
        Button promote = new Button(getTranslation("models.promote"), click -> {
            service.promote(model.name(), model.version());
            status.setText(getTranslation("models.promotedNow", model.modelId()));
            refresh();
        });
        promote.setId("promote-" + model.name() + "-" + model.version());
        promote.addThemeVariants(ButtonVariant.LUMO_SMALL);
        promote.setEnabled(!model.promoted() && model.usable());
        return promote;
    }

    private void show(ModelEntry model) {
        card.removeAll();
        if (model == null) {
            metrics.setVisible(false);
            return;
        }
        ModelDetails details = service.details(model);
        metricsText.setText(details.metricsJson() == null ? getTranslation("models.noMetrics")
                : details.metricsJson());
        metrics.setVisible(true);
        card.add(details.cardHtml() == null ? new Paragraph(getTranslation("models.noCard"))
                : new Html(details.cardHtml()));
    }

    private void refresh() {
        var models = service.models();
        grid.setItems(models);
        if (status.getText().isEmpty()) {
            status.setText(getTranslation("models.count", models.size(),
                    service.root().toAbsolutePath().normalize().toString()));
        }
        models.stream().filter(ModelEntry::promoted).findFirst().ifPresent(grid::select);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.models") + " - Tidewise";
    }
}
