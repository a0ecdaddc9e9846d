package dev.parallax.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Which TimeML DATE values the story timeline draws, and as what period. */
class TimelineChartTest {
    @Test
    void calendarDaysWeeksMonthsAndYearsArePeriods() {
        assertThat(TimelineChart.period("2023-05-30")).isEqualTo(new TimelineChart.Period(
                LocalDate.of(2023, 5, 30), LocalDate.of(2023, 5, 31), "30 May 2023"));
        // ISO week 22 of 2023 runs from Monday 29 May to Sunday 4 June.
        assertThat(TimelineChart.period("2023-W22")).isEqualTo(new TimelineChart.Period(
                LocalDate.of(2023, 5, 29), LocalDate.of(2023, 6, 5), "week 22 of 2023"));
        assertThat(TimelineChart.period("2022-06")).isEqualTo(new TimelineChart.Period(
                LocalDate.of(2022, 6, 1), LocalDate.of(2022, 7, 1), "June 2022"));
        assertThat(TimelineChart.period("2018")).isEqualTo(new TimelineChart.Period(
                LocalDate.of(2018, 1, 1), LocalDate.of(2019, 1, 1), "2018"));
    }

    @Test
    void vagueOrImpossibleValuesAreLeftOut() {
        for (String v : new String[] {"PAST_REF", "PRESENT_REF", "199", "2023-Q3", "2023-SU", "2023-13", "2023-02-30",
                "2023-W60", "2023-05-30TNI", "P3Y"}) {
            assertThat(TimelineChart.period(v)).as(v).isNull();
        }
    }
}
