package io.tidewise.streaming.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Log lines written inside a {@link LogContext} carry the stream and series, and the launcher's pattern shows them. */
class LogContextTest {
    @Test
    void linesInsideAContextCarryStreamAndSeriesAndNestedContextsRestoreTheOuterOne() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("io.tidewise.streaming.metrics.LogContextTest.sample");
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        logger.addAppender(captured);
        try {
            try (LogContext outer = LogContext.of("prices", "stock/ACME/close")) {
                logger.warn("inside");
                try (LogContext inner = LogContext.of(null, "stock/INITECH/close (+3 more)")) {
                    logger.warn("nested");
                }
                assertThat(MDC.get(LogContext.SERIES)).isEqualTo("stock/ACME/close");
            }
            logger.warn("outside");
        } finally {
            logger.detachAppender(captured);
        }
        assertThat(captured.list.get(0).getMDCPropertyMap())
                .containsEntry("stream", "prices").containsEntry("series", "stock/ACME/close");
        assertThat(captured.list.get(1).getMDCPropertyMap()).doesNotContainKey("stream")
                .containsEntry("series", "stock/INITECH/close (+3 more)");
        assertThat(captured.list.get(2).getMDCPropertyMap()).doesNotContainKeys("stream", "series");

        // The launcher's pattern (cli's logback.xml), rendered: the context in brackets, left out when unset.
        String config = Files.readString(Path.of("..", "cli", "src", "main", "resources", "logback.xml"));
        Matcher pattern = Pattern.compile("<pattern>(.*?)</pattern>").matcher(config);
        assertThat(pattern.find()).isTrue();
        PatternLayout layout = new PatternLayout();
        layout.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        layout.setPattern(pattern.group(1).replace("%d{HH:mm:ss.SSS} ", ""));
        layout.start();
        assertThat(layout.doLayout(captured.list.get(0))).isEqualTo(
                "WARN  i.t.s.m.L.sample - [stream=prices series=stock/ACME/close] inside" + System.lineSeparator());
        assertThat(layout.doLayout(captured.list.get(2))).isEqualTo(
                "WARN  i.t.s.m.L.sample - outside" + System.lineSeparator());
    }
}
