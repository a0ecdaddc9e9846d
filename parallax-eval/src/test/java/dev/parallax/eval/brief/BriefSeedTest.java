package dev.parallax.eval.brief;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.Brief.Claim;
import dev.parallax.core.brief.Brief.Status;
import dev.parallax.core.brief.BriefBuilder;
import dev.parallax.core.brief.StoryBriefs;
import dev.parallax.core.embed.Embedder;
import dev.parallax.core.model.Article;
import dev.parallax.core.pipeline.IngestReport;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.store.Store;
import dev.parallax.core.testing.Seeds;
import dev.parallax.store.SqliteStore;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The brief of the founding seed story, through the real pipeline and store: what both accounts say, what only one
 * says, who is quoted, and when things happened. Claims are found by a characteristic span of each article, never by
 * position. The sentences are embedded by the shipped embedder of the brief ({@link StoryBriefs#EMBEDDER}).
 */
class BriefSeedTest {
    private static final String A = "000_6ff38f1c0ac05301";
    private static final String B = "002_ffa190864f8b1c5b";
    private static Embedder embedder;
    private static Brief brief;

    @BeforeAll
    static void build() {
        embedder = StoryBriefs.EMBEDDER.open(1);
        try (Store store = SqliteStore.temporary()) {
            IngestReport report = Pipelines.standard(store).ingest(Seeds.all(), done -> {});
            List<Article> articles = store.storyArticles(report.outcomes().get(0).storyId());
            assertThat(articles).extracting(Article::id).containsExactly(A, B);
            brief = new BriefBuilder(embedder).build(articles);
        }
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    private static Claim claim(String article, String text) {
        return brief.claimWith(article, text)
                .orElseThrow(() -> new AssertionError("no claim has a span of " + article + " with \"" + text + "\""));
    }

    private static void consensus(String inA, String inB) {
        Claim a = claim(A, inA);
        assertThat(claim(B, inB)).as("the claim with \"%s\" in %s", inB, B).isEqualTo(a);
        assertThat(a.status()).isEqualTo(Status.CONSENSUS);
        assertThat(a.outlets()).containsExactly(A, B);
    }

    private static void only(String article, String text) {
        Claim c = claim(article, text);
        assertThat(c.status()).as("status of the claim with \"%s\": %s", text, c).isEqualTo(Status.UNIQUE);
        assertThat(c.outlets()).containsExactly(article);
    }

    @Test
    void bothAccountsAgreeOnTheCoreFacts() {
        consensus("China rejected a US proposal", "China has outrightly declined a request");
        consensus("early May invitation", "extended in early May");
        consensus("open lines of communication with the People’s Liberation Army",
                "seeking open lines of communication with the People’s Liberation Army");
        consensus("Li Shangfu was sanctioned", "sanctions against Li");
        consensus("spy balloon that was shot down", "shoot down a Chinese spy balloon");
    }

    @Test
    void whatOnlySeed000Says() {
        only(A, "over a dozen requests");
        only(A, "does not prevent Austin");
        only(A, "met Li’s predecessor Wei Fenghe");
        only(A, "met with top Chinese diplomat Wang Yi in Vienna");
        only(A, "thaw “very shortly.”");
    }

    @Test
    void whatOnlySeed002Says() {
        only(B, "Pelosi's visit to Taiwan");
        only(B, "questioned the authenticity and importance of the offer");
        only(B, "lift sanctions");
        // The weapons are a detail 002 adds to a claim both carry (the 2018 sanctions), so they are told as such.
        Claim sanctions = claim(B, "sanctions against Li");
        assertThat(brief.framing()).filteredOn(f -> f.claim() == sanctions.id()).singleElement().satisfies(f -> {
            assertThat(f.outletB()).isEqualTo(B);
            assertThat(f.addsB()).contains("Su-35", "S-400").doesNotContain("Li", "Russian");
            assertThat(f.addsA()).doesNotContain("Su-35", "S-400");
        });
        only(B, "human rights in Xinjiang");
    }

    @Test
    void patrickRyderIsQuotedByBothOutletsWithDifferentStatements() {
        Brief.Speaker ryder = brief.speakers().stream().filter(s -> s.name().endsWith("Ryder")).findFirst()
                .orElseThrow(() -> new AssertionError("no Ryder among " + brief.speakers()));
        assertThat(ryder.outlets()).containsExactly(A, B);
        assertThat(ryder.differentStatements()).isTrue();
        assertThat(brief.quotes()).filteredOn(q -> q.speaker().equals(ryder.name()))
                .extracting(Brief.QuoteRow::article).contains(A, B);
        assertThat(brief.quotes()).anySatisfy(q -> {
            assertThat(q.unnamed()).isTrue();
            assertThat(q.speaker()).containsIgnoringCase("senior US defence official");
            assertThat(q.text()).contains("litany of excuses");
        });
        assertThat(brief.quotes()).anySatisfy(q -> {
            assertThat(q.speaker()).isEqualTo("Liu Pengyu");
            assertThat(q.article()).isEqualTo(B);
        });
    }

    /** Issue 5's seed gold, as the grid names the speakers: resolved to the entity that speaks, not one it names. */
    @Test
    void speakersAreResolvedToWhoSpeaks() {
        assertThat(brief.quotes()).filteredOn(q -> q.text().contains("authenticity and importance of the offer"))
                .singleElement().satisfies(q -> {
                    assertThat(q.speaker()).isEqualTo("Chinese Embassy");
                    assertThat(q.kind()).isEqualTo("indirect");
                });
        assertThat(brief.quotes()).filteredOn(q -> q.text().contains("very shortly"))
                .singleElement().extracting(Brief.QuoteRow::speaker).isEqualTo("Joe Biden");
        assertThat(brief.quotes()).filteredOn(q -> q.text().contains("reluctance to participate"))
                .singleElement().extracting(Brief.QuoteRow::speaker).isEqualTo("Patrick Ryder");
    }

    @Test
    void theTimelineHasTheEventTimesWithCitations() {
        assertThat(brief.timeline()).extracting(Brief.TimePoint::value)
                .contains("2018", "2022-06", "2022-08", "2023-02", "2023-05", "2023-W22");
        assertThat(brief.timeline()).anySatisfy(p -> {
            assertThat(p.value()).isEqualTo("2023-05");
            assertThat(p.text()).isEqualTo("early May");
            assertThat(p.citations()).extracting(Brief.TimeCitation::article).contains(A, B);
        });
        assertThat(brief.timeline()).filteredOn(p -> p.value().equals("2018")).singleElement()
                .satisfies(p -> assertThat(p.citations()).extracting(Brief.TimeCitation::article).contains(A, B));
        assertThat(brief.timeline()).allSatisfy(p -> assertThat(p.citations()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.sentence().text()).contains(c.text())));
    }

    @Test
    void everySummarySentenceIsCitedAndTheSummaryPrefersSharedNeutralWording() {
        assertThat(brief.summary()).isNotEmpty().hasSizeLessThanOrEqualTo(5)
                .allSatisfy(s -> assertThat(s.citations()).isNotEmpty());
        assertThat(brief.summary()).noneMatch(s -> s.text().contains("outrightly"));
        assertThat(brief.summary().get(0).citations()).extracting(Brief.Citation::article).contains(A, B);
    }

    @Test
    void framingContrastsTheWordingOfTheSharedOpening() {
        Claim opening = claim(A, "China rejected a US proposal");
        assertThat(brief.framing()).filteredOn(f -> f.claim() == opening.id()).singleElement().satisfies(f -> {
            assertThat(f.onlyA()).contains("rejected", "proposal");
            assertThat(f.onlyB()).contains("outrightly", "declined", "request");
            assertThat(f.onlyB().indexOf("outrightly")).isLessThan(f.onlyB().indexOf("request"));
            assertThat(f.addsB()).contains("Shangri-La");
        });
    }

    @Test
    void everySpanIsExactText() {
        assertThat(brief.claims()).allSatisfy(c -> assertThat(c.spans()).allSatisfy(s ->
                assertThat(s.end() - s.start()).isEqualTo(s.text().length())));
    }
}
