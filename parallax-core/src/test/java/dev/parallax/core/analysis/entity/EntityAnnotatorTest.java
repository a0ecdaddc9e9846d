package dev.parallax.core.analysis.entity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallax.core.analysis.SentenceSplitter;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.Layers;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.testing.Seeds;
import dev.parallax.core.text.NewsCleaner;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Single behaviours of mention finding, typing and linking, each on a sentence that shows it. */
class EntityAnnotatorTest {
    private final EntityAnnotator annotator = new EntityAnnotator();

    private static Article article(String id, String text) {
        return new Article(id, id, Outlet.UNKNOWN, null, null, null, text, text, List.of(), Layers.empty());
    }

    private List<String> names(String text) {
        return annotator.mentions(text).stream().map(m -> text.substring(m.start(), m.end())).toList();
    }

    private Entity entityOf(Article a, String alias) {
        return Entity.in(a).stream().filter(e -> e.aliases().contains(alias)).findFirst().orElseThrow();
    }

    @Test
    void titlesAndRolesAreNotPartOfTheName() {
        String text = "Pentagon spokesman Air Force Brig. Gen. Patrick Ryder said the talks would go on.";
        Article a = annotator.annotate(article("a", text));
        assertThat(names(text)).containsExactly("Pentagon", "Air Force", "Patrick Ryder");
        Mention ryder = a.layer(Mention.LAYER).get(2);
        assertThat(ryder.type()).isEqualTo(EntityType.PERSON);
        assertThat(ryder.role()).isEqualTo("Pentagon spokesman Air Force Brig. Gen.");
        assertThat(entityOf(a, "Patrick Ryder").roles()).containsExactly("Pentagon spokesman",
                "Air Force Brigadier General");
        assertThat(entityOf(a, "Pentagon").canonicalName()).isEqualTo("Department of Defense");
    }

    @Test
    void ordinaryWordsOpeningASentenceAreNotNames() {
        assertThat(names("Overnight, the PRC informed the US. Despite that, talks go on. Since 2021, little has."))
                .containsExactly("PRC", "US");
    }

    @Test
    void aSurnameIsThePersonNamedInFullEvenBeforeTheFullName() {
        Article a = annotator.annotate(article("a", "Austin arrived on Monday. Defence Secretary Lloyd Austin met"
                + " his counterpart. Austin said little."));
        assertThat(a.layer(Mention.LAYER)).hasSize(3).allMatch(m -> m.type() == EntityType.PERSON)
                .extracting(Mention::entityId).containsOnly("e1");
    }

    @Test
    void withoutAPersonOfThatNameAustinIsTheCity() {
        Article a = annotator.annotate(article("a", "The company moved its headquarters to Austin last year."));
        assertThat(a.layer(Mention.LAYER)).singleElement().extracting(Mention::type).isEqualTo(EntityType.PLACE);
    }

    @Test
    void acronymsJoinTheirExpansions() {
        String text = "The People's Liberation Army (PLA) held drills. The PLA said the drills were routine.";
        Article a = annotator.annotate(article("a", text));
        Entity pla = entityOf(a, "PLA");
        assertThat(pla.aliases()).containsExactly("People's Liberation Army", "PLA");
        assertThat(pla.type()).isEqualTo(EntityType.ORGANIZATION);
    }

    @Test
    void spellingAndWordOrderVariantsOfOneDepartmentAreOneEntity() {
        Article a = annotator.annotate(article("a", "The US Defence Department said so. The Department of Defense"
                + " agreed, and the Pentagon did too."));
        assertThat(Entity.in(a)).singleElement().satisfies(e -> {
            assertThat(e.canonicalName()).isEqualTo("Department of Defense");
            assertThat(e.aliases()).containsExactly("US Defence Department", "Department of Defense", "Pentagon");
        });
    }

    @Test
    void aBareSurnameDoesNotJoinTwoPeopleWhoShareIt() {
        Article a1 = annotator.annotate(article("1", "President Joe Biden spoke. His son Hunter Biden did not."));
        Article a2 = annotator.annotate(article("2", "On Tuesday, Biden spoke."));
        List<StoryEntity> story = new EntityResolver().resolve(List.of(a1, a2));
        assertThat(story).filteredOn(e -> e.type() == EntityType.PERSON).extracting(StoryEntity::canonicalName)
                .containsExactly("Joe Biden", "Hunter Biden");
        assertThat(story.get(0).mentions()).containsOnlyKeys("1", "2");
    }

    /**
     * A name never runs over a paragraph break. ECB+ articles open with a headline or a dateline paragraph; the
     * annotator read "Arcade Joseph Comeaux Jr.", ending one paragraph, and "Department of Corrections", opening the
     * next, as one name, and in the demo story "ET" (of "Updated 4:08 p.m. ET") and "Lindsay Lohan" as the
     * organisation "ET Lindsay Lohan"; the Helsinki scrapes' bylines and datelines made "Associated Press NEW YORK
     * Spotify" one name. Over the cleaned articles of ECB+ train and Helsinki, 15 and 514 mentions crossed a break.
     */
    @Test
    void noNameCrossesAParagraphBreakInRealArticles() throws Exception {
        ObjectMapper json = new ObjectMapper();
        NewsCleaner cleaner = new NewsCleaner();
        int articles = 0;
        List<String> lines = new java.util.ArrayList<>(
                Files.readAllLines(Seeds.shared().resolve("data/ecbplus/ecbplus-train.articles.jsonl")));
        lines.addAll(Files.readAllLines(Seeds.shared().resolve("data/helsinki/helsinki-2018.articles.jsonl")));
        for (String line : lines) {
            var d = json.readTree(line);
            Article a = annotator.annotate(new SentenceSplitter().annotate(cleaner.clean(new RawArticle(
                    d.get("id").asText(), "ecbplus-train", d.get("source").asText(), null, null, null,
                    d.get("text").asText()))));
            articles++;
            assertThat(a.layer(Mention.LAYER)).as(a.id())
                    .allSatisfy(m -> assertThat(a.textOf(m)).doesNotContain("\n\n"));
            if (a.id().equals("ecbplus-3_5ecbplus")) {
                assertThat(a.layer(Mention.LAYER)).extracting(a::textOf)
                        .contains("Arcade Joseph Comeaux Jr.", "Department of Corrections", "Michelle Lyons");
            }
        }
        assertThat(articles).isEqualTo(575 + 680);
    }

    @Test
    void layersAndEntitiesSurviveJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Article a = annotator.annotate(article("a", "Defence Secretary Lloyd Austin met Li Shangfu in Singapore."));
        List<Mention> mentions = a.layer(Mention.LAYER);
        assertThat(json.readValue(json.writeValueAsString(mentions), new TypeReference<List<Mention>>() {}))
                .isEqualTo(mentions);
        List<Entity> entities = Entity.in(a);
        assertThat(json.readValue(json.writeValueAsString(entities), new TypeReference<List<Entity>>() {}))
                .isEqualTo(entities);
        List<StoryEntity> story = new EntityResolver().resolve(List.of(a));
        assertThat(json.readValue(json.writeValueAsString(story), new TypeReference<List<StoryEntity>>() {}))
                .isEqualTo(story);
    }
}
