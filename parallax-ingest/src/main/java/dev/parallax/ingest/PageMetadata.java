package dev.parallax.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallax.core.model.Published;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * What a page says about itself in its markup: title, publication time, outlet and canonical URL. Each field is
 * taken from the first place that states it, in the order below, and stays null when none does.
 */
final class PageMetadata {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** {@code <meta name=…>} values that hold the publication time on news sites, most specific first. */
    private static final List<String> DATE_NAMES = List.of("article:published_time", "article.published",
            "datepublished", "publish-date", "publishdate", "pubdate", "parsely-pub-date", "sailthru.date",
            "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "date");

    private PageMetadata() {
    }

    /** {@code og:title}, else {@code <title>}, else the first {@code <h1>}. */
    static String title(Document doc) {
        String og = meta(doc, "og:title");
        if (og != null) {
            return og;
        }
        String title = Paragraphs.collapse(doc.title());
        if (!title.isEmpty()) {
            return title;
        }
        Element h1 = doc.selectFirst("h1");
        String h = h1 == null ? "" : Paragraphs.collapse(h1.text());
        return h.isEmpty() ? null : h;
    }

    /**
     * {@code article:published_time}, else JSON-LD {@code datePublished}, else a {@code <meta>} date or a
     * microdata {@code datePublished}, else the first {@code <time datetime>}. Values that do not parse as a date are
     * passed over.
     */
    static Published published(Document doc) {
        Published p = Dates.parse(meta(doc, "article:published_time"));
        if (p != null) {
            return p;
        }
        for (String value : jsonLd(doc, "datePublished")) {
            if ((p = Dates.parse(value)) != null) {
                return p;
            }
        }
        for (String name : DATE_NAMES) {
            if ((p = Dates.parse(meta(doc, name))) != null) {
                return p;
            }
        }
        for (Element e : doc.select("[itemprop=datePublished]")) {
            if ((p = Dates.parse(e.hasAttr("content") ? e.attr("content") : e.attr("datetime"))) != null) {
                return p;
            }
        }
        for (Element time : doc.select("time[datetime]")) {
            if ((p = Dates.parse(time.attr("datetime"))) != null) {
                return p;
            }
        }
        return null;
    }

    /** {@code og:site_name}, else JSON-LD {@code publisher.name}, else the host of {@code url} without "www.". */
    static String outlet(Document doc, String url) {
        String site = meta(doc, "og:site_name");
        if (site != null) {
            return site;
        }
        List<String> publisher = jsonLd(doc, "publisher");
        if (!publisher.isEmpty()) {
            return publisher.get(0);
        }
        String host = host(url);
        return host == null ? null : host.startsWith("www.") ? host.substring(4) : host;
    }

    /** {@code <link rel=canonical>}, else {@code og:url}, else {@code location} (where the page was fetched from). */
    static String url(Document doc, String location) {
        Element canonical = doc.selectFirst("link[rel=canonical][href]");
        String url = canonical == null ? null : absolute(canonical.absUrl("href"));
        if (url == null) {
            url = absolute(meta(doc, "og:url"));
        }
        return url != null ? url : location;
    }

    static String host(String url) {
        if (url == null) {
            return null;
        }
        try {
            String host = new URI(url).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (Exception e) { // a malformed URL has no host we could name
            return null;
        }
    }

    private static String absolute(String url) {
        return url != null && (url.startsWith("http://") || url.startsWith("https://")) ? url : null;
    }

    /** The content of {@code <meta property=name>} or {@code <meta name=name>} (any case), or null when empty. */
    private static String meta(Document doc, String name) {
        for (Element m : doc.select("meta[content]")) {
            String key = m.hasAttr("property") ? m.attr("property") : m.hasAttr("name") ? m.attr("name")
                    : m.attr("itemprop");
            if (key.equalsIgnoreCase(name)) {
                String v = Paragraphs.collapse(m.attr("content"));
                if (!v.isEmpty()) {
                    return v;
                }
            }
        }
        return null;
    }

    /**
     * The string values of {@code key} in the page's JSON-LD blocks, in document order ({@code @graph}s and arrays
     * included); for an object value (a publisher), its {@code name}. Blocks that are not valid JSON are skipped.
     */
    private static List<String> jsonLd(Document doc, String key) {
        List<String> values = new ArrayList<>();
        for (Element script : doc.select("script[type=application/ld+json]")) {
            try {
                collect(JSON.readTree(script.data()), key, values);
            } catch (Exception e) { // broken JSON-LD is common and says nothing we can use
                continue;
            }
        }
        return values;
    }

    private static void collect(JsonNode node, String key, List<String> values) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(n -> collect(n, key, values));
        } else if (node.isObject()) {
            JsonNode v = node.get(key);
            if (v != null) {
                JsonNode value = v.isArray() && !v.isEmpty() ? v.get(0) : v;
                String s = value.isTextual() ? value.asText() : value.path("name").asText("");
                if (!s.isBlank()) {
                    values.add(Paragraphs.collapse(s));
                }
            }
            node.properties().forEach(e -> {
                if (!e.getKey().equals(key)) {
                    collect(e.getValue(), key, values);
                }
            });
        }
    }
}
