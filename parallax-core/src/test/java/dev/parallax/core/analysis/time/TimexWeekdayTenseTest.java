package dev.parallax.core.analysis.time;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bare weekday takes the tense of the verb that governs it, on real news text: the demo sample (samples/), ECB+
 * train and a TempEval-3 development document (../shared/data). Each case was resolved the wrong way before branch
 * h44-weekday.
 */
class TimexWeekdayTenseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TimexAnnotator annotator = new TimexAnnotator();

    /**
     * people.com, in the demo sample without a publication date: "Lindsay Lohan checked into the Betty Ford Clinic
     * ... on Thursday night, for what is to be a three-month stay". The demo anchors it on its story's latest date,
     * 2013-06-14 (a Friday), and the "is to be" of the relative clause after the weekday used to send it forward to
     * 2013-06-20, after that date. The past-tense verb before it governs: the Thursday on or before the anchor.
     */
    @Test
    void pastTenseVerbBeforeTheWeekdayWinsOverAFutureInALaterClause() throws IOException {
        JsonNode people = sampleArticle("ecbplus-1_14ecbplus");
        assertThat(people.get("published").isNull()).as("the people.com article is undated in the sample").isTrue();
        String text = people.get("text").asText();
        LocalDate storyLatest = latestDateOfStory(people.get("story").asText());
        assertThat(storyLatest).isEqualTo(LocalDate.of(2013, 6, 14));

        Timex t = only(annotator.find(text, storyLatest, true), text, "Thursday night", "checked into the Betty Ford");
        assertThat(LocalDate.parse(t.value().substring(0, 10))).isBeforeOrEqualTo(storyLatest);
        assertThat(t.value()).isEqualTo("2013-06-13TNI");

        // against the date the article prints itself ("Originally published 05/03/2013", a Friday): the night before
        Timex own = only(annotator.find(text, LocalDate.of(2013, 5, 3), false), text, "Thursday night",
                "checked into the Betty Ford");
        assertThat(own.value()).isEqualTo("2013-05-02TNI");
    }

    /**
     * ECB+ train, Reuters on the Greek austerity strike, published Wednesday 2010-05-05: "unionists marched on
     * parliament where a vote on the measures will be held Thursday" (the vote was on 6 May). The participle "held"
     * of the passive "will be held" used to count as a past-tense verb right before the weekday.
     */
    @Test
    void aPassiveAfterWillIsFuture() throws IOException {
        JsonNode a = ecbTrainArticle("ecbplus-8_2ecbplus");
        String text = a.get("text").asText();
        LocalDate published = LocalDate.parse(a.get("published").asText());
        assertThat(published).isEqualTo(LocalDate.of(2010, 5, 5));
        Timex t = only(annotator.find(text, published, false), text, "Thursday", "will be held Thursday");
        assertThat(t.value()).isEqualTo("2010-05-06");
    }

    /** ECB+ train, the same day's vote in another article: "the draft bill ... is to be voted on Thursday". */
    @Test
    void isToBeVotedOnIsFuture() throws IOException {
        JsonNode a = ecbTrainArticle("ecbplus-8_3ecbplus");
        String text = a.get("text").asText();
        LocalDate published = LocalDate.parse(a.get("published").asText());
        Timex t = only(annotator.find(text, published, false), text, "Thursday", "is to be voted on Thursday");
        assertThat(t.value()).isEqualTo("2010-05-06");
    }

    /**
     * TempEval-3 TimeBank (development part), NYT19981026.0446, written Monday 1998-10-26: "On Tuesday, the National
     * Abortion and Reproductive Rights Action League plans to hold a news conference". No verb precedes the weekday;
     * the first one after it ("plans to") is a future, 70 characters on: the gold value is 1998-10-27.
     */
    @Test
    void aSentenceOpeningWeekdayTakesTheTenseOfTheVerbAfterIt() throws IOException {
        Path tml = Path.of(shared(), "data", "tempeval3", "train", "AQUAINT", "NYT19981026.0446.tml");
        assertThat(tml).as("TempEval-3 train (see shared/data/README.md)").exists();
        String xml = Files.readString(tml);
        String text = xml.substring(xml.indexOf("<TEXT>") + 6, xml.indexOf("</TEXT>")).replaceAll("<[^>]+>", "");
        Timex t = only(annotator.find(text, LocalDate.of(1998, 10, 26), false), text, "Tuesday",
                "On Tuesday, the National Abortion");
        assertThat(t.value()).isEqualTo("1998-10-27");
    }

    /**
     * Sentences of Reuters-21578 and ECB+ (verbatim, with the article's id and date), each with a cue the rule reads:
     * the weekday's value against the article's date. The note says what the annotator did before h44-weekday.
     */
    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            reuters21578-1919  | 1987-03-05 | Results will be announced on Tuesday.                                                   | Tuesday   | 1987-03-10 | was 1987-03-03: 'announced' counted as a past verb
            reuters21578-80    | 1987-02-26 | National business loan data are scheduled to be released on Friday.                       | Friday    | 1987-02-27 | was 1987-02-20
            reuters21578-10783 | 1987-03-30 | The Federal Home Loan Bank Board said that it closed Equitable Savings and Loan Association of Fountain Valley, California, on Friday due to insolvency, amongst other complaints. | Friday | 1987-03-27 | was 1987-04-03: 'due to' after it
            reuters21578-362   | 1987-03-02 | American Express said in the statement on Sunday that it will not comment on rumors and speculation and a spokesman would not go beyond the statement. | Sunday | 1987-03-01 | was 1987-03-08
            reuters21578-10122 | 1987-03-26 | There was widespread confidence a result on the outstanding items could be reached by Friday, when the council session is due to end, consumers said. | Friday | 1987-03-27 | 'could' leaves it open; 'is due to' after it
            reuters21578-4564  | 1987-03-12 | But a report that the Soviet Union planned to reduce the price of its crude oil exports may pressure the market Friday, said Nauman Barakat, petroleum analyst in New York with Smith Barney, Harris Upham and Co. | Friday | 1987-03-13 | 'may' is a future
            reuters21578-16168 | 1987-04-13 | TOKYO, April 13 - The ruling Liberal Democratic Party's (LDP) setback in Sunday's nationwide local elections may force the government to water down its controversial proposal for a five pct sales tax and undermine its commitment to stimulating the economy, private economists said. | Sunday | 1987-04-12 | a possessive weekday does not take the modal
            reuters21578-17577 | 1987-06-01 | Some others, however, judged that the Fed has almost completed its reserve-adding requirement for the statement period ending on Wednesday and will not need to operate today. | Wednesday | 1987-06-03 | a present perfect is no past cue
            reuters21578-3524  | 1987-03-11 | Liquidity will be further tightened by the fortnightly Treasury Bill auction tomorrow and Friday's hike in reserve requirements, expected to absorb over 200 billion pesetas from the system. | Friday | 1987-03-13 | an adverb between auxiliary and participle
            reuters21578-801   | 1987-03-02 | WASHINGTON, March 2 - White House Chief of Staff Howard Baker said President Reagan will address the nation in a nationally televised speech Wednesday night at 2100 EST on the Tower Commission Report on the arms to Iran scandal. | Wednesday night | 1987-03-04TNI | an -ed adjective after a determiner
            reuters21578-20811 | 1987-10-20 | Southland did not elaborate on the SEC order of investigation, and company officials could not be reached for comment late Tuesday. | late Tuesday | 1987-10-20 | 'could not be reached': not a future
            ecbplus-28_5ecbplus | 2004-07-29 | Woodward, who said he would reveal Deep Throat's identity after the source died, could not be reached Wednesday. | Wednesday | 2004-07-28 | the same
            """)
    void realSentences(String id, LocalDate published, String sentence, String extent, String value, String note) {
        Timex t = only(annotator.find(sentence, published, false), sentence, extent, sentence);
        assertThat(t.value()).as("%s (%s)", id, note).isEqualTo(value);
    }

    /** The time expression with extent {@code extent} in the sentence that contains {@code where}. */
    private static Timex only(List<Timex> found, String text, String extent, String where) {
        int at = text.indexOf(where);
        assertThat(at).as("'%s' in the text", where).isGreaterThanOrEqualTo(0);
        int end = text.indexOf('\n', at) < 0 ? text.length() : text.indexOf('\n', at);
        int start = text.lastIndexOf('\n', at) + 1;
        List<Timex> in = found.stream()
                .filter(t -> t.start() >= start && t.end() <= end && text.substring(t.start(), t.end()).equals(extent))
                .toList();
        assertThat(in).as("'%s' near '%s'", extent, where).hasSize(1);
        return in.get(0);
    }

    private static JsonNode sampleArticle(String id) throws IOException {
        return articleIn(Path.of("..", "samples", "ecbplus-sample.articles.jsonl"), id);
    }

    private static JsonNode ecbTrainArticle(String id) throws IOException {
        Path file = Path.of(shared(), "data", "ecbplus", "ecbplus-train.articles.jsonl");
        assertThat(file).as("ECB+ train (see shared/data/README.md)").exists();
        return articleIn(file, id);
    }

    private static JsonNode articleIn(Path file, String id) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode o = JSON.readTree(line);
                if (o.get("id").asText().equals(id)) {
                    return o;
                }
            }
        }
        throw new IllegalStateException(id + " is not in " + file);
    }

    /** The latest publication date of a story in the demo sample: what the demo anchors an undated member on. */
    private static LocalDate latestDateOfStory(String story) throws IOException {
        LocalDate latest = null;
        for (String line : Files.readAllLines(Path.of("..", "samples", "ecbplus-sample.articles.jsonl"))) {
            JsonNode o = JSON.readTree(line);
            if (o.get("story").asText().equals(story) && !o.get("published").isNull()) {
                LocalDate d = LocalDate.parse(o.get("published").asText().substring(0, 10));
                latest = latest == null || d.isAfter(latest) ? d : latest;
            }
        }
        return latest;
    }

    private static String shared() {
        String shared = System.getProperty("parallax.shared");
        if (shared == null) {
            throw new IllegalStateException("system property parallax.shared is not set (surefire sets it)");
        }
        return shared;
    }
}
