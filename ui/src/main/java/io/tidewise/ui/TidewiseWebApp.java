package io.tidewise.ui;

import com.vaadin.flow.component.page.AppShellConfigurator;
import io.tidewise.ui.config.UiSettings;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The web app. {@code ./tidewise run} and {@code ./tidewise ui} start it through {@link UiServer}; {@link #main}
 * starts it alone with Spring Boot's usual property sources (e.g. {@code --tidewise.ui.influx-url=...}).
 */
@SpringBootApplication
@EnableConfigurationProperties(UiSettings.class)
public class TidewiseWebApp implements AppShellConfigurator {
    private static final long serialVersionUID = 1L;

    public static void main(String[] args) {
        UiServer server = UiServer.start(UiOptions.defaults(), args);
        server.firstRunPassword().ifPresent(password -> System.out.println(UiServer.firstRunMessage(server, password)));
        System.out.println("Tidewise web app: " + server.url());
    }
}
