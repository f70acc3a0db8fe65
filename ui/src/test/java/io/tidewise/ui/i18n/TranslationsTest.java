package io.tidewise.ui.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TranslationsTest {
    private final Translations translations = new Translations();

    @Test
    void everyEnglishLabelHasAChineseOneAndNoOther() {
        ResourceBundle english = Translations.bundle(Translations.ENGLISH);
        ResourceBundle chinese = Translations.bundle(Translations.CHINESE);
        assertThat(new TreeSet<>(Collections.list(chinese.getKeys())))
                .isEqualTo(new TreeSet<>(Collections.list(english.getKeys())));
        for (String key : Collections.list(english.getKeys())) {
            assertThat(chinese.getString(key)).as(key).isNotBlank();
        }
    }

    @Test
    void labelsAreTranslatedAndFormatted() {
        assertThat(translations.getTranslation("nav.series", Locale.CHINA)).isEqualTo("序列");
        assertThat(translations.getTranslation("nav.series", Locale.GERMAN)).isEqualTo("Series");
        assertThat(translations.getTranslation("series.count", Translations.ENGLISH, 2, 5)).isEqualTo("2 of 5 series");
        assertThat(translations.getTranslation("no.such.key", Translations.ENGLISH)).isEqualTo("!no.such.key!");
    }
}
