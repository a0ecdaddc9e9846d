package dev.parallax.core.analysis.quote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.Layers;
import dev.parallax.core.model.Outlet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gold attributions on the two real seed articles. */
class QuoteAnnotatorTest {
    private static final QuoteAnnotator ANNOTATOR = new QuoteAnnotator();

    /** Seed text; seed 000's first line is scraping metadata (the cleaner's job), so the test drops it. */
    static String seed(String name, boolean dropFirstLine) throws IOException {
        String shared = System.getProperty("parallax.shared");
        if (shared == null) {
            throw new IllegalStateException("system property parallax.shared is not set (surefire sets it)");
        }
        Path file = Path.of(shared, "seeds", name);
        if (!Files.exists(file)) {
            throw new IllegalStateException("seed " + file + " is missing");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return dropFirstLine ? text.substring(text.indexOf('\n') + 1) : text;
    }

    private static Article article(String text) {
        return new Article("seed", "test", Outlet.UNKNOWN, null, null, null, text, text, List.of(), Layers.empty());
    }

    /** The quote whose content contains {@code phrase}. */
    private static Quote quoteWith(List<Quote> quotes, String text, String phrase) {
        int at = text.indexOf(phrase);
        assertThat(at).as("phrase in the seed: " + phrase).isGreaterThanOrEqualTo(0);
        for (Quote q : quotes) {
            for (Span s : q.content()) {
                if (s.start() <= at && at + phrase.length() <= s.end()) {
                    return q;
                }
            }
        }
        throw new AssertionError("no quote has content containing \"" + phrase + "\"; found " + quotes.size());
    }

    @Test
    void seed000() throws IOException {
        String text = seed("000_6ff38f1c0ac05301.txt", true);
        List<Quote> quotes = ANNOTATOR.annotate(article(text)).layer(Quote.LAYER);

        // the quotation is the paragraph after "Pentagon spokesman Brigadier General Pat Ryder said…"
        Quote overnight = quoteWith(quotes, text, "Overnight, the PRC");
        assertThat(overnight.speaker()).isIn("Brigadier General Pat Ryder", "Pat Ryder",
                "Pentagon spokesman Brigadier General Pat Ryder");
        assertThat(overnight.kind()).isEqualTo(Quote.Kind.DIRECT);
        assertThat(overnight.unnamedSource()).isFalse();
        assertThat(text.substring(overnight.content().get(0).start())).startsWith("“Overnight");
        assertThat(overnight.cue().textIn(text)).isEqualTo("said");

        Quote excuses = quoteWith(quotes, text, "just the latest in a litany of excuses.");
        assertThat(excuses.speaker()).isEqualTo("A senior US defence official");
        assertThat(excuses.unnamedSource()).isTrue();
        assertThat(excuses.kind()).isEqualTo(Quote.Kind.MIXED);
        assertThat(excuses.cue().textIn(text)).isEqualTo("remarked");

        Quote shortly = quoteWith(quotes, text, "very shortly.");
        assertThat(shortly.speaker()).endsWith("Joe Biden");
        assertThat(shortly.cue().textIn(text)).endsWith("predicted");

        Quote reluctance = quoteWith(quotes, text, "China’s reluctance to participate");
        assertThat(reluctance.kind()).isEqualTo(Quote.Kind.INDIRECT);
        assertThat(reluctance.speaker()).isEqualTo("Ryder");
        assertThat(reluctance.cue().textIn(text)).isEqualTo("added");
        assertThat(reluctance.source().textIn(text)).isEqualTo("Ryder");

        // "He cited …": the pronoun resolves to the nearest preceding named source
        Quote cited = quoteWith(quotes, text, "the spy balloon incident");
        assertThat(cited.source().textIn(text)).isEqualTo("He");
        assertThat(cited.speaker()).isEqualTo("President Joe Biden");
    }

    @Test
    void seed002() throws IOException {
        String text = seed("002_ffa190864f8b1c5b.txt", false);
        List<Quote> quotes = ANNOTATOR.quotes(text);

        Quote unwillingness = quoteWith(quotes, text, "The PRC’s concerning unwillingness");
        assertThat(unwillingness.speaker()).endsWith("Brig. Gen. Patrick Ryder");
        assertThat(unwillingness.kind()).isEqualTo(Quote.Kind.DIRECT);
        assertThat(unwillingness.cue().textIn(text)).startsWith("said");

        // opened with “ and closed with a straight ": the content still ends at the closing mark
        Quote sanctions = quoteWith(quotes, text, "China always firmly opposes");
        assertThat(sanctions.speaker()).endsWith("Liu Pengyu");
        assertThat(sanctions.kind()).isEqualTo(Quote.Kind.DIRECT);
        Span last = sanctions.content().get(sanctions.content().size() - 1);
        assertThat(last.textIn(text)).startsWith("“China always").endsWith("dialogue and communication.\"");

        Quote authenticity = quoteWith(quotes, text, "the authenticity and importance of the offer");
        assertThat(authenticity.kind()).isEqualTo(Quote.Kind.INDIRECT);
        assertThat(authenticity.speaker()).contains("the Chinese Embassy");
        assertThat(authenticity.cue().textIn(text)).isEqualTo("questioned");
        assertThat(authenticity.unnamedSource()).isFalse();
    }

    /** PolNeAR gives a participle cue after a comma the main clause's subject as its source. */
    @Test
    void participleCueSharesTheSourceOfTheEarlierCue() {
        String text = "Senator John McCain said on Tuesday that the bill would fail, citing its cost to taxpayers.";
        List<Quote> quotes = ANNOTATOR.quotes(text);
        Quote citing = quotes.stream()
                .filter(q -> text.substring(q.cue().start(), q.cue().end()).equals("citing"))
                .findFirst().orElseThrow(() -> new AssertionError("no quote with the cue \"citing\": " + quotes));
        assertThat(citing.source()).isNotNull();
        assertThat(text.substring(citing.source().start(), citing.source().end())).isEqualTo("Senator John McCain");
    }

    /** A line opening with a speaker and a colon: the name is the source, ":" the cue, the rest of the line content. */
    @Test
    void speakerColonLineIsAnAttribution() {
        String text = "Paul Ryan: FBI Decision Not to Indict Hillary Defies Explanation.\n"
                + "The Latest: Cruz to give away engraved shotgun in Iowa.";
        List<Quote> quotes = ANNOTATOR.quotes(text);
        Quote ryan = quotes.stream().filter(q -> q.cue().textIn(text).equals(":")).findFirst()
                .orElseThrow(() -> new AssertionError("no quote with the cue \":\": " + quotes));
        assertThat(ryan.source().textIn(text)).isEqualTo("Paul Ryan");
        assertThat(ryan.content()).hasSize(1);
        assertThat(ryan.content().get(0).textIn(text)).isEqualTo("FBI Decision Not to Indict Hillary Defies Explanation");
        assertThat(quotes).noneMatch(q -> q.source() != null && q.source().textIn(text).contains("Latest"));
    }

    @Test
    void quotesAreSpannedAndSerialiseAsJson() throws IOException {
        String text = seed("002_ffa190864f8b1c5b.txt", false);
        List<Quote> quotes = ANNOTATOR.quotes(text);
        assertThat(quotes).isNotEmpty();
        ObjectMapper json = new ObjectMapper();
        for (Quote q : quotes) {
            assertThat(q.start()).isLessThanOrEqualTo(q.cue().start());
            assertThat(q.end()).isGreaterThanOrEqualTo(q.content().get(q.content().size() - 1).end());
            assertThat(json.readValue(json.writeValueAsString(q), Quote.class)).isEqualTo(q);
        }
    }
}
