package dev.parallax.core.analysis.entity;

import dev.parallax.core.model.Article;
import dev.parallax.core.model.Removal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the in-document entities of a story's articles into story-level entities. Two entities are one when they
 * share a normalised name or institution key (Defence/Defense, "US Defence Department" / "Department of Defense",
 * "the Pentagon"), an acronym and its expansion, or, for people, a compatible name ("Pat Ryder" / "Patrick Ryder",
 * "Li" / "Li Shangfu"); titles are not part of names, so "Brig. Gen." and "Brigadier General" never get in the way.
 * A surname alone that some article types as a place or thing becomes the person when a full name ending in it is in
 * the story. Text the cleaner removed (a photo caption) adds aliases and roles to entities that the bodies mention,
 * but makes no entity of its own. Stateless and thread-safe.
 */
public final class EntityResolver {
    private final EntityAnnotator annotator = new EntityAnnotator();

    private static final class Group {
        EntityType type;
        final List<String> aliases = new ArrayList<>();
        final List<String> roles = new ArrayList<>();
        final Map<String, List<Mention>> mentions = new LinkedHashMap<>();

        Group(Entity e) {
            type = e.type();
            e.aliases().forEach(a -> Names.addAlias(aliases, a));
            roles.addAll(e.roles());
        }

        void absorb(Group g) {
            if (g.type == EntityType.PERSON) {
                type = EntityType.PERSON;
            }
            g.aliases.forEach(a -> Names.addAlias(aliases, a));
            Names.addRoles(roles, g.roles);
            g.mentions.forEach((k, v) -> mentions.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        }
    }

    /** Story-level entities of {@code articles}; articles without a mentions layer are annotated first. */
    public List<StoryEntity> resolve(List<Article> articles) {
        List<Group> groups = new ArrayList<>();
        for (Article a : articles) {
            Article annotated = a.layers().find(Mention.LAYER).isPresent() ? a : annotator.annotate(a);
            List<Mention> mentions = annotated.layer(Mention.LAYER);
            for (Entity e : Entity.in(annotated)) {
                Group g = new Group(e);
                for (Mention m : mentions) {
                    if (m.entityId().equals(e.id())) {
                        g.mentions.computeIfAbsent(a.id(), k -> new ArrayList<>()).add(m);
                    }
                }
                merge(groups, g, true);
            }
        }
        for (Article a : articles) {
            for (Removal r : a.removals()) {
                for (Entity e : Names.entities(r.text(), annotator.mentions(r.text()))) {
                    merge(groups, new Group(e), false);
                }
            }
        }
        List<StoryEntity> out = new ArrayList<>();
        for (Group g : groups) {
            out.add(new StoryEntity("s" + (out.size() + 1), Names.canonical(g.aliases, g.type), g.type, g.aliases,
                    g.roles, g.mentions));
        }
        return out;
    }

    /**
     * Folds {@code g} into the first group it matches, and joins to that group the other matches that also match it
     * ("Biden" alone matches "Joe Biden" and "Hunter Biden", who stay two people). A group that matches nothing is
     * added if {@code keep}; a removal's entity ({@code keep} false) is dropped then, and also when it is ambiguous.
     */
    private static void merge(List<Group> groups, Group g, boolean keep) {
        List<Group> matches = new ArrayList<>();
        for (Group other : groups) {
            if (same(other, g)) {
                matches.add(other);
            }
        }
        if (matches.isEmpty()) {
            if (keep) {
                groups.add(g);
            }
            return;
        }
        if (!keep && matches.size() > 1) {
            return;
        }
        Group into = matches.get(0);
        for (Group other : matches.subList(1, matches.size())) {
            if (same(into, other)) {
                into.absorb(other);
                groups.remove(other);
            }
        }
        into.absorb(g);
    }

    private static boolean same(Group a, Group b) {
        boolean pa = a.type == EntityType.PERSON;
        boolean pb = b.type == EntityType.PERSON;
        if (pa || pb) {
            if (pa != pb && !(bareWord(pa ? b : a))) {
                return false;
            }
            return Names.samePerson(Names.words(fullest(a)), Names.words(fullest(b)));
        }
        for (String x : a.aliases) {
            for (String y : b.aliases) {
                if (Names.key(x, a.type).equals(Names.key(y, b.type)) || acronym(x, y) || acronym(y, x)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A group named by single words only, none of them a known institution: "Austin" typed a place for want of context. */
    private static boolean bareWord(Group g) {
        for (String a : g.aliases) {
            if (Names.words(a).size() != 1 || Names.institution(a) != null) {
                return false;
            }
        }
        return true;
    }

    private static String fullest(Group g) {
        return Names.canonical(g.aliases, g.type);
    }

    private static boolean acronym(String shortForm, String longForm) {
        return Names.isAcronymOf(Tokenizer.tokenize(shortForm), words(longForm));
    }

    private static List<Token> words(String s) {
        return Tokenizer.tokenize(s).stream().filter(Token::word).toList();
    }
}
