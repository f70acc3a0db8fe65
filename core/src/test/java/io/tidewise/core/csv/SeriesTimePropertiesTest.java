package io.tidewise.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The hand-written fast path for common layouts agrees with java.time on every instant. */
class SeriesTimePropertiesTest {

    @Property(tries = 500)
    void everyIsoLayoutOfAnInstantReadsBackToIt(@ForAll @LongRange(min = -2_000_000_000L, max = 8_000_000_000L)
                                                long epochSecond) {
        Instant instant = Instant.ofEpochSecond(epochSecond);
        LocalDateTime utc = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        String seconds = utc.format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss"));
        assertThat(SeriesTime.parse(seconds).instant()).isEqualTo(instant);
        assertThat(SeriesTime.parse(seconds + "Z").instant()).isEqualTo(instant);
        assertThat(SeriesTime.parse(seconds.replace('T', ' ')).instant()).isEqualTo(instant);
        assertThat(SeriesTime.parse(seconds + ".000+00:00").instant()).isEqualTo(instant);
        assertThat(SeriesTime.parse(utc.plusHours(2).format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss"))
                + "+02:00").instant()).isEqualTo(instant);
        Instant minute = Instant.ofEpochSecond(Math.floorDiv(epochSecond, 60) * 60);
        assertThat(SeriesTime.parse(seconds.substring(0, 16)).instant()).isEqualTo(minute);
        SeriesTime date = SeriesTime.parse(seconds.substring(0, 10));
        assertThat(date.kind()).isEqualTo(TimeKind.DATE);
        assertThat(date.format()).isEqualTo(seconds.substring(0, 10));
    }

}
