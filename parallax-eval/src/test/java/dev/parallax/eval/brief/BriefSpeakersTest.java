package dev.parallax.eval.brief;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.BriefBuilder;
import dev.parallax.core.brief.StoryBriefs;
import dev.parallax.core.embed.Embedder;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.text.NewsCleaner;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.eval.LabelledArticles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

    /**
     * ECB+ topic 1 (Lindsay Lohan's rehab, 21 articles, the demo's largest story): her lawyer is "Mark Jay Heller" in
     * some outlets, "Mark Heller" or plain "Heller" in others, and the prosecutor "Terry White" or "White". Each is one
     * speaker; and a claim attributed to two speakers is one discrepancy, however many outlets and quotes carry each
     * attribution (the brief listed 45 attribution conflicts for one claim, most of them Heller against Heller, then
     * seven times "Terry White" against "Mark Jay Heller", once per outlet quoting Heller).
     */
    @Test
    void oneLawyerIsOneSpeakerAndEachConflictIsListedOnce() {
        NewsCleaner cleaner = new NewsCleaner();
        List<Annotator> annotators = Pipelines.annotators();
        LabelledArticles ecb = LabelledArticles.read(Path.of(System.getProperty("parallax.shared"), "data", "ecbplus",
                "ecbplus-train.articles.jsonl"));
        List<Article> story = new ArrayList<>();
        for (Article raw : ecb.articles()) {
            if ("1_ecbplus".equals(ecb.gold().get(raw.id()))) {
                Article a = cleaner.clean(new RawArticle(raw.id(), raw.origin(), raw.outlet().name(), raw.published(),
                        raw.url(), raw.title(), raw.rawText()));
                for (Annotator an : annotators) {
                    a = an.annotate(a);
                }
                story.add(a);
            }
        }
        assertThat(story).hasSize(21);
        Brief brief;
        try (Embedder embedder = StoryBriefs.EMBEDDER.open(1)) {
            brief = new BriefBuilder(embedder).build(story);
        }
        List<String> names = brief.speakers().stream().map(Brief.Speaker::name).toList();
        assertThat(names).contains("Mark Jay Heller", "Terry White")
                .filteredOn(n -> n.endsWith("Heller") || n.endsWith("White")).hasSize(2);
        assertThat(brief.quotes()).extracting(Brief.QuoteRow::speaker)
                .doesNotContain("Heller", "Mark Heller", "White");
        List<Brief.Discrepancy> attributions = brief.discrepancies().stream()
                .filter(d -> d.kind().equals("attribution")).toList();
        assertThat(attributions).isNotEmpty().noneMatch(d -> d.valueA().equals(d.valueB()));
        assertThat(attributions.stream().map(d -> d.claim() + " " + new TreeSet<>(Set.of(d.valueA(), d.valueB()))))
                .doesNotHaveDuplicates();
    }

    /**
     * The demo's Lindsay Lohan story: outlets write her attorney as "Lindsay Lohan's attorney" and "Lindsay Lohan’s
     * attorney"; the grid had them as two speakers.
     */
    @Test
    void speakersThatDifferOnlyInTheirApostrophesAreOne() {
        List<String> names = SampleStory.brief().speakers().stream().map(Brief.Speaker::name).toList();
        assertThat(names).filteredOn(n -> n.replace('’', '\'').equalsIgnoreCase("Lindsay Lohan's attorney"))
                .hasSize(1);
        assertThat(names.stream().map(n -> n.replace('’', '\'').toLowerCase(java.util.Locale.ROOT)))
                .doesNotHaveDuplicates();
    }

    /**
     * BASIL's Weiner triplet (nyt, fox, hpo). The quote tagger's sources carry appositions ("Mr. Weiner, one of
     * Congress’s most enthusiastic users of social media …,", "Jack Levin, the chief executive of yFrog,", "Twitter,
     * which") and once a weekday ("said Wednesday"), and pronouns inherit them: the brief listed "fox says Wednesday"
     * and "nyt says Mr. Weiner, one of Congress’s …" as attribution conflicts. A speaker is the name before the
     * apposition, a weekday is no speaker, and "Mr. Weiner" is the story's one Weiner.
     */
    @Test
    void appositionsAndWeekdaysAreNotSpeakersAndMrWeinerIsWeiner() {
        Brief brief = basilBrief("c21cb217-3e2c-49bd-884d-5c74a165ef10");
        List<String> names = new ArrayList<>(brief.speakers().stream().map(Brief.Speaker::name).toList());
        brief.discrepancies().forEach(d -> names.addAll(List.of(d.valueA(), d.valueB())));
        assertThat(names).isNotEmpty().noneMatch(n -> n.contains(",")).doesNotContain("Wednesday")
                .contains("Jack Levin");
        assertThat(brief.speakers()).extracting(Brief.Speaker::name).filteredOn(n -> n.endsWith("Weiner"))
                .containsExactly("Anthony D. Weiner");
    }

    /**
     * A suffix is not the surname: BASIL's Wal-Mart triplet quotes "Theodore J. Boutrous Jr." (nyt) and "Theodore
     * Boutrous" (fox), its tax-compromise triplet "Joseph R. Biden Jr." (nyt) and "Biden" (fox); the brief listed each
     * pair as an attribution conflict between two people.
     */
    @Test
    void aJuniorIsThePersonWithoutTheSuffix() {
        Map<String, String> people = Map.of("2058ec60-5372-4f5f-83a3-da780be3a350", "Theodore J. Boutrous Jr.",
                "df5fe55a-dfcb-4817-8631-830f47c21a72", "Joseph R. Biden Jr.");
        people.forEach((story, person) -> {
            String surname = person.split(" ")[person.split(" ").length - 2];
            List<String> names = basilBrief(story).speakers().stream().map(Brief.Speaker::name).toList();
            assertThat(names).as("%s: speakers named %s", story, surname)
                    .filteredOn(n -> n.equals(surname) || n.endsWith(" " + surname) || n.contains(" " + surname + " "))
                    .containsExactly(person);
        });
    }

    /**
     * A description with the name in apposition names its speaker, and a party label is not part of a name: BASIL's
     * Steele triplet quoted "A spokesman for the Democratic National Committee, Brad Woodhouse," and the Blumenthal
     * triplet "Cornyn's Democratic campaign counterpart, Sen. Bob Menendez," as anonymous speakers apart from "Bob
     * Menendez"; the Weiner triplet's "Congressman Anthony Weiner (D-N.Y.)" stood apart from "Anthony D. Weiner".
     */
    @Test
    void aNameInAppositionOrBeforeAPartyLabelIsTheSpeaker() {
        Map<String, String> people = Map.of("2b95d2cf-e979-4f9c-ae27-9a5370934f23", "Brad Woodhouse",
                "85475456-f38e-4c30-895d-ca2c819c6af1", "Bob Menendez",
                "c21cb217-3e2c-49bd-884d-5c74a165ef10", "Anthony D. Weiner");
        people.forEach((story, person) -> {
            String surname = person.substring(person.lastIndexOf(' ') + 1);
            Brief brief = basilBrief(story);
            assertThat(brief.quotes()).extracting(Brief.QuoteRow::speaker).as(story).contains(person)
                    .filteredOn(n -> n.endsWith(surname) || n.contains(surname + ",") || n.contains(surname + " ("))
                    .containsOnly(person);
        });
    }

    /** The brief of a BASIL story (three outlets), its articles annotated as the pipeline does, claims by words. */
    private static Brief basilBrief(String story) {
        LabelledArticles basil = LabelledArticles.read(Path.of(System.getProperty("parallax.shared"), "data", "basil",
                "basil.articles.jsonl"));
        List<Annotator> annotators = Pipelines.annotators();
        List<Article> articles = new ArrayList<>();
        for (Article a : basil.articles()) {
            if (story.equals(basil.gold().get(a.id()))) {
                for (Annotator an : annotators) {
                    a = an.annotate(a);
                }
                articles.add(a);
            }
        }
        assertThat(articles).hasSize(3);
        return BriefBuilder.lexical().build(articles);
    }
}
