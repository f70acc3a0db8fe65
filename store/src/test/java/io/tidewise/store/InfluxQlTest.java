package io.tidewise.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InfluxQlTest {
    @Test
    void identifiersAreDoubleQuotedWithQuotesAndBackslashesEscaped() {
        assertThat(InfluxQl.identifier("p97.5")).isEqualTo("\"p97.5\"");
        assertThat(InfluxQl.identifier("my \"db\"")).isEqualTo("\"my \\\"db\\\"\"");
        assertThat(InfluxQl.identifier("back\\slash")).isEqualTo("\"back\\\\slash\"");
        assertThatThrownBy(() -> InfluxQl.identifier("a\nb")).hasMessage("identifier must not contain a newline, was 'a\nb'");
    }
}
