package dev.parallax.server;

import dev.parallax.core.analysis.entity.EntityResolver;
import dev.parallax.core.analysis.entity.EntityType;
import dev.parallax.core.analysis.entity.Mention;
import dev.parallax.core.analysis.entity.StoryEntity;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.Published;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entities of every stored story, resolved per story by {@link EntityResolver} and joined across stories by a key
 * made of the type and the normalised canonical name ({@code person-patrick-ryder}): the key is what the API and the
 * pages call an entity's id, so it is the same in every request and every server run over the same articles.
 *
 * <p>Built when the server starts (in the background) and brought up to date when the store's article count changes (the store only ever adds
 * articles): only the stories whose article count changed are resolved again, the others are reused, so a write
 * costs one story's resolution, not the corpus's. The first build resolves every story (BASIL's 93 stories: see
 * {@code parallax bench serve} in docs/BENCHMARKS.md). Held in memory rather than in a store table because a story's
 * entities change as articles join it (a fuller name, a merged alias), so a table would be recomputed per story on
 * every save just the same. Immutable once built, so any number of requests read it.
 */
final class EntityIndex {
    /** What the index keeps of an article: enough to name and link it, not its text. */
    record ArticleRef(String id, Outlet outlet, String headline, Published published) {
        static ArticleRef of(Article a) {
            return new ArticleRef(a.id(), a.outlet(), a.headline(), a.published());
        }
    }

    /**
     * How one article names an entity.
     *
     * @param names the distinct texts of its mentions, in order
     * @param roles the distinct roles or titles as written, in order
     * @param mentions how many mentions it has
     */
    record Appearance(ArticleRef article, List<String> names, List<String> roles, int mentions) {}

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

    /** One story's resolved entities, kept between builds while the story's article count stays the same. */
    private record StoryPart(int articleCount, List<Resolved> entities, Map<String, Map<Mention, String>> mentionIds) {}

    /** A story entity under its global key, with its appearances in the story's articles. */
    private record Resolved(String id, String canonicalName, EntityType type, List<String> aliases,
            List<String> roles, List<Appearance> appearances) {
        int mentions() {
            return appearances.stream().mapToInt(Appearance::mentions).sum();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(EntityIndex.class);

    private final int articleCount;
    private final List<Entry> ordered;
    private final Map<String, Entry> byId;
    private final Map<String, List<Entry>> byStory;
    private final Map<String, StoryPart> parts;

    private EntityIndex(int articleCount, List<Entry> ordered, Map<String, StoryPart> parts) {
        this.articleCount = articleCount;
        this.ordered = ordered;
        this.parts = parts;
        Map<String, Entry> ids = new HashMap<>();
        Map<String, List<Entry>> stories = new HashMap<>();
        for (Entry e : ordered) {
            ids.put(e.id(), e);
            e.stories().forEach(in -> stories.computeIfAbsent(in.story().id(), k -> new ArrayList<>()).add(e));
        }
        stories.replaceAll((story, entries) -> entries.stream()
                .sorted(Comparator.comparingInt((Entry e) -> -appearances(e, story).size())
                        .thenComparingInt(e -> -appearances(e, story).stream().mapToInt(Appearance::mentions).sum())
                        .thenComparing(Entry::id))
                .toList());
        this.byId = ids;
        this.byStory = stories;
    }

    /** The entities in prominence order. */
    List<Entry> entries() {
        return ordered;
    }

    Optional<Entry> entry(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The entity a mention of a stored article belongs to, or null when its story does not resolve it. */
    String entityOf(String storyId, String articleId, Mention m) {
        StoryPart part = parts.get(storyId);
        return part == null ? null : part.mentionIds().getOrDefault(articleId, Map.of()).get(m);
    }

    /** The entities of one story, most articles first: what the story page's panel lists. */
    List<Entry> inStory(String storyId) {
        return byStory.getOrDefault(storyId, List.of());
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

    /** Keeps the index of the store's current state, bringing it up to date when articles were added. */
    static final class Cache {
        private final Store store;
        private final EntityResolver resolver = new EntityResolver();
        private volatile EntityIndex current;

        Cache(Store store) {
            this.store = store;
        }

        /**
         * Brings the index up to date on a background thread, so that the next page that needs it does not wait:
         * called when the server starts and after each write. A failure there is logged; {@link #get} retries it.
         */
        void warm() {
            Thread.ofVirtual().name("entity-index").start(() -> {
                try {
                    get();
                } catch (RuntimeException e) { // e.g. the store closed under it at shutdown
                    LOG.debug("entity index not built in the background", e);
                }
            });
        }

        EntityIndex get() {
            EntityIndex index = current;
            int count = store.articleCount();
            if (index != null && index.articleCount == count) {
                return index;
            }
            synchronized (this) {
                if (current == null || current.articleCount != count) {
                    current = build(store, resolver, count, current == null ? Map.of() : current.parts);
                }
                return current;
            }
        }
    }

    private static EntityIndex build(Store store, EntityResolver resolver, int articleCount,
            Map<String, StoryPart> previous) {
        List<StorySummary> stories = store.stories();
        Map<String, StoryPart> parts = new HashMap<>();
        for (StorySummary s : stories) {
            StoryPart part = previous.get(s.id());
            parts.put(s.id(), part != null && part.articleCount() == s.articleCount() ? part
                    : resolve(resolver, store.storyArticles(s.id())));
        }
        return join(articleCount, stories, parts);
    }

    /** Resolves one story's entities and keys each by its type and canonical name. */
    private static StoryPart resolve(EntityResolver resolver, List<Article> articles) {
        Map<String, Resolved> byKey = new LinkedHashMap<>();
        Map<String, Map<Mention, String>> mentionIds = new HashMap<>();
        for (StoryEntity se : resolver.resolve(articles)) {
            if (se.mentions().isEmpty()) { // named only in removed text: not an entity of the story's articles
                continue;
            }
            String id = key(se.type(), se.canonicalName());
            List<Appearance> appearances = new ArrayList<>();
            for (Article a : articles) { // publication order
                List<Mention> ms = se.mentions().get(a.id());
                if (ms == null) {
                    continue;
                }
                Set<String> names = new LinkedHashSet<>();
                Set<String> roles = new LinkedHashSet<>();
                for (Mention m : ms) {
                    names.add(a.textOf(m));
                    if (m.role() != null) {
                        roles.add(m.role());
                    }
                    mentionIds.computeIfAbsent(a.id(), k -> new HashMap<>()).put(m, id);
                }
                appearances.add(new Appearance(ArticleRef.of(a), List.copyOf(names), List.copyOf(roles), ms.size()));
            }
            Resolved r = new Resolved(id, se.canonicalName(), se.type(), se.aliases(), se.roles(), appearances);
            byKey.merge(id, r, EntityIndex::combine); // two story entities with one key: rare, but one entity then
        }
        return new StoryPart(articles.size(), List.copyOf(byKey.values()), mentionIds);
    }

    private static Resolved combine(Resolved a, Resolved b) {
        Set<String> aliases = new LinkedHashSet<>(a.aliases());
        aliases.addAll(b.aliases());
        Set<String> roles = new LinkedHashSet<>(a.roles());
        roles.addAll(b.roles());
        Map<String, Appearance> byArticle = new LinkedHashMap<>();
        for (Appearance ap : a.appearances()) {
            byArticle.put(ap.article().id(), ap);
        }
        for (Appearance ap : b.appearances()) {
            byArticle.merge(ap.article().id(), ap, (x, y) -> {
                Set<String> names = new LinkedHashSet<>(x.names());
                names.addAll(y.names());
                Set<String> rs = new LinkedHashSet<>(x.roles());
                rs.addAll(y.roles());
                return new Appearance(x.article(), List.copyOf(names), List.copyOf(rs), x.mentions() + y.mentions());
            });
        }
        return new Resolved(a.id(), a.canonicalName(), a.type(), List.copyOf(aliases), List.copyOf(roles),
                List.copyOf(byArticle.values()));
    }

    /** Joins the stories' entities by key into entities across stories. */
    private static EntityIndex join(int articleCount, List<StorySummary> stories, Map<String, StoryPart> parts) {
        Map<String, List<Resolved>> byKey = new LinkedHashMap<>();
        Map<String, List<InStory>> inStories = new HashMap<>();
        for (StorySummary s : stories) { // latest first, as the store lists them
            for (Resolved r : parts.get(s.id()).entities()) {
                byKey.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(r);
                inStories.computeIfAbsent(r.id(), k -> new ArrayList<>()).add(new InStory(s, r.appearances()));
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, List<Resolved>> e : byKey.entrySet()) {
            List<Resolved> rs = e.getValue();
            Set<String> aliases = new LinkedHashSet<>();
            Set<String> roles = new LinkedHashSet<>();
            rs.forEach(r -> {
                aliases.addAll(r.aliases());
                roles.addAll(r.roles());
            });
            Resolved most = rs.stream().max(Comparator.comparingInt(Resolved::mentions)).orElseThrow();
            entries.add(new Entry(e.getKey(), most.canonicalName(), most.type(), List.copyOf(aliases),
                    List.copyOf(roles), List.copyOf(inStories.get(e.getKey())),
                    rs.stream().mapToInt(r -> r.appearances().size()).sum(), rs.stream().mapToInt(Resolved::mentions).sum()));
        }
        entries.sort(Comparator.comparing(Entry::rank, Rank.ORDER));
        return new EntityIndex(articleCount, List.copyOf(entries), Map.copyOf(parts));
    }
}
