package io.tidewise.ui.series;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import io.tidewise.core.Domain;
import io.tidewise.store.StoreException;
import io.tidewise.ui.forecast.ForecastView;
import io.tidewise.ui.layout.MainLayout;
import io.tidewise.ui.layout.Messages;
import io.tidewise.ui.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Every series with its latest value, sparkline, live accuracy and anomaly flag; a row opens its forecast. */
@Route(value = "", layout = MainLayout.class)
@RolesAllowed({Roles.ANALYST, Roles.ENGINEER, Roles.MODELER, Roles.ADMIN})
public class SeriesView extends VerticalLayout implements HasDynamicTitle {
    private final transient SeriesService service;
    private final TextField name = new TextField();
    private final Select<Domain> domain = new Select<>();
    private final TextField tag = new TextField();
    private final Select<SeriesQuery.Order> order = new Select<>();
    private final Grid<SeriesOverview> grid = new Grid<>();
    private final Paragraph status = new Paragraph();
    private List<SeriesOverview> rows = List.of();

    public SeriesView(SeriesService service) {
        this.service = service;
        setSizeFull();
        add(filters(), status, seriesGrid());
        load();
    }

    private Component filters() {
        name.setId("series-filter");
        name.setPlaceholder(getTranslation("series.filter.name"));
        name.setClearButtonVisible(true);
        name.setValueChangeMode(ValueChangeMode.LAZY);
        name.addValueChangeListener(event -> show());
        domain.setId("series-domain");
        domain.setLabel(getTranslation("series.domain"));
        domain.setItems(Domain.values());
        domain.setEmptySelectionAllowed(true);
        domain.setEmptySelectionCaption(getTranslation("series.domain.all"));
        domain.setItemLabelGenerator(value -> value == null ? getTranslation("series.domain.all")
                : getTranslation("domain." + value.wireName()));
        domain.addValueChangeListener(event -> show());
        tag.setId("series-tag");
        tag.setPlaceholder(getTranslation("series.filter.tag"));
        tag.setClearButtonVisible(true);
        tag.setValueChangeMode(ValueChangeMode.LAZY);
        tag.addValueChangeListener(event -> show());
        order.setId("series-order");
        order.setLabel(getTranslation("series.order"));
        order.setItems(SeriesQuery.Order.values());
        order.setItemLabelGenerator(value -> getTranslation("series.order." + value.name().toLowerCase()));
        order.setValue(SeriesQuery.Order.NAME);
        order.addValueChangeListener(event -> show());
        HorizontalLayout filters = new HorizontalLayout(name, domain, tag, order);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        return filters;
    }

    private Component seriesGrid() {
        grid.setId("series-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(row -> row.series().value()).setHeader(getTranslation("series.name")).setAutoWidth(true)
                .setFlexGrow(2);
        grid.addColumn(row -> getTranslation("domain." + row.domain().wireName()))
                .setHeader(getTranslation("series.domain"));
        grid.addColumn(row -> row.tags().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(", ")))
                .setHeader(getTranslation("series.tags")).setAutoWidth(true);
        grid.addColumn(row -> Messages.number(row.lastValue())).setHeader(getTranslation("series.lastValue"));
        grid.addColumn(row -> Messages.time(row.lastTime())).setHeader(getTranslation("series.lastTime"))
                .setAutoWidth(true);
        grid.addComponentColumn(row -> Sparkline.of(row.recentValues())).setHeader(getTranslation("series.recent"))
                .setAutoWidth(true);
        grid.addColumn(row -> Messages.number(row.mase())).setHeader(getTranslation("series.mase"));
        grid.addColumn(row -> Messages.percent(row.coverage80())).setHeader(getTranslation("series.coverage"));
        grid.addComponentColumn(this::anomalyBadge).setHeader(getTranslation("series.anomaly"));
        grid.addItemClickListener(event -> getUI().ifPresent(ui -> ui.navigate(ForecastView.class,
                QueryParameters.simple(Map.of("series", event.getItem().series().value())))));
        return grid;
    }

    private Component anomalyBadge(SeriesOverview row) {
        Span badge = new Span(row.anomalyNow() ? getTranslation("series.anomaly.now")
                : row.newestAnomaly() != null ? Messages.time(row.newestAnomaly()) : "");
        if (row.anomalyNow()) {
            badge.addClassName("anomaly-now");
            badge.getStyle().set("color", "var(--lumo-error-text-color)").set("font-weight", "600");
        }
        return badge;
    }

    private void load() {
        try {
            rows = service.overview();
            show();
        } catch (StoreException e) {
            status.setText(getTranslation("series.unavailable", e.getMessage()));
        }
    }

    private void show() {
        List<SeriesOverview> shown = new SeriesQuery(name.getValue(), domain.getValue(), tag.getValue(), order.getValue()).apply(rows);
        grid.setItems(shown);
        status.setText(getTranslation("series.count", shown.size(), rows.size()));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.series") + " - Tidewise";
    }
}
