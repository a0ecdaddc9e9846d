package dev.parallax.server;

import dev.parallax.core.analysis.entity.EntityResolver;
import dev.parallax.core.analysis.entity.EntityType;
import dev.parallax.core.analysis.entity.Mention;
import dev.parallax.core.analysis.entity.StoryEntity;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.StorySummary;
import dev.parallax.core.store.Store;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The entities of every stored story, resolved per story by {@link EntityResolver} and joined across stories by a key
 * made of the type and the normalised canonical name ({@code person-patrick-ryder}): the key is what the API and the
 * pages call an entity's id, so it is the same in every request and every server run over the same articles.
 *
 * <p>Built on first use and rebuilt when the store's article count changes (the store only ever adds articles): a
 * newsroom store is read far more than written, and one build over the BASIL corpus (100 stories, 300 articles) costs
 * well under a second (see {@code parallax bench serve}). Immutable once built, so any number of requests read it.
 */
final class EntityIndex {
    /**
     * How one article names an entity.
     *
     * @param names the distinct texts of its mentions, in order
     * @param roles the distinct roles or titles as written, in order
     * @param mentions how many mentions it has
     */
    record Appearance(Article article, List<String> names, List<String> roles, int mentions) {}

    /** One story an entity appears in, with the articles that mention it in publication order. */
    record InStory(StorySummary story, List<Appearance> articles) {}

    /**
     * An entity across stories.
     *
     * @param id the stable key
     * @param name the canonical name (of the story where it is mentioned most)
     * @param aliases every name any story uses for it
     * @param roles normalised roles across stories
     * @param stories the stories it appears in, latest first
     */
    record Entry(String id, String name, EntityType type, List<String> aliases, List<String> roles,
            List<InStory> stories, int articleCount, int mentionCount) {
        Rank rank() {
            return new Rank(stories.size(), articleCount, mentionCount, id);
        }
    }

    /** What entities are listed by: a cursor holds the rank of the last entity of its page. */
    record Rank(int stories, int articles, int mentions, String id) {
        /** Most stories first, then most articles, then most mentions, then id: prominence, total and stable. */
        static final Comparator<Rank> ORDER = Comparator.comparingInt(Rank::stories).reversed()
                .thenComparing(Comparator.comparingInt(Rank::articles).reversed())
                .thenComparing(Comparator.comparingInt(Rank::mentions).reversed())
                .thenComparing(Rank::id);
    }

    private final int articleCount;
    private final List<Entry> ordered;
    private final Map<String, Entry> byId;
    /** article id -> mention -> entity id. */
    private final Map<String, Map<Mention, String>> mentionIds;

    private EntityIndex(int articleCount, List<Entry> ordered, Map<String, Map<Mention, String>> mentionIds) {
        this.articleCount = articleCount;
        this.ordered = ordered;
        this.mentionIds = mentionIds;
        Map<String, Entry> ids = new HashMap<>();
        ordered.forEach(e -> ids.put(e.id(), e));
        this.byId = ids;
    }

    /** The entities in prominence order. */
    List<Entry> entries() {
        return ordered;
    }

    Optional<Entry> entry(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The entity a mention of a stored article belongs to, or null when its story does not resolve it. */
    String entityOf(String articleId, Mention m) {
        return mentionIds.getOrDefault(articleId, Map.of()).get(m);
    }

    /** The entities of one story, most articles first: what the story page's panel lists. */
    List<Entry> inStory(String storyId) {
        return ordered.stream().filter(e -> e.stories().stream().anyMatch(s -> s.story().id().equals(storyId)))
                .sorted(Comparator.comparingInt((Entry e) -> -appearances(e, storyId).size())
                        .thenComparingInt(e -> -appearances(e, storyId).stream().mapToInt(Appearance::mentions).sum())
                        .thenComparing(Entry::id))
                .toList();
    }

    static List<Appearance> appearances(Entry e, String storyId) {
        return e.stories().stream().filter(s -> s.story().id().equals(storyId)).findFirst()
                .map(InStory::articles).orElse(List.of());
    }

    /** The stable id of an entity: {@code type-name}, lower-cased, accents and punctuation dropped. */
    static String key(EntityType type, String canonicalName) {
        String plain = Normalizer.normalize(canonicalName, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-|-$", "");
        return type.name().toLowerCase(Locale.ROOT) + "-" + (plain.isEmpty() ? "unnamed" : plain);
    }

    /** Keeps one index per store state: rebuilds it when articles were added since. */
    static final class Cache {
        private final Store store;
        private final EntityResolver resolver = new EntityResolver();
        private volatile EntityIndex current;

        Cache(Store store) {
            this.store = store;
        }

        EntityIndex get() {
            EntityIndex index = current;
            int count = store.articleCount();
            if (index != null && index.articleCount == count) {
                return index;
            }
            synchronized (this) {
                if (current == null || current.articleCount != count) {
                    current = build(store, resolver, count);
                }
                return current;
            }
        }
    }

    private static final class Builder {
        final String id;
        final Map<String, Integer> names = new LinkedHashMap<>(); // canonical name -> mentions under it
        EntityType type;
        final Set<String> aliases = new LinkedHashSet<>();
        final Set<String> roles = new LinkedHashSet<>();
        final Map<String, Map<String, AppearanceBuilder>> stories = new LinkedHashMap<>();

        Builder(String id) {
            this.id = id;
        }
    }

    private static final class AppearanceBuilder {
        final Article article;
        final Set<String> names = new LinkedHashSet<>();
        final Set<String> roles = new LinkedHashSet<>();
        int mentions;

        AppearanceBuilder(Article article) {
            this.article = article;
        }
    }

    static EntityIndex build(Store store, EntityResolver resolver, int articleCount) {
        Map<String, Builder> builders = new LinkedHashMap<>();
        Map<String, Map<Mention, String>> mentionIds = new HashMap<>();
        Map<String, StorySummary> stories = new HashMap<>();
        for (StorySummary s : store.stories()) {
            stories.put(s.id(), s);
            List<Article> articles = store.storyArticles(s.id());
            Map<String, Article> byId = new HashMap<>();
            articles.forEach(a -> byId.put(a.id(), a));
            for (StoryEntity se : resolver.resolve(articles)) {
                if (se.mentions().isEmpty()) { // named only in removed text: not an entity of the story's articles
                    continue;
                }
                String id = key(se.type(), se.canonicalName());
                Builder b = builders.computeIfAbsent(id, Builder::new);
                b.type = se.type();
                b.aliases.addAll(se.aliases());
                b.roles.addAll(se.roles());
                Map<String, AppearanceBuilder> inStory = b.stories.computeIfAbsent(s.id(), k -> new LinkedHashMap<>());
                int count = 0;
                for (Article a : articles) { // publication order
                    List<Mention> ms = se.mentions().get(a.id());
                    if (ms == null) {
                        continue;
                    }
                    AppearanceBuilder ab = inStory.computeIfAbsent(a.id(), k -> new AppearanceBuilder(a));
                    for (Mention m : ms) {
                        ab.names.add(a.text().substring(m.start(), m.end()));
                        if (m.role() != null) {
                            ab.roles.add(m.role());
                        }
                        ab.mentions++;
                        count++;
                        mentionIds.computeIfAbsent(a.id(), k -> new HashMap<>()).put(m, id);
                    }
                }
                b.names.merge(se.canonicalName(), count, Integer::sum);
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (Builder b : builders.values()) {
            List<InStory> in = new ArrayList<>();
            int articles = 0;
            int mentions = 0;
            for (Map.Entry<String, Map<String, AppearanceBuilder>> st : b.stories.entrySet()) {
                List<Appearance> apps = st.getValue().values().stream().map(ab -> new Appearance(ab.article,
                        List.copyOf(ab.names), List.copyOf(ab.roles), ab.mentions)).toList();
                articles += apps.size();
                mentions += apps.stream().mapToInt(Appearance::mentions).sum();
                in.add(new InStory(stories.get(st.getKey()), apps));
            }
            in.sort(Comparator.comparing((InStory i) -> i.story().last() == null ? null : i.story().last().instant(),
                    Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(i -> i.story().id()));
            String name = b.names.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            entries.add(new Entry(b.id, name, b.type, List.copyOf(b.aliases), List.copyOf(b.roles), List.copyOf(in),
                    articles, mentions));
        }
        entries.sort(Comparator.comparing(Entry::rank, Rank.ORDER));
        return new EntityIndex(articleCount, List.copyOf(entries), mentionIds);
    }
}
