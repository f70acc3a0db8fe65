package io.tidewise.ui.streams;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.tidewise.ingest.definition.StreamDefinitionException;
import io.tidewise.ingest.mapping.DeadLetter;
import io.tidewise.ui.layout.MainLayout;
import io.tidewise.ui.layout.Messages;
import io.tidewise.ui.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import java.util.stream.Collectors;

/** Stream definitions with their state, and the form that creates or edits one with a live preview. */
@Route(value = "streams", layout = MainLayout.class)
@RolesAllowed({Roles.ENGINEER, Roles.ADMIN})
public class StreamsView extends VerticalLayout implements HasDynamicTitle {
    private final transient StreamService service;
    private final Grid<StreamEntry> grid = new Grid<>();
    private final Paragraph status = new Paragraph();
    private final StreamForm form = new StreamForm();

    public StreamsView(StreamService service) {
        this.service = service;
        setWidthFull();
        add(toolbar(), status, streamsGrid(), form());
        refresh();
    }

    private Component toolbar() {
        Button create = new Button(getTranslation("stream.new.button"), click -> form.edit(new StreamDraft(), true));
        create.setId("stream-new");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(click -> form.setVisible(true));
        Button refresh = new Button(getTranslation("streams.refresh"), click -> refresh());
        refresh.setId("streams-refresh");
        status.setId("streams-status");
        return new HorizontalLayout(create, refresh);
    }

    private Component streamsGrid() {
        grid.setId("streams-grid");
        grid.addColumn(entry -> entry.definition() == null ? entry.file().getFileName().toString()
                : entry.definition().name()).setHeader(getTranslation("streams.name")).setAutoWidth(true);
        grid.addColumn(entry -> entry.definition() == null ? "" : entry.definition().topic())
                .setHeader(getTranslation("streams.topic")).setAutoWidth(true);
        grid.addColumn(this::state).setHeader(getTranslation("streams.state")).setAutoWidth(true);
        grid.addColumn(entry -> Double.isNaN(entry.recordsPerSecond()) ? "-"
                : Messages.number(entry.recordsPerSecond())).setHeader(getTranslation("streams.rate"));
        grid.addColumn(entry -> entry.lag() < 0 ? "-" : Long.toString(entry.lag()))
                .setHeader(getTranslation("streams.lag"));
        grid.addColumn(StreamEntry::seriesCount).setHeader(getTranslation("streams.series"));
        grid.addColumn(entry -> entry.definition() == null ? "" : entry.definition().frequency() + " / "
                + entry.definition().horizon()).setHeader(getTranslation("streams.frequencyHorizon"));
        grid.addComponentColumn(this::deadLetters).setHeader(getTranslation("streams.deadLetters")).setFlexGrow(2);
        grid.addComponentColumn(this::editButton).setAutoWidth(true).setFlexGrow(0);
        grid.setAllRowsVisible(true);
        grid.addThemeVariants(com.vaadin.flow.component.grid.GridVariant.LUMO_WRAP_CELL_CONTENT);
        return grid;
    }

    private String state(StreamEntry entry) {
        if (entry.problem() != null) {
            return getTranslation("streams.state.invalid", entry.problem());
        }
        if (entry.topicExists() == null) {
            return getTranslation("streams.state.unknown");
        }
        return getTranslation(entry.topicExists() ? "streams.state.topic" : "streams.state.noTopic");
    }

    private Component deadLetters(StreamEntry entry) {
        Span letters = new Span(entry.deadLetters().isEmpty() ? "0" : entry.deadLetters().size() + ": "
                + entry.deadLetters().stream().skip(Math.max(0, entry.deadLetters().size() - 3))
                        .map(DeadLetter::error).collect(Collectors.joining(" | ")));
        letters.getStyle().set("white-space", "normal").set("font-size", "var(--lumo-font-size-s)");
        return letters;
    }

    private Component editButton(StreamEntry entry) {
        Button edit = new Button(getTranslation("stream.edit.button"));
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        edit.setEnabled(entry.definition() != null);
        edit.addClickListener(click -> service.draftOf(entry.definition().name()).ifPresent(draft -> {
            form.edit(draft, false);
            form.setVisible(true);
        }));
        return edit;
    }

    private Component form() {
        form.setVisible(false);
        form.addPreviewListener(event -> {
            try {
                form.showPreview(service.preview(event.draft(), event.samples()));
            } catch (StreamDefinitionException e) {
                form.showProblem(e.getMessage());
            }
        });
        form.addSaveListener(event -> {
            try {
                SaveOutcome outcome = service.save(event.draft(), event.creating());
                form.showSaved(savedMessage(outcome), outcome.restartOffer() != null);
                refresh();
            } catch (StreamDefinitionException e) {
                form.showProblem(e.getMessage());
            }
        });
        form.addRestartListener(event -> restartJob());
        form.addCloseListener(event -> form.setVisible(false));
        return form;
    }

    private String savedMessage(SaveOutcome outcome) {
        String file = outcome.file().toString();
        return outcome.restartOffer() != null ? getTranslation("stream.saved.offerRestart", file,
                outcome.restartOffer()) : getTranslation("stream.saved.restartByHand", file, service.flinkRest());
    }

    /** Blocks this request until the new job runs (seconds): the button stays disabled meanwhile. */
    private void restartJob() {
        try {
            RestartResult result = service.restartJob();
            String seconds = String.format(java.util.Locale.ROOT, "%.1f", result.took().toMillis() / 1000.0);
            form.showRestartOutcome(getTranslation("stream.restart.done", result.savepoint(), seconds,
                    result.state()), true);
            refresh();
        } catch (JobRestartException e) {
            form.showRestartOutcome(getTranslation("stream.restart.failed", e.getMessage()), false);
        }
    }

    private void refresh() {
        StreamsOverview overview = service.streams();
        grid.setItems(overview.entries());
        StringBuilder text = new StringBuilder(getTranslation("streams.count", overview.entries().size(),
                service.directory().toAbsolutePath().normalize().toString()));
        if (overview.kafkaProblem() != null) {
            text.append(' ').append(getTranslation("streams.kafkaDown", overview.kafkaProblem()));
        }
        if (overview.influxProblem() != null) {
            text.append(' ').append(getTranslation("streams.influxDown", overview.influxProblem()));
        }
        status.setText(text.toString());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("nav.streams") + " - Tidewise";
    }
}
