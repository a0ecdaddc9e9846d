package dev.parallax.core.dedup;

import dev.parallax.core.model.Article;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The duplicate families among one story's articles: how many independent accounts the story holds and which articles
 * carry the same copy. Every family counts as one account, whatever its members add around the shared text, because
 * twenty reprints of one wire story are one source of evidence.
 *
 * @param articles the story's article count
 * @param families one per independent account, in the order of the story's articles (each article that is no copy
 *     opens one; copies join their original's, even when the original lies in another story)
 */
public record StoryLineage(int articles, List<Group> families) {
    public StoryLineage {
        families = List.copyOf(families);
    }

    /**
     * One independent account.
     *
     * @param originalId the family original (a wire-credited member, else the earliest published)
     * @param original the original when it is in this story, else empty
     * @param wire the agency the original credits ({@link WireCredit}), when it is in this story and credits one
     * @param copies the story's articles that copy it, in arrival order
     */
    public record Group(String originalId, Optional<Article> original, Optional<String> wire,
            List<DuplicateLink> copies) {
        public Group {
            copies = List.copyOf(copies);
        }
    }

    /** Groups {@code articles} (one story's) by the family {@code links} (that story's) put them in. */
    public static StoryLineage of(List<Article> articles, List<DuplicateLink> links) {
        Map<String, DuplicateLink> linkOf = new LinkedHashMap<>();
        links.forEach(l -> linkOf.put(l.articleId(), l));
        Map<String, Article> byId = new LinkedHashMap<>();
        articles.forEach(a -> byId.put(a.id(), a));
        Map<String, List<DuplicateLink>> copies = new LinkedHashMap<>();
        for (Article a : articles) {
            DuplicateLink link = linkOf.get(a.id());
            String key = link == null ? a.id() : link.originalId();
            copies.computeIfAbsent(key, k -> new ArrayList<>());
        }
        for (DuplicateLink l : links) {
            if (byId.containsKey(l.articleId())) {
                copies.get(l.originalId()).add(l);
            }
        }
        List<Group> groups = new ArrayList<>();
        copies.forEach((id, c) -> {
            Optional<Article> original = Optional.ofNullable(byId.get(id));
            groups.add(new Group(id, original, original.flatMap(WireCredit::of), c));
        });
        return new StoryLineage(articles.size(), groups);
    }

    /** One per family, an article without copies being a family of one: what the story's evidence is worth. */
    public int independentAccounts() {
        return families.size();
    }

    /** Articles that repeat an account another article of the story already gives. */
    public int copies() {
        return articles - families.size();
    }

    /** Families with more than one article in the story: the shared texts. */
    public List<Group> shared() {
        return families.stream().filter(g -> g.copies().size() + (g.original().isPresent() ? 1 : 0) > 1).toList();
    }
}
