package io.tidewise.ui.models;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A model card (Markdown with tables) as HTML. Raw HTML in the card is escaped and unsafe link targets dropped, so
 * a card cannot bring script into the page.
 */
public final class ModelCardRenderer {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true).build();

    private ModelCardRenderer() {}

    /** The HTML of the card, wrapped in one {@code <div>} (Vaadin's Html component needs one root). */
    public static String toHtml(String markdown) {
        return "<div class=\"model-card\">" + RENDERER.render(PARSER.parse(markdown)) + "</div>";
    }
}
