package dev.parallax.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.model.Published;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Publication dates as pages and feeds write them (the shapes below are from real pages' metadata). */
class DatesTest {
    private static Published at(String instant, String date) {
        return new Published(Instant.parse(instant), LocalDate.parse(date), false);
    }

    @Test
    void readsIsoWithTheVariationsPagesUse() {
        assertThat(Dates.parse("2019-11-19T08:38:00+05:30")).isEqualTo(at("2019-11-19T03:08:00Z", "2019-11-19"));
        assertThat(Dates.parse("2019-11-19T22:07:52.000-0500")).isEqualTo(at("2019-11-20T03:07:52Z", "2019-11-19"));
        assertThat(Dates.parse("2019-11-19 17:06:00 UTC")).isEqualTo(at("2019-11-19T17:06:00Z", "2019-11-19"));
        assertThat(Dates.parse(" 2019-11-19T17:06Z ")).isEqualTo(at("2019-11-19T17:06:00Z", "2019-11-19"));
        assertThat(Dates.parse("2019-11-19T17:06:00")).as("no zone: read as UTC")
                .isEqualTo(at("2019-11-19T17:06:00Z", "2019-11-19"));
        assertThat(Dates.parse("2019-11-19")).isEqualTo(Published.ofDate(LocalDate.of(2019, 11, 19)));
    }

    @Test
    void readsRssDates() {
        assertThat(Dates.parse("Tue, 19 Nov 2019 21:15:00 -0500")).isEqualTo(at("2019-11-20T02:15:00Z", "2019-11-19"));
        assertThat(Dates.parse("Wed, 20 Nov 2019 08:00:00 GMT")).isEqualTo(at("2019-11-20T08:00:00Z", "2019-11-20"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "19 Nov 2019", "2019-13-45", "2019-11-19T25:00:00Z", "1574168580"})
    void guessesNothing(String value) {
        assertThat(Dates.parse(value)).isNull();
    }
}
