package dev.parallax.core.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallax.core.model.Article;
import dev.parallax.core.model.Published;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeduperTest {
    private static final String COCOA = "reuters21578-1";
    private static final String OTHER = "reuters21578-4";
    private static Map<String, Article> reuters;

    @BeforeAll
    static void load() throws IOException {
        reuters = ReutersArticles.byId(Set.of(COCOA, OTHER, "reuters21578-325", "reuters21578-1424",
                "reuters21578-141", "reuters21578-827"));
    }

    private static Article copy(String id, String outlet, String published, String text) {
        return ReutersArticles.article(id, outlet, Published.parse(published), text);
    }

    private static Article cocoa() {
        return reuters.get(COCOA);
    }

    @Test
    void retypedCopyIsExact() {
        Deduper d = new Deduper();
        d.observe(cocoa());
        String retyped = cocoa().text().replace(" ", "  ").replace(",", " ,");
        Observation o = d.observe(copy("gazette-1", "gazette", "1987-02-27", retyped));
        assertThat(o.link()).hasValueSatisfying(l -> {
            assertThat(l.originalId()).isEqualTo(COCOA);
            assertThat(l.relation()).isEqualTo(Relation.EXACT);
            assertThat(l.jaccard()).isEqualTo(1.0);
        });
    }

    @Test
    void lightlyEditedCopyIsNear() {
        List<String> p = new ArrayList<>(ReutersArticles.paragraphs(cocoa()));
        p.add(0, "By Jane Smith, Gazette staff");
        p.remove(p.size() - 2); // a dropped paragraph near the end
        p.set(2, p.get(2).replace("cocoa", "cacao"));
        p.add("Read more: commodities from the Gazette");
        Deduper d = new Deduper();
        d.observe(cocoa());
        Observation o = d.observe(copy("gazette-2", "gazette", "1987-02-27", String.join("\n\n", p)));
        assertThat(o.link()).hasValueSatisfying(l -> {
            assertThat(l.originalId()).isEqualTo(COCOA);
            assertThat(l.relation()).isEqualTo(Relation.NEAR);
            assertThat(l.jaccard()).isBetween(0.7, 0.99);
        });
    }

    @Test
    void trimmedCopyIsContained() {
        List<String> p = ReutersArticles.paragraphs(cocoa());
        String firstHalf = String.join("\n\n", p.subList(0, p.size() / 2));
        Deduper d = new Deduper();
        d.observe(cocoa());
        Observation o = d.observe(copy("gazette-3", "gazette", "1987-02-27", firstHalf));
        assertThat(o.link()).hasValueSatisfying(l -> {
            assertThat(l.relation()).isEqualTo(Relation.CONTAINED);
            assertThat(l.containment()).isGreaterThan(0.9);
            assertThat(l.jaccard()).isLessThan(0.7);
        });
    }

    @Test
    void localArticleEmbeddingTheWireCopyContainsIt() {
        List<String> local = ReutersArticles.paragraphs(reuters.get(OTHER));
        String text = String.join("\n\n", local.subList(0, 2)) + "\n\n" + cocoa().text() + "\n\n"
                + String.join("\n\n", local.subList(2, local.size())); // adds about 90% to the wire copy
        Deduper d = new Deduper();
        d.observe(cocoa());
        Observation o = d.observe(copy("local-1", "bahia-daily", "1987-02-27", text));
        assertThat(o.link()).hasValueSatisfying(l -> {
            assertThat(l.originalId()).isEqualTo(COCOA);
            assertThat(l.relation()).isEqualTo(Relation.CONTAINS);
            assertThat(l.containment()).isGreaterThan(0.9);
        });
    }

    @Test
    void differentArticlesOnTheSameTopicAreNotLinked() {
        // Two convertible-bond issues and two CMO offerings: many shared terms, different stories.
        Deduper d = new Deduper();
        for (String id : List.of("reuters21578-325", "reuters21578-1424", "reuters21578-141", "reuters21578-827")) {
            assertThat(d.observe(reuters.get(id)).isDuplicate()).as(id).isFalse();
        }
        assertThat(d.links()).isEmpty();
    }

    @Test
    void wireCreditedCopyBecomesTheOriginalEvenWhenAReprintCameFirst() {
        String body = cocoa().text().replaceFirst("^SALVADOR, Feb 26 - ", "");
        Article reprint = copy("gazette-4", "gazette", "1987-02-26T10:00:00", body.replace("\n\nReuter", ""));
        Article wire = copy("ap-1", "wire feed", "1987-02-26T12:00:00", "SALVADOR, Brazil (AP) \u2014 " + body);
        Deduper d = new Deduper();
        assertThat(d.observe(reprint).isDuplicate()).isFalse();
        Observation o = d.observe(wire);
        assertThat(o.link()).isEmpty();
        assertThat(o.relinked()).singleElement().satisfies(l -> {
            assertThat(l.articleId()).isEqualTo("gazette-4");
            assertThat(l.originalId()).isEqualTo("ap-1");
            assertThat(l.relation()).isEqualTo(Relation.NEAR);
        });
        assertThat(d.familyOf("gazette-4").originalId()).isEqualTo("ap-1");
        assertThat(d.linkOf("ap-1")).isEmpty();
    }

    @Test
    void earlierPublicationArrivingLateBecomesTheOriginal() {
        Article late = copy("late", "gazette", "1987-02-25", cocoa().text());
        Deduper d = new Deduper();
        d.observe(copy("first", "gazette", "1987-02-27", cocoa().text().replace("cocoa", "cacao")));
        Observation o = d.observe(late);
        assertThat(o.relinked()).extracting(DuplicateLink::originalId).containsExactly("late");
    }

    @Test
    void lateOriginalGathersCopiesThatDidNotMatchEachOther() {
        String local1 = reuters.get(OTHER).text();
        String local2 = reuters.get("reuters21578-141").text() + "\n\n" + reuters.get("reuters21578-827").text();
        Deduper d = new Deduper();
        d.observe(copy("local-a", "gazette", "1987-02-27", local1 + "\n\n" + cocoa().text()));
        assertThat(d.observe(copy("local-b", "herald", "1987-02-27", cocoa().text() + "\n\n" + local2))
                .isDuplicate()).isFalse();
        Observation o = d.observe(cocoa());
        assertThat(o.link()).isEmpty();
        assertThat(o.relinked()).extracting(DuplicateLink::articleId).containsExactlyInAnyOrder("local-a", "local-b");
        assertThat(d.familyOf(COCOA).copies()).extracting(DuplicateLink::articleId, DuplicateLink::relation)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("local-a", Relation.CONTAINS),
                        org.assertj.core.groups.Tuple.tuple("local-b", Relation.CONTAINS));
    }

    @Test
    void laterArticleEmbeddingTwoWireStoriesDoesNotMergeThem() {
        Deduper d = new Deduper();
        d.observe(cocoa());
        d.observe(reuters.get(OTHER));
        Observation o = d.observe(copy("roundup", "gazette", "1987-03-02",
                cocoa().text() + "\n\n" + reuters.get(OTHER).text()));
        assertThat(o.link()).isPresent();
        assertThat(o.relinked()).isEmpty();
        assertThat(d.familyOf(COCOA).originalId()).isNotEqualTo(d.familyOf(OTHER).originalId());
    }

    @Test
    void sameInputOrderGivesSameLinks() {
        List<Article> stream = new ArrayList<>(reuters.values());
        stream.sort((a, b) -> a.id().compareTo(b.id()));
        List<String> p = ReutersArticles.paragraphs(cocoa());
        stream.add(copy("gazette-5", "gazette", "1987-02-27", String.join("\n\n", p.subList(0, p.size() / 2))));
        stream.add(copy("gazette-6", "gazette", "1987-02-27", cocoa().text()));
        List<DuplicateLink> first = run(stream);
        assertThat(first).hasSize(2);
        assertThat(run(stream)).isEqualTo(first);
    }

    private static List<DuplicateLink> run(List<Article> stream) {
        Deduper d = new Deduper();
        stream.forEach(d::observe);
        return d.links();
    }

    @Test
    void familyListsCopiesInArrivalOrder() {
        Deduper d = new Deduper();
        d.observe(cocoa());
        d.observe(copy("c1", "gazette", "1987-02-27", cocoa().text()));
        d.observe(reuters.get(OTHER));
        d.observe(copy("c2", "herald", "1987-02-28", cocoa().text()));
        Family f = d.familyOf("c2");
        assertThat(f.originalId()).isEqualTo(COCOA);
        assertThat(f.copies()).extracting(DuplicateLink::articleId).containsExactly("c1", "c2");
        assertThat(d.familyOf(OTHER).size()).isEqualTo(1);
    }

    @Test
    void shortTextsAreLinkedOnlyWhenExact() {
        Deduper d = new Deduper();
        d.observe(copy("a", "x", "1987-02-27", "Shr 12 cts vs 10 cts. Net 1.2 mln vs 1.0 mln."));
        assertThat(d.observe(copy("b", "x", "1987-02-27", "Shr 12 cts vs 10 cts. Net 1.2 mln vs 1.1 mln."))
                .isDuplicate()).isFalse();
        assertThat(d.observe(copy("c", "x", "1987-02-27", "Shr 12 cts vs 10 cts. Net 1.2 mln vs 1.0 mln"))
                .link()).hasValueSatisfying(l -> assertThat(l.relation()).isEqualTo(Relation.EXACT));
    }

    @Test
    void rejectsAnArticleSeenBefore() {
        Deduper d = new Deduper();
        d.observe(cocoa());
        assertThatThrownBy(() -> d.observe(cocoa())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(COCOA);
    }
}
