package io.tidewise.ui.security;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** The login page; Spring Security checks the credentials the form posts to {@code /login}. */
@Route("login")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    private final LoginForm form = new LoginForm();

    public LoginView() {
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        form.setI18n(translatedLoginTexts());
        add(new H1(getTranslation("app.title")), new Paragraph(getTranslation("login.hint")), form);
    }

    private LoginI18n translatedLoginTexts() {
        LoginI18n texts = LoginI18n.createDefault();
        LoginI18n.Form formTexts = texts.getForm();
        formTexts.setTitle(getTranslation("login.title"));
        formTexts.setUsername(getTranslation("login.username"));
        formTexts.setPassword(getTranslation("login.password"));
        formTexts.setSubmit(getTranslation("login.submit"));
        LoginI18n.ErrorMessage error = texts.getErrorMessage();
        error.setTitle(getTranslation("login.error.title"));
        error.setMessage(getTranslation("login.error.message"));
        return texts;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        form.setError(event.getLocation().getQueryParameters().getParameters().containsKey("error"));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("login.title") + " - Tidewise";
    }
}
