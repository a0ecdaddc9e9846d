package dev.parallax.core.analysis.entity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.Layers;
import dev.parallax.core.model.Outlet;
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
