package dev.parallax.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.InvalidArticleException;
import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Paragraph;
import dev.parallax.core.model.Published;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.model.Removal;
import dev.parallax.core.model.Removal.Kind;
import dev.parallax.core.testing.Seeds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NewsCleanerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HELSINKI = "data/helsinki/helsinki-2018.articles.jsonl";
    private final NewsCleaner cleaner = new NewsCleaner();

    @Test
    void seed000LosesItsHeaderLineAndTakesItsDate() {
        RawArticle raw = Seeds.load("000");
        Article a = cleaner.clean(raw);

        assertThat(a.text()).startsWith("China rejected a US proposal");
        assertThat(a.published()).isEqualTo(Published.ofDate(LocalDate.of(2023, 5, 30)));
        assertThat(a.removals()).extracting(Removal::kind, Removal::text, Removal::cleanOffset).containsExactly(
                tuple(Kind.METADATA, "date 2023-05-30", 0),
                tuple(Kind.CAPTION, "Pentagon spokesman Air Force Brig. Gen. Patrick Ryder.", 0),
                tuple(Kind.CREDIT, "Photo via AP/Andrew Harnik", 0));
        assertSpansMapBack(a);
        assertThat(a.text()).doesNotContain("Harnik", "2023-05-30", "Air Force Brig. Gen.");
        assertThat(a.text()).contains("Pentagon spokesman Brigadier General Pat Ryder said…\n\n“Overnight");
        assertThat(a.id()).isEqualTo("000_6ff38f1c0ac05301");
        assertThat(a.title()).isNull();
    }

    @Test
    void seed002LosesItsHeadingAndHasNoDate() {
        Article a = cleaner.clean(Seeds.load("002"));

        assertThat(a.published()).isNull();
        assertThat(a.removals()).extracting(Removal::kind, Removal::text)
                .containsExactly(tuple(Kind.HEADING, "Human Rights in Xinjiang and restrictions on Freedom in Hong Kong"));
        Removal heading = a.removals().get(0);
        assertThat(a.text().substring(heading.cleanOffset())).startsWith("In response, citing US restrictions");
        assertThat(a.text()).doesNotContain("Human Rights in Xinjiang");
        assertThat(a.text()).contains("Pentagon Press Secretary Brig. Gen. Patrick Ryder said in the statement.\n\n"
                + "In response");
        assertSpansMapBack(a);
    }

    @Test
    void aNulCharacterRefusesTheArticleInOneLine() {
        RawArticle seed = Seeds.load("000");
        int at = seed.text().indexOf("Overnight");
        RawArticle withNul = new RawArticle(seed.id(), seed.origin(), seed.outlet(), seed.published(), seed.url(),
                seed.title(), seed.text().substring(0, at) + '\u0000' + seed.text().substring(at));
        assertThatThrownBy(() -> cleaner.clean(withNul)).isInstanceOf(InvalidArticleException.class)
                .hasMessage(seed.id() + ": its text holds a NUL character (U+0000) at offset " + at + ", which is no text");
        RawArticle titled = new RawArticle(seed.id(), null, null, null, null, "China\u0000", seed.text());
        assertThatThrownBy(() -> cleaner.clean(titled)).hasMessageContaining("its title holds a NUL character");
    }

    @Test
    void paragraphsLayerCoversTheCleanTextBetweenBlankLines() {
        for (RawArticle raw : Seeds.all()) {
            Article a = cleaner.clean(raw);
            List<Paragraph> paragraphs = a.layer(LayerKey.PARAGRAPHS);
            assertThat(paragraphs).extracting(a::textOf).containsExactly(a.text().split("\n\n"));
            assertThat(paragraphs).allSatisfy(p -> assertThat(a.textOf(p)).isEqualTo(a.textOf(p).strip()));
        }
        assertThat(cleaner.clean(Seeds.load("000")).layer(LayerKey.PARAGRAPHS)).hasSize(8);
        assertThat(cleaner.clean(Seeds.load("002")).layer(LayerKey.PARAGRAPHS)).hasSize(5);
    }

    @Test
    void windowsLineEndsAndWrappedLinesAreNormalised() {
        Article a = clean("  First line\r\nwraps here.  \r\n\r\n\r\nSecond paragraph.\r\n");
        assertThat(a.text()).isEqualTo("First line wraps here.\n\nSecond paragraph.");
        assertThat(a.removals()).isEmpty();
    }

    @Test
    void sourceDateWinsOverTheMetadataLine() {
        Published given = Published.parse("2023-06-01T10:00:00Z");
        Article a = cleaner.clean(new RawArticle("x", null, "reuters", given, null, "T",
                " date 2023-05-30 China rejected a US proposal."));
        assertThat(a.published()).isEqualTo(given);
        assertThat(a.text()).isEqualTo("China rejected a US proposal.");
        assertThat(a.outlet().name()).isEqualTo("reuters");
        assertThat(a.removals()).extracting(Removal::kind).containsExactly(Kind.METADATA);
    }

    @Test
    void aSentenceThatStartsWithTheWordDateIsBody() {
        Article a = clean("date night is back in fashion, a survey found.\n\nMore follows.");
        assertThat(a.text()).startsWith("date night is back");
        assertThat(a.removals()).isEmpty();
    }

    @Test
    void photoCreditsStandaloneAndTrailing() {
        String raw = String.join("\n\n",
                "HELSINKI (AP) - The summit opened on Monday.",
                "Photo: Patrick Semansky, AP",
                "Trump arrives at the airport in Helsinki, Finland, Sunday, July 15, 2018. (AP Photo/Luca Bruno) ORG XMIT: XLB108",
                "Andrew Burton | Getty Images",
                "Leaders met in Vantaa, Finland, July 15, 2018. REUTERS/Kevin Lamarque",
                "Image copyright Getty Images",
                "The talks ran late. (Photo by Chris McGrath/Getty Images)",
                "Credit: The Associated Press",
                "File photo",
                "The two leaders then spoke to reporters.");
        Article a = clean(raw);
        assertThat(a.text()).isEqualTo("HELSINKI (AP) - The summit opened on Monday.\n\n"
                + "The two leaders then spoke to reporters.");
        assertThat(a.removals()).extracting(Removal::kind, Removal::text).containsExactly(
                tuple(Kind.CREDIT, "Photo: Patrick Semansky, AP"),
                tuple(Kind.CAPTION, "Trump arrives at the airport in Helsinki, Finland, Sunday, July 15, 2018."),
                tuple(Kind.CREDIT, "(AP Photo/Luca Bruno) ORG XMIT: XLB108"),
                tuple(Kind.CREDIT, "Andrew Burton | Getty Images"),
                tuple(Kind.CAPTION, "Leaders met in Vantaa, Finland, July 15, 2018."),
                tuple(Kind.CREDIT, "REUTERS/Kevin Lamarque"),
                tuple(Kind.CREDIT, "Image copyright Getty Images"),
                tuple(Kind.CAPTION, "The talks ran late."),
                tuple(Kind.CREDIT, "(Photo by Chris McGrath/Getty Images)"),
                tuple(Kind.CREDIT, "Credit: The Associated Press"),
                tuple(Kind.CREDIT, "File photo"));
        assertSpansMapBack(a);
        int secondParagraph = a.text().indexOf("The two leaders");
        assertThat(a.removals()).allSatisfy(r -> assertThat(r.cleanOffset()).isEqualTo(secondParagraph));
    }

    @Test
    void aCreditGluedToItsCaptionIsSplitOff() {
        // BASIL's New York Times scrape: "…at the Capitol.CreditJoshua Roberts/Reuters"
        Article a = clean("The congressman resigned.\n\n"
                + "Representative Blake Farenthold, in December at the Capitol.CreditJoshua Roberts/Reuters");
        assertThat(a.text()).isEqualTo("The congressman resigned.");
        assertThat(a.removals()).extracting(Removal::kind, Removal::text).containsExactly(
                tuple(Kind.CAPTION, "Representative Blake Farenthold, in December at the Capitol."),
                tuple(Kind.CREDIT, "CreditJoshua Roberts/Reuters"));
    }

    @Test
    void aLongParagraphEndingInACreditKeepsItsBody() {
        String body = "word ".repeat(90).strip() + ".";
        Article a = clean(body + " Photo via AP/Andrew Harnik\n\nNext.");
        assertThat(a.text()).isEqualTo(body + "\n\nNext.");
        assertThat(a.removals()).extracting(Removal::kind).containsExactly(Kind.CREDIT);
        assertThat(a.removals().get(0).cleanOffset()).isEqualTo(body.length());
    }

    @Test
    void timeStampParagraphsAreMetadata() {
        Article a = clean(String.join("\n\n", "Published: July 28, 2004 at 1:24 PM",
                "Fred LaRue, a Nixon administration official, has died.", "THURSDAY, APRIL 11, 2013, 12:12 AM",
                "He was 75.", "updated 7/28/2004 3:02:00 PM ET"));
        assertThat(a.text()).isEqualTo("Fred LaRue, a Nixon administration official, has died.\n\nHe was 75.");
        assertThat(a.removals()).extracting(Removal::kind).containsOnly(Kind.METADATA).hasSize(3);
    }

    /**
     * Stamps the cleaner left in the text, where the brief made claims, timeline points, a date discrepancy and a
     * speaker ("First Published") of them: a stamp without a year ("Updated 4:08 p.m. ET"), opened by "First" or
     * "Originally", closed by "pm.", or with a no-break space before "pm" (Helsinki corpus).
     */
    @Test
    void updateStampsOfRealArticlesAreMetadata() throws IOException {
        Map<String, RawArticle> raw = records("data/ecbplus/ecbplus-train.articles.jsonl", Set.of("ecbplus-1_2ecbplus",
                "ecbplus-1_17ecbplus", "ecbplus-1_1ecbplus", "ecbplus-1_14ecbplus", "ecbplus-1_16ecbplus"));
        raw.putAll(records(HELSINKI, Set.of("spotify-14513")));
        assertThat(raw).hasSize(6);
        Map<String, List<String>> stamps = Map.of(
                "ecbplus-1_2ecbplus", List.of("May 2, 2013, 1:12 PM", "Updated 4:08 p.m. ET"),
                "ecbplus-1_17ecbplus", List.of("May 3, 2013 at 7:31 AM ET", "Updated 5:40 p.m. ET"),
                "ecbplus-1_1ecbplus", List.of("First Published: June 13, 2013 4:59 PM EDT"),
                "ecbplus-1_14ecbplus", List.of("UPDATED 05/03/2013 at 11:00 AM EDT",
                        "Originally published 05/03/2013 at 10:20 AM EDT"),
                "ecbplus-1_16ecbplus", List.of("May 2, 2013 1:35 pm."),
                "spotify-14513", List.of("Updated 1:45\u00a0pm, Friday, June 1, 2018"));
        stamps.forEach((id, expected) -> {
            Article a = cleaner.clean(raw.get(id));
            assertThat(a.removals()).as(id).filteredOn(r -> r.kind() == Kind.METADATA).extracting(Removal::text)
                    .containsExactlyElementsOf(expected);
            assertThat(a.text()).as(id).doesNotContain("Updated 4", "Updated 5", "Published:", "published 05",
                    "1:35 pm.", "1:45\u00a0pm");
            assertSpansMapBack(a);
        });
        assertThat(cleaner.clean(raw.get("ecbplus-1_2ecbplus")).text()).startsWith("Lindsay Lohan's attorney said");
        assertThat(cleaner.clean(raw.get("ecbplus-1_1ecbplus")).text()).startsWith("Lindsay Lohan has left");
    }

    /** The entry stamps of AP's "The Latest" (startribune.com, Helsinki corpus), a clock time alone on its line. */
    @Test
    void aLiveStorysEntryTimesAreTimeStamps() throws IOException {
        Article a = cleaner.clean(records(HELSINKI, Set.of("helsinki-5848")).get("helsinki-5848"));
        assertThat(a.removals()).filteredOn(r -> r.kind() == Kind.METADATA).extracting(Removal::text)
                .contains("1:10 p.m.", "12:40 p.m.", "3:15 a.m.");
        assertThat(a.text()).doesNotContain("\n\n1:10 p.m.\n\n").contains("Nielsen");
        assertSpansMapBack(a);
    }

    @Test
    void tableRowsOfDatesAreNotTimeStamps() {
        // Reuters-21578 statistics tables: a header row of several dates, a month with a figure
        Article a = clean("Stocks rose.\n\n04/09/87 03/09/87  04/09/87 03/09/87\n\nOct 4462\n\nFeb 87   Jan 87   Feb 86");
        assertThat(a.removals()).isEmpty();
    }

    @Test
    void headingRulesDoNotFireOnBodyText() {
        String raw = String.join("\n\n",
                "SALVADOR, Feb 26 - Showers continued throughout the week in the cocoa zone.",
                "Pentagon spokesman Brigadier General Pat Ryder said…",
                "“Overnight, the PRC informed the US that they have declined our invitation.”",
                "Terms were not disclosed",
                "The plant's operations will complement existing facilities.",
                "Seismic risk",
                "Scientists warned of more quakes.",
                "Reuter");
        Article a = clean(raw);
        // no heading; the wire's sign-off is page furniture
        assertThat(a.removals()).extracting(Removal::kind, Removal::text)
                .containsExactly(tuple(Kind.BOILERPLATE, "Reuter"));
        assertThat(a.text()).isEqualTo(raw.substring(0, raw.length() - "\n\nReuter".length()));
    }

    @Test
    void titleLikeHeadingBetweenProseParagraphsIsRemoved() {
        Article a = clean("The storm hit at dawn.\n\nThousands marched.\n\nBIGGEST PROTEST\n\n"
                + "Protesters tried to storm parliament.\n\nPolice used tear gas.\n\nMedia Mogul\n\n"
                + "Page later moved to Los Angeles.");
        assertThat(a.text()).isEqualTo("The storm hit at dawn.\n\nThousands marched.\n\n"
                + "Protesters tried to storm parliament.\n\nPolice used tear gas.\n\nPage later moved to Los Angeles.");
        assertThat(a.removals()).extracting(Removal::kind, Removal::text, Removal::cleanOffset).containsExactly(
                tuple(Kind.HEADING, "BIGGEST PROTEST", a.text().indexOf("Protesters")),
                tuple(Kind.HEADING, "Media Mogul", a.text().indexOf("Page later")));
    }

    @Test
    void aListOfUnpunctuatedLinesHasNoHeadings() {
        // Reuters-21578 commodity tables: most paragraphs are not sentences, so none is taken for a heading
        Article a = clean("June - No bids, 26 ov Jly offered.\n\nHRW Wheat\n\nApril - No bids\n\nSRW Wheat\n\n"
                + "March - No bids or offers");
        assertThat(a.removals()).isEmpty();
    }

    @Test
    void headlineOnlyRecordsStayIntact() {
        for (String headline : List.of("Yoshikazu Tsuno/AFP/File", "March 11, 2014, 2:02 am",
                "Noah Lis' blind auditions on 'The Voice' (Photo by: Tyler Golden/NBC)",
                "PHOTO: First Full Look At CW's 'The")) {
            Article a = cleaner.clean(new RawArticle("uci-1", null, "x", null, null, headline, headline));
            assertThat(a.text()).isEqualTo(headline);
            assertThat(a.removals()).isEmpty();
        }
    }

    @Test
    void emptyBodyIsAOneLineError() {
        assertThatThrownBy(() -> clean("  \r\n\n  "))
                .isInstanceOf(InvalidArticleException.class)
                .hasMessage("x: no body text after cleaning");
        assertThatThrownBy(() -> clean(" date 2023-05-30 Photo via AP/Andrew Harnik\n\nFile photo"))
                .isInstanceOf(InvalidArticleException.class)
                .hasMessage("x: no body text after cleaning");
    }

    /** A scraped page's furniture lines go; its article text, sentences included, stays (Helsinki corpus). */
    @Test
    void furnitureLinesOfScrapedPagesAreRemoved() throws IOException {
        Map<String, RawArticle> raw = records(HELSINKI, Set.of("spotify-16627", "spotify-19721"));
        Article nbc = cleaner.clean(raw.get("spotify-16627"));
        assertThat(nbc.removals()).filteredOn(r -> r.kind() == Kind.BOILERPLATE).extracting(Removal::text)
                .containsExactly("Share this —", "The Thread", "SUBSCRIBE", "Breaking News Emails");
        assertThat(nbc.removals()).filteredOn(r -> r.kind() == Kind.CREDIT).extracting(Removal::text)
                .contains("by Claire Atkinson /");
        assertThat(nbc.removals()).filteredOn(r -> r.kind() == Kind.METADATA).extracting(Removal::text)
                .contains("5:13 PM ET");
        assertThat(nbc.text()).contains("Spotify reverses course, will not take action on artists accused of "
                + "mistreating women", "\"We don’t aim to play judge and jury,\" the company added");
        Article tribune = cleaner.clean(raw.get("spotify-19721"));
        assertThat(tribune.removals()).filteredOn(r -> r.kind() == Kind.BOILERPLATE).extracting(Removal::text)
                .containsExactly("RELATED STORIES:");
        assertThat(tribune.text()).contains("He added that \"we rolled this out wrong and we could have done a much "
                + "better job.\"");
        assertSpansMapBack(nbc);
        assertSpansMapBack(tribune);
    }

    /**
     * In a batch, text a page template repeats in unrelated articles goes too, though the model alone keeps it: the
     * weather widget of the Advance Local sites. Copies of one wire story share their paragraphs but are one text,
     * so their article text stays.
     */
    @Test
    void aBatchRemovesTheTemplateTextOfUnrelatedArticlesOnly() throws IOException {
        List<RawArticle> batch = List.copyOf(records(HELSINKI, null).values());
        Cleaner inBatch = cleaner.forBatch(batch);
        RawArticle nj = batch.stream().filter(r -> r.id().equals("helsinki-8957")).findFirst().orElseThrow();
        List<String> widget = List.of("Enter City and State or Zip Code", "Congratulations!",
                "Your weather is set to . You can change the location at any time.", "AccuWeather.com Quick Look");

        assertThat(cleaner.clean(nj).text()).contains(widget);
        Article cleaned = inBatch.clean(nj);
        assertThat(cleaned.removals()).filteredOn(r -> r.reason().equals("page template text"))
                .extracting(Removal::text).containsAll(widget);
        assertThat(cleaned.text()).doesNotContain(widget).contains("Trump");
        assertSpansMapBack(cleaned);

        String wire = "This month the streaming service announced it would remove R. Kelly and rapper "
                + "XXXtentacion's music from its playlists";
        for (String copy : List.of("spotify-19721", "spotify-1710", "spotify-17324")) {
            RawArticle r = batch.stream().filter(b -> b.id().equals(copy)).findFirst().orElseThrow();
            assertThat(inBatch.clean(r).text()).as(copy).contains(wire);
        }
    }

    /** Bylines are credits (lines of Helsinki pages); sentences that open with "By" are not (ECB+, Reuters-21578). */
    @Test
    void bylinesAreCreditsButSentencesOpeningWithByAreNot() {
        Article page = clean("By JILL COLVIN Associated Press\n\nHELSINKI (AP) — President Donald Trump arrived in "
                + "Finland on Sunday for his summit with Vladimir Putin.\n\nby Rachel Siegel July 15 at 7:00 AM Email "
                + "the author\n\nBy\n\nBy 6:40 a.m. the fire was under control, Owen said.");
        assertThat(page.removals()).extracting(Removal::kind, Removal::text, Removal::reason).containsExactly(
                tuple(Kind.CREDIT, "By JILL COLVIN Associated Press", "byline"),
                tuple(Kind.CREDIT, "by Rachel Siegel July 15 at 7:00 AM Email the author", "byline"),
                tuple(Kind.CREDIT, "By", "byline"));
        assertThat(page.text()).endsWith("By 6:40 a.m. the fire was under control, Owen said.");
        Article wire = clean("LONDON, March 17 - Britain's contribution to the EC budget fell.\n\n"
                + "By region, Britain contributed 34 mln stg vs 47 mln\n\nThe figures were released on Tuesday.");
        assertThat(wire.removals()).isEmpty();
        assertSpansMapBack(page);
    }

    /** A quotation on its own line is someone's words (ECB+), and a wire table keeps its rows (Reuters-21578). */
    @Test
    void quotationsAndTableRowsAreNeverFurniture() throws IOException {
        Article ecb = cleaner.clean(records("data/ecbplus/ecbplus-dev.articles.jsonl", Set.of("ecbplus-21_11ecbplus"))
                .get("ecbplus-21_11ecbplus"));
        assertThat(ecb.text()).contains("\"Always reckless.\"");
        Article dividend = clean("STAMFORD, Conn., Feb 26 - Qtly div 25 cts vs 25 cts prior\n\nPay April 30\n\n"
                + "Record April 16\n\nReuter");
        assertThat(dividend.removals()).isEmpty();
    }

    /** The records of a shared-data JSON Lines file with these ids (all when null), as raw articles, in file order. */
    private static Map<String, RawArticle> records(String file, Set<String> ids) throws IOException {
        Map<String, RawArticle> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Seeds.shared().resolve(file), StandardCharsets.UTF_8)) {
            JsonNode d = JSON.readTree(line);
            if (ids == null || ids.contains(d.get("id").asText())) {
                out.put(d.get("id").asText(), new RawArticle(d.get("id").asText(), file, d.get("source").asText(),
                        null, null, d.get("title").isNull() ? null : d.get("title").asText(), d.get("text").asText()));
            }
        }
        return out;
    }

    private Article clean(String text) {
        return cleaner.clean(new RawArticle("x", null, null, null, null, null, text));
    }

    private static void assertSpansMapBack(Article a) {
        assertThat(a.removals()).allSatisfy(r -> {
            assertThat(a.rawText().substring(r.rawStart(), r.rawEnd())).isEqualTo(r.text());
            assertThat(r.cleanOffset()).isBetween(0, a.text().length());
            assertThat(r.reason()).isNotBlank();
        });
        assertThat(a.removals()).isSortedAccordingTo((x, y) -> Integer.compare(x.rawStart(), y.rawStart()));
    }
}
