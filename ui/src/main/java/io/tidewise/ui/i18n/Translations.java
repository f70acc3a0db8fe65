package io.tidewise.ui.i18n;

import com.vaadin.flow.i18n.I18NProvider;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every label of the app, from the resource bundle {@code i18n/messages} (English) and {@code messages_zh_CN}
 * (简体中文). Vaadin picks the session's language from the browser's among {@link #getProvidedLocales()}; the
 * header's language menu switches it. A missing key shows as {@code !key!} so it is seen, and is logged.
 */
@Component
public class Translations implements I18NProvider {
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    static final String BUNDLE = "i18n/messages";

    private static final Logger LOG = LoggerFactory.getLogger(Translations.class);

    @Override
    public List<Locale> getProvidedLocales() {
        return List.of(ENGLISH, CHINESE);
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        ResourceBundle bundle = bundle(locale);
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            LOG.warn("No translation for '{}' in {}", key, locale);
            return "!" + key + "!";
        }
        return params.length == 0 ? pattern : new MessageFormat(pattern, locale).format(params);
    }

    static ResourceBundle bundle(Locale locale) {
        Locale chosen = locale != null && CHINESE.getLanguage().equals(locale.getLanguage()) ? CHINESE : ENGLISH;
        // the base bundle is English: no fallback to the JVM's default locale
        return ResourceBundle.getBundle(BUNDLE, chosen, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
