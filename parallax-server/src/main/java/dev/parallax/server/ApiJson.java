package dev.parallax.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.brief.Brief;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Published;
import dev.parallax.core.model.Removal;
import dev.parallax.core.model.Spanned;
import dev.parallax.core.model.StorySummary;
import dev.parallax.core.pipeline.IngestReport;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/** The JSON shapes of the API (described in openapi.json): built here and nowhere else. */
final class ApiJson {
    static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private ApiJson() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) { // trees of plain values always serialise
            throw new UncheckedIOException(e);
        }
    }

    static String published(Published p) {
        return p == null ? null : p.toString();
    }

    /** What a list shows of an article. */
    static ObjectNode articleSummary(Article a, String storyId) {
        ObjectNode n = object();
        n.put("id", a.id());
        n.put("outlet", a.outlet().name());
        n.put("published", published(a.published()));
        n.put("title", a.title());
        n.put("headline", a.headline());
        n.put("url", a.url());
        n.put("story", storyId);
        return n;
    }

    static ObjectNode article(Article a, String storyId) {
        ObjectNode n = articleSummary(a, storyId);
        n.put("origin", a.origin());
        n.put("text", a.text());
        spans(n.putArray("paragraphs"), a.layer(LayerKey.PARAGRAPHS));
        spans(n.putArray("sentences"), a.layer(LayerKey.SENTENCES));
        n.set("removals", MAPPER.valueToTree(a.removals().stream().map(Removal::shown).toList()));
        ArrayNode layers = n.putArray("layers");
        a.layers().keys().forEach(k -> layers.add(k.name()));
        return n;
    }

    /**
     * An entity; with {@code detailed}, each story also lists the articles that mention it and how each names it
     * and what role it gives it.
     */
    static ObjectNode entity(EntityIndex.Entry e, boolean detailed) {
        ObjectNode n = object();
        n.put("id", e.id());
        n.put("name", e.name());
        n.put("type", e.type().name().toLowerCase(Locale.ROOT));
        ArrayNode aliases = n.putArray("aliases");
        e.aliases().forEach(aliases::add);
        ArrayNode roles = n.putArray("roles");
        e.roles().forEach(roles::add);
        n.put("storyCount", e.stories().size());
        n.put("articleCount", e.articleCount());
        n.put("mentionCount", e.mentionCount());
        ArrayNode stories = n.putArray("stories");
        for (EntityIndex.InStory in : e.stories()) {
            ObjectNode sn = stories.addObject();
            sn.put("id", in.story().id());
            sn.put("title", in.story().title());
            if (detailed) {
                sn.put("first", published(in.story().first()));
                sn.put("last", published(in.story().last()));
                ArrayNode articles = sn.putArray("articles");
                for (EntityIndex.Appearance ap : in.articles()) {
                    ObjectNode an = articles.addObject();
                    an.put("id", ap.article().id());
                    an.put("outlet", ap.article().outlet().name());
                    an.put("headline", ap.article().headline());
                    an.put("published", published(ap.article().published()));
                    ArrayNode names = an.putArray("names");
                    ap.names().forEach(names::add);
                    ArrayNode rs = an.putArray("roles");
                    ap.roles().forEach(rs::add);
                    an.put("mentions", ap.mentions());
                }
            }
        }
        return n;
    }

    private static void spans(ArrayNode out, List<? extends Spanned> spans) {
        for (Spanned s : spans) {
            out.addObject().put("start", s.start()).put("end", s.end());
        }
    }

    /** The story and its brief, in the form docs/brief.md documents (the brief's record components). */
    static ObjectNode brief(StorySummary story, Brief brief) {
        ObjectNode n = object();
        n.set("story", story.toJson());
        n.setAll((ObjectNode) MAPPER.valueToTree(brief));
        return n;
    }

    static ObjectNode ingest(List<ArticleBodies.Item> items, IngestReport report) {
        ObjectNode n = object();
        ArrayNode results = MAPPER.createArrayNode();
        int stored = 0;
        int duplicates = 0;
        int rejected = 0;
        int next = 0;
        for (ArticleBodies.Item item : items) {
            ObjectNode r = results.addObject();
            r.put("item", item.label());
            if (item.article() == null) {
                r.put("id", item.id());
                r.put("status", "rejected");
                r.putNull("story");
                r.put("openedStory", false);
                r.put("detail", item.rejection());
                rejected++;
                continue;
            }
            IngestReport.Outcome o = report.outcomes().get(next++);
            r.put("id", o.articleId());
            r.put("status", o.status().name().toLowerCase(Locale.ROOT));
            r.put("story", o.storyId());
            r.put("openedStory", o.openedStory());
            r.put("detail", o.detail());
            switch (o.status()) {
                case STORED -> stored++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> rejected++;
            }
        }
        n.put("stored", stored);
        n.put("duplicates", duplicates);
        n.put("rejected", rejected);
        n.put("storiesOpened", report.storiesOpened());
        n.put("storiesMerged", report.storiesMerged());
        n.set("results", results);
        return n;
    }
}
