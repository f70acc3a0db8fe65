package io.tidewise.ui.health;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.tidewise.ui.layout.MainLayout;
import io.tidewise.ui.security.Roles;
import jakarta.annotation.security.RolesAllowed;

/** Kafka, the Flink job and InfluxDB: up or down, what each said, and what to do when one is down. */
@Route(value = "health", layout = MainLayout.class)
@RolesAllowed({Roles.ANALYST, Roles.ENGINEER, Roles.MODELER, Roles.ADMIN})
public class HealthView extends VerticalLayout implements HasDynamicTitle {
    private final transient HealthService service;
    private final Grid<ComponentHealth> grid = new Grid<>();
    private final Grid<MetricLine> metricsGrid = new Grid<>();

    public HealthView(HealthService service) {
        this.service = service;
        setWidthFull();
        Button refresh = new Button(getTranslation("health.refresh"), click -> refresh());
        refresh.setId("health-refresh");
        add(refresh, healthGrid(), metricsGrid());
        refresh();
    }

    private Component healthGrid() {
        grid.setId("health-grid");
        grid.addColumn(health -> getTranslation("health.component." + health.component()))
                .setHeader(getTranslation("health.component")).setAutoWidth(true);
        grid.addColumn(ComponentHealth::address).setHeader(getTranslation("health.address")).setAutoWidth(true);
        grid.addComponentColumn(this::state).setHeader(getTranslation("health.state")).setAutoWidth(true);
        grid.addColumn(ComponentHealth::detail).setHeader(getTranslation("health.detail")).setFlexGrow(2);
        grid.addColumn(health -> health.adviceKey() == null ? "" : getTranslation(health.adviceKey()))
                .setHeader(getTranslation("health.advice")).setFlexGrow(2);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        return grid;
    }

    private Component metricsGrid() {
        metricsGrid.setId("job-metrics-grid");
        metricsGrid.addColumn(line -> getTranslation(line.key())).setHeader(getTranslation("health.metric"))
                .setAutoWidth(true);
        metricsGrid.addColumn(MetricLine::subject).setHeader(getTranslation("health.metric.subject"))
                .setAutoWidth(true);
        metricsGrid.addColumn(MetricLine::value).setHeader(getTranslation("health.metric.value")).setFlexGrow(1);
        metricsGrid.setAllRowsVisible(true);
        return metricsGrid;
    }

    private Component state(ComponentHealth health) {
        Span state = new Span(getTranslation(health.up() ? "health.up" : "health.down"));
        state.getStyle().set("font-weight", "600").set("color", health.up() ? "var(--lumo-success-text-color)"
                : "var(--lumo-error-text-color)");
        state.addClassName(health.up() ? "health-up" : "health-down");
        return state;
    }

    private void refresh() {
        grid.setItems(service.check());
        metricsGrid.setItems(service.jobMetrics());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.health") + " - Tidewise";
    }
}
