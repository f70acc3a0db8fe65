package io.tidewise.ui.layout;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AccessAnnotationChecker;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.tidewise.ui.health.HealthView;
import io.tidewise.ui.i18n.Translations;
import io.tidewise.ui.models.ModelsView;
import io.tidewise.ui.series.SeriesView;
import io.tidewise.ui.streams.StreamsView;
import java.util.Locale;

/**
 * The frame of every view: title, the views this user's roles may open (the others are not offered), the
 * language menu and logout. Dark or light follows the browser.
 */
public class MainLayout extends AppLayout {
    private final transient AuthenticationContext authentication;
    private final AccessAnnotationChecker access;

    public MainLayout(AuthenticationContext authentication, AccessAnnotationChecker access) {
        this.authentication = authentication;
        this.access = access;
        addToNavbar(new DrawerToggle(), title(), toolbar());
        addToDrawer(navigation());
        followBrowserColorScheme();
    }

    private Component title() {
        H1 title = new H1(getTranslation("app.title"));
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
        return title;
    }

    private Component toolbar() {
        Select<Locale> language = new Select<>();
        language.setId("language");
        language.setItems(Translations.ENGLISH, Translations.CHINESE);
        language.setItemLabelGenerator(locale -> locale.equals(Translations.CHINESE) ? "简体中文" : "English");
        language.setValue(getLocale() != null && getLocale().getLanguage().equals("zh")
                ? Translations.CHINESE : Translations.ENGLISH);
        language.setAriaLabel(getTranslation("layout.language"));
        language.addValueChangeListener(event -> switchLanguage(event.getValue()));

        Span user = new Span(authentication.getPrincipalName().orElse(""));
        user.setId("current-user");
        Button logout = new Button(getTranslation("layout.logout"), click -> authentication.logout());
        logout.setId("logout");
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        HorizontalLayout toolbar = new HorizontalLayout(language, user, logout);
        toolbar.setAlignItems(FlexComponent.Alignment.CENTER);
        toolbar.getStyle().set("margin-left", "auto").set("padding-right", "var(--lumo-space-m)");
        return toolbar;
    }

    private SideNav navigation() {
        SideNav nav = new SideNav();
        addIfAllowed(nav, "nav.series", SeriesView.class);
        addIfAllowed(nav, "nav.streams", StreamsView.class);
        addIfAllowed(nav, "nav.models", ModelsView.class);
        addIfAllowed(nav, "nav.health", HealthView.class);
        return nav;
    }

    private void addIfAllowed(SideNav nav, String labelKey, Class<? extends Component> view) {
        if (access.hasAccess(view)) {
            SideNavItem item = new SideNavItem(getTranslation(labelKey), view);
            item.setId("nav-" + labelKey.substring(labelKey.indexOf('.') + 1));
            nav.addItem(item);
        }
    }

    /** Every label is read when a view is built, so the page is rebuilt in the new language. */
    private static void switchLanguage(Locale locale) {
        VaadinSession.getCurrent().setLocale(locale);
        UI.getCurrent().getPage().reload();
    }

    private void followBrowserColorScheme() {
        getElement().executeJs("const dark = window.matchMedia('(prefers-color-scheme: dark)');"
                + "const apply = () => document.documentElement.setAttribute('theme', dark.matches ? 'dark' : '');"
                + "apply(); dark.addEventListener('change', apply);");
    }
}
