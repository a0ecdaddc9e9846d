package dev.parallax.core.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.model.Article;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoryLineageTest {
    @Test
    void countsOneAccountPerFamilyAndKeepsCopiesOfOriginalsInOtherStories() throws Exception {
        Map<String, Article> reuters = ReutersArticles.byId(Set.of("reuters21578-10", "reuters21578-18",
                "reuters21578-6"));
        Article wire = reuters.get("reuters21578-18");
        Article reprint = ReutersArticles.article("herald-1", "herald", wire.published(), wire.text());
        // A copy whose original (reuters21578-10) was placed in another story.
        Article other = ReutersArticles.article("gazette-1", "gazette", wire.published(),
                reuters.get("reuters21578-10").text());
        Article own = reuters.get("reuters21578-6");
        List<DuplicateLink> links = List.of(new DuplicateLink("herald-1", "reuters21578-18", Relation.EXACT, 1, 1),
                new DuplicateLink("gazette-1", "reuters21578-10", Relation.EXACT, 1, 1));

        StoryLineage lineage = StoryLineage.of(List.of(wire, reprint, other, own), links);

        assertThat(lineage.articles()).isEqualTo(4);
        assertThat(lineage.independentAccounts()).isEqualTo(3);
        assertThat(lineage.copies()).isEqualTo(1);
        assertThat(lineage.families()).extracting(StoryLineage.Group::originalId)
                .containsExactly("reuters21578-18", "reuters21578-10", "reuters21578-6");
        assertThat(lineage.shared()).singleElement().satisfies(g -> {
            assertThat(g.original()).contains(wire);
            assertThat(g.wire()).contains("Reuters");
            assertThat(g.copies()).extracting(DuplicateLink::articleId).containsExactly("herald-1");
        });
        assertThat(lineage.families().get(1).original()).isEmpty();
    }
}
