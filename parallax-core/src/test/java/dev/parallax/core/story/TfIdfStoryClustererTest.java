package dev.parallax.core.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallax.core.model.Article;
import dev.parallax.core.model.Published;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TfIdfStoryClustererTest {
    private static final String SEED_0 = "000_6ff38f1c0ac05301";
    private static final String SEED_2 = "002_ffa190864f8b1c5b";
    private static final String ECB_TRAIN = "data/ecbplus/ecbplus-train.articles.jsonl";

    @Test
    void theTwoSeedReportsOfTheSameRefusalFormOneStory() throws IOException {
        TfIdfStoryClusterer clusterer = new TfIdfStoryClusterer();
        // seed 002 has no date: it is taken as published at the latest time seen, seed 000's
        StoryAssignment first = clusterer.assign(TestArticles.seed(SEED_0, Published.parse("2023-05-30")));
        StoryAssignment second = clusterer.assign(TestArticles.seed(SEED_2, null));

        assertThat(first.opened()).isTrue();
        assertThat(first.storyId()).isEqualTo("s-2e281cc84db2"); // sha256sum of the id, first 12 hex digits
        assertThat(second.opened()).isFalse();
        assertThat(second.storyId()).isEqualTo(first.storyId());
        assertThat(second.score()).isGreaterThanOrEqualTo(ClusteringParameters.DEFAULTS.threshold());
    }

    @Test
    void anUnrelatedArticleOnTheSameDayOpensItsOwnStory() throws IOException {
        TfIdfStoryClusterer clusterer = new TfIdfStoryClusterer();
        Published day = Published.parse("2023-05-30");
        clusterer.assign(TestArticles.seed(SEED_0, day));
        // ECB+ train's first article: the death of Watergate figure Fred LaRue
        Article obituary = TestArticles.firstArticles(ECB_TRAIN, 1).get(0).withPublished(day);

        assertThat(clusterer.assign(obituary).opened()).isTrue();
    }

    @Test
    void identicalTextsThirtyDaysApartStayInSeparateStories() throws IOException {
        Article seed = TestArticles.seed(SEED_0, null);
        TfIdfStoryClusterer clusterer = new TfIdfStoryClusterer();
        StoryAssignment a = clusterer.assign(dated(seed, "a", "2023-05-01"));
        StoryAssignment b = clusterer.assign(dated(seed, "b", "2023-05-31"));
        StoryAssignment c = clusterer.assign(dated(seed, "c", "2023-06-03"));

        assertThat(b.opened()).as("30 days after the story's last article: outside the 7-day window").isTrue();
        assertThat(b.storyId()).isNotEqualTo(a.storyId());
        assertThat(c.opened()).as("3 days later: inside the window").isFalse();
        assertThat(c.storyId()).isEqualTo(b.storyId());
    }

    @Test
    void theWindowIsConfigurable() throws IOException {
        Article seed = TestArticles.seed(SEED_0, null);
        TfIdfStoryClusterer clusterer =
                new TfIdfStoryClusterer(ClusteringParameters.DEFAULTS.withWindow(Duration.ofDays(45)));
        StoryAssignment a = clusterer.assign(dated(seed, "a", "2023-05-01"));
        StoryAssignment b = clusterer.assign(dated(seed, "b", "2023-05-31"));

        assertThat(b.storyId()).isEqualTo(a.storyId());
    }

    @Test
    void theSameInputGivesTheSameStories() throws IOException {
        List<Article> articles = TestArticles.firstArticles(ECB_TRAIN, 150);

        List<StoryAssignment> once = assignAll(new TfIdfStoryClusterer(), articles);
        List<StoryAssignment> again = assignAll(new TfIdfStoryClusterer(), articles);

        assertThat(again).isEqualTo(once);
        long stories = once.stream().map(StoryAssignment::storyId).distinct().count();
        assertThat(stories).as("a real clustering, neither all singletons nor one story").isBetween(2L, 149L);
    }

    @Test
    void restoringStoredDecisionsThenAssigningMatchesAssigningAllAtOnce() throws IOException {
        List<Article> articles = TestArticles.firstArticles(ECB_TRAIN, 160);
        List<StoryAssignment> all = assignAll(new TfIdfStoryClusterer(), articles);

        TfIdfStoryClusterer resumed = new TfIdfStoryClusterer();
        for (int i = 0; i < 80; i++) {
            resumed.restore(articles.get(i), all.get(i).storyId());
        }
        List<StoryAssignment> rest = assignAll(resumed, articles.subList(80, articles.size()));

        assertThat(rest).isEqualTo(all.subList(80, all.size()));
        assertThat(rest).as("the resumed part joins restored stories too").anyMatch(a -> !a.opened()
                && new HashSet<>(all.subList(0, 80).stream().map(StoryAssignment::storyId).toList())
                        .contains(a.storyId()));
    }

    @Test
    void anArticleThatWouldFoundTheSameStoryTwiceIsRejected() throws IOException {
        Article seed = TestArticles.seed(SEED_0, null);
        TfIdfStoryClusterer clusterer = new TfIdfStoryClusterer();
        clusterer.assign(dated(seed, SEED_0, "2023-05-01"));

        // the same id a month later is out of the window, so it would open a story with the id it opened before
        assertThatThrownBy(() -> clusterer.assign(dated(seed, SEED_0, "2023-06-01")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + SEED_0 + "'")
                .hasMessageContaining("assigned twice");
    }

    @Test
    void storyIdsDeriveFromTheFoundingArticle() {
        assertThat(TfIdfStoryClusterer.storyIdFor(SEED_0)).isEqualTo("s-2e281cc84db2");
        assertThat(TfIdfStoryClusterer.storyIdFor(SEED_2)).matches("s-[0-9a-f]{12}").isNotEqualTo("s-2e281cc84db2");
    }

    @Test
    void invalidParametersAreRejectedWithTheirName() {
        assertThatThrownBy(() -> ClusteringParameters.DEFAULTS.withThreshold(1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
        assertThatThrownBy(() -> ClusteringParameters.DEFAULTS.withWindow(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
        assertThatThrownBy(() -> new ClusteringParameters(Duration.ofDays(7), 0.2, 0.45, 2, 20, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxCandidates");
    }

    private static Article dated(Article a, String id, String date) {
        return new Article(id, a.origin(), a.outlet(), Published.ofDate(LocalDate.parse(date)), a.url(), a.title(),
                a.text(), a.rawText(), a.removals(), a.layers());
    }

    private static List<StoryAssignment> assignAll(StoryClusterer clusterer, List<Article> articles) {
        List<StoryAssignment> out = new ArrayList<>();
        for (Article a : articles) {
            out.add(clusterer.assign(a));
        }
        return out;
    }
}
