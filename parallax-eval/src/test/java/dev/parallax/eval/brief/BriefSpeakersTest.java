package dev.parallax.eval.brief;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.BriefBuilder;
import dev.parallax.core.model.Article;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.eval.LabelledArticles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The who-said-what grid on real stories: the first ten BASIL events (three outlets each). A speaker the text names
 * only by a pronoun that no earlier source resolves ("who", "it") tells a reader nothing, so it is not a row; and one
 * speaker is one row, whatever the case of its article.
 */
class BriefSpeakersTest {
    private static final Set<String> PRONOUNS = Set.of("he", "she", "they", "it", "i", "we", "you", "him", "her",
            "them", "his", "its", "their", "who", "which", "that");

    @Test
    void noSpeakerIsABarePronoun() {
        LabelledArticles basil = LabelledArticles.read(Path.of(System.getProperty("parallax.shared"), "data", "basil",
                "basil.articles.jsonl"));
        Map<String, List<Article>> stories = new LinkedHashMap<>();
        List<Annotator> annotators = Pipelines.annotators();
        for (Article a : basil.articles()) {
            String story = basil.gold().get(a.id());
            if (stories.size() < 10 || stories.containsKey(story)) {
                for (Annotator an : annotators) {
                    a = an.annotate(a);
                }
                stories.computeIfAbsent(story, k -> new ArrayList<>()).add(a);
            }
        }
        List<String> speakers = new ArrayList<>();
        for (List<Article> story : stories.values()) {
            Brief brief = BriefBuilder.lexical().build(story);
            brief.speakers().forEach(s -> speakers.add(s.name()));
            brief.quotes().forEach(q -> speakers.add(q.speaker()));
            // "The Times" in one outlet and "the Times" in another are one speaker
            assertThat(brief.speakers().stream().map(s -> s.name().toLowerCase(java.util.Locale.ROOT)))
                    .doesNotHaveDuplicates();
        }
        assertThat(stories).hasSize(10);
        assertThat(speakers).hasSizeGreaterThan(50)
                .noneMatch(s -> PRONOUNS.contains(s.strip().toLowerCase(java.util.Locale.ROOT)));
    }
}
