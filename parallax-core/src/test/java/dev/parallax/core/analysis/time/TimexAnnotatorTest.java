package dev.parallax.core.analysis.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The expression kinds the annotator covers, anchored on Tuesday 2023-05-30 as in the seeds. */
class TimexAnnotatorTest {
    private static final LocalDate ANCHOR = LocalDate.of(2023, 5, 30);
    private final TimexAnnotator annotator = new TimexAnnotator();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            The talks ended today.                          | today                | DATE     | 2023-05-30
            The talks ended yesterday.                      | yesterday            | DATE     | 2023-05-29
            They met on Friday.                             | Friday               | DATE     | 2023-05-26
            They will meet on Friday.                       | Friday               | DATE     | 2023-06-02
            It was signed on May 30, 2023 in Paris.         | May 30, 2023         | DATE     | 2023-05-30
            It was signed on 30 May 2023 in Paris.          | 30 May 2023          | DATE     | 2023-05-30
            It was signed on 2023-05-30 in Paris.           | 2023-05-30           | DATE     | 2023-05-30
            It was signed on Jan. 5 in Paris.               | Jan. 5               | DATE     | 2023-01-05
            The vote is at 3 p.m. in the hall.              | 3 p.m.               | TIME     | 2023-05-30T15:00
            The war lasted three years.                     | three years          | DURATION | P3Y
            The war lasted two weeks.                       | two weeks            | DURATION | P2W
            Prices rose over the past five years.           | the past five years  | DURATION | P5Y
            They meet every week.                           | every week           | SET      | P1W
            The report is published annually.               | annually             | SET      | P1Y
            The paper appears daily.                        | daily                | SET      | P1D
            It was built in the 1990s.                      | the 1990s            | DATE     | 199
            Profit rose in the third quarter.               | the third quarter    | DATE     | 2022-Q3
            Profit rose in the first quarter of 2022.       | the first quarter of 2022 | DATE | 2022-Q1
            It opens this summer.                           | this summer          | DATE     | 2023-SU
            It closed last month.                           | last month           | DATE     | 2023-04
            It opens next year.                             | next year            | DATE     | 2024
            Talks are now under way.                        | now                  | DATE     | PRESENT_REF
            He recently said so.                            | recently             | DATE     | PAST_REF
            It happened two years ago.                      | two years ago        | DATE     | 2021
            It happened in the '80s.                        | the '80s             | DATE     | 198
            The trial lasted 2 1/2 years.                   | 2 1/2 years          | DURATION | P2Y6M
            It took a minute and a half.                    | a minute and a half  | DURATION | PT1M30S
            Sales in the year ended March 31 rose.          | the year             | DURATION | P1Y
            He fled in June 1998 and returned later that year. | later that year   | DATE     | 1998
            He was promoted in 1995, and the following year he left. | the following year | DATE | 1996
            Debt is due at year-end.                        | year-end             | DATE     | 2023
            He has worked there for years.                  | years                | DURATION | PXY
            It has failed in the past.                      | the past             | DATE     | PAST_REF
            Flights leave on Tuesday nights.                | Tuesday nights       | SET      | XXXX-WXX-2TNI
            Cuba will fight on, officials said Friday.      | Friday               | DATE     | 2023-05-26
            The offer had been due to expire Friday.        | Friday               | DATE     | 2023-05-26
            The loan was repaid on Nov. 3.                  | Nov. 3               | DATE     | 2022-11-03
            The plant will reopen on Nov. 3.                | Nov. 3               | DATE     | 2023-11-03
            Sales fell at Thanksgiving.                     | Thanksgiving         | DATE     | 2022-11-24
            The shops closed at midday.                     | midday               | TIME     | 2023-05-30T12:00
            Shares fell for eight trading days.             | eight trading days   | DURATION | P8D
            Demand was low in the early summer.             | the early summer     | DATE     | 2023-SU
            It scrapped the unit this past winter.          | this past winter     | DATE     | 2022-WI
            The talks need two more weeks.                  | two more weeks       | DURATION | P2W
            The raid began at 4 in the morning.             | 4 in the morning     | TIME     | 2023-05-30T04:00
            """)
    void normalises(String sentence, String extent, Timex.Type type, String value) {
        List<Timex> found = annotator.find(sentence, ANCHOR, false);
        assertThat(found).as("timexes of '%s'", sentence)
                .anySatisfy(t -> {
                    assertThat(sentence.substring(t.start(), t.end())).isEqualTo(extent);
                    assertThat(t.type()).isEqualTo(type);
                    assertThat(t.value()).isEqualTo(value);
                });
    }

    @Test
    void theUnitOfARateIsNotATimeExpression() {
        String text = "It will save $500 million a year and add 700 seats a week.";
        assertThat(annotator.find(text, ANCHOR, false)).isEmpty();
    }

    @Test
    void aQuotedTitleIsNotATimeExpression() {
        String text = "He said on CBS's \"60 Minutes\" and on ABC's \"This Week\" that talks go on.";
        assertThat(annotator.find(text, ANCHOR, false)).isEmpty();
    }

    @Test
    void numbersThatAreNotYearsAreLeftAlone() {
        assertThat(annotator.find("It sold 2000 shares for $1999 and 1,987 more.", ANCHOR, false)).isEmpty();
    }

    @Test
    void modalMayIsNotAMonth() {
        assertThat(annotator.find("May I ask? Prices may rise.", ANCHOR, false)).isEmpty();
    }
}
