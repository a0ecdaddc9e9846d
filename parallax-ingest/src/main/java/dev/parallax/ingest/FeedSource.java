package dev.parallax.ingest;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import dev.parallax.core.model.InvalidArticleException;
import dev.parallax.core.model.Published;
import dev.parallax.core.pipeline.Source;
import dev.parallax.core.pipeline.SourceSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.input.JDOMParseException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaders;
import org.jsoup.Jsoup;

/**
 * An RSS or Atom feed saved to a file ({@code .rss}, {@code .atom}, or {@code .xml} that holds a feed; optionally
 * gzipped), read with
 * Rome: one article per item. The text is the item's full content ({@code content:encoded}, Atom
 * {@code <content>}), else its description or summary, HTML taken to paragraphs; the title, link (as URL) and
 * publication time ({@code pubDate}, {@code dc:date}, Atom {@code published}, else {@code updated}) are the item's;
 * the outlet is the item's {@code <source>}, else the feed's title. An item without text is one rejection
 * ({@code path#N}, N counting items from 1); the other items are still read. Feeds on the web are polled by
 * {@link FeedFollower}, which reads them the same way.
 */
public final class FeedSource implements Source {
    /** Root elements of the feed formats: RSS 0.9x/2.0, RSS 1.0 (RDF), Atom. */
    private static final Set<String> ROOTS = Set.of("rss", "RDF", "feed");
    /** Item children holding the publication time, in order of preference; {@code updated} is the last resort. */
    private static final List<String> DATE_ELEMENTS = List.of("pubDate", "published", "date", "issued", "updated",
            "modified");

    private final Path path;

    public FeedSource(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** @throws IOException only when the file does not exist */
    @Override
    public void read(SourceSink sink) throws IOException {
        byte[] bytes;
        try {
            bytes = DocumentFile.read(path, "*.rss.gz");
        } catch (NoSuchFileException e) {
            throw IoErrors.missing(path);
        } catch (InvalidArticleException e) {
            sink.rejected(path.toString(), e.getMessage());
            return;
        }
        read(bytes, path.toString(), sink);
    }

    /**
     * The items of a feed document, from a file or fetched from the web: one article or rejection each, its origin
     * {@code name#N}; a document that is no feed, or has no items, is one rejection of {@code name}.
     */
    static void read(byte[] bytes, String name, SourceSink sink) {
        SyndFeed feed;
        List<Element> items;
        try {
            Document xml = xml(bytes);
            Element root = xml.getRootElement();
            if (!ROOTS.contains(root.getName())) {
                throw new InvalidArticleException("not an RSS or Atom feed (its root element is <"
                        + root.getQualifiedName() + ">)");
            }
            items = items(root);
            feed = new SyndFeedInput().build(xml);
        } catch (InvalidArticleException e) {
            sink.rejected(name, e.getMessage());
            return;
        } catch (FeedException | RuntimeException e) { // Rome's word for a tree it cannot map to a feed
            sink.rejected(name, "not a valid RSS or Atom feed: " + IoErrors.oneLine(String.valueOf(e.getMessage())));
            return;
        }
        List<SyndEntry> entries = feed.getEntries();
        if (entries.isEmpty()) {
            sink.rejected(name, "the feed has no items");
            return;
        }
        String outlet = blankToNull(feed.getTitle());
        for (int i = 0; i < entries.size(); i++) {
            String origin = name + "#" + (i + 1);
            Element item = i < items.size() ? items.get(i) : null;
            try {
                sink.article(article(entries.get(i), item, outlet, origin).article(id(entries.get(i), origin),
                        origin));
            } catch (InvalidArticleException e) {
                sink.rejected(origin, e.getMessage());
            }
        }
    }

    private static WebPage article(SyndEntry entry, Element item, String feedTitle, String origin) {
        String title = blankToNull(entry.getTitle());
        String text = text(entry);
        if (Bytes.blank(text)) {
            throw new InvalidArticleException((title == null ? "item" : "item \"" + abbreviate(title) + "\"")
                    + " has no text (neither content nor a description)");
        }
        long bytes = Bytes.utf8Length(text);
        if (bytes > Sources.MAX_DOCUMENT_BYTES) {
            throw Bytes.tooLarge("item text", bytes);
        }
        String source = item == null ? null : source(item);
        return new WebPage(text, title, published(entry, item), source != null ? source : feedTitle,
                blankToNull(entry.getLink()));
    }

    /** The full content when the item has one, else the description (RSS) or summary (Atom). */
    private static String text(SyndEntry entry) {
        for (SyndContent content : entry.getContents()) {
            String t = paragraphs(content);
            if (!Bytes.blank(t)) {
                return t;
            }
        }
        return entry.getDescription() == null ? "" : paragraphs(entry.getDescription());
    }

    /** HTML to paragraphs; plain text (Atom {@code type="text"}) split at blank lines. */
    private static String paragraphs(SyndContent content) {
        String value = content.getValue() == null ? "" : content.getValue();
        String type = content.getType() == null ? "" : content.getType().toLowerCase(Locale.ROOT);
        if (type.equals("text") || type.equals("text/plain")) {
            return Paragraphs.ofPlainText(value);
        }
        return Paragraphs.text(Jsoup.parseBodyFragment(value).body());
    }

    /** The item's own time as it wrote it (its calendar date is the outlet's), else the one Rome parsed, in UTC. */
    private static Published published(SyndEntry entry, Element item) {
        if (item != null) {
            for (String name : DATE_ELEMENTS) {
                for (Element child : item.getChildren()) {
                    if (child.getName().equals(name)) {
                        Published p = Dates.parse(child.getTextNormalize());
                        if (p != null) {
                            return p;
                        }
                    }
                }
            }
        }
        Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
        if (date == null) {
            return null;
        }
        Instant instant = date.toInstant();
        return new Published(instant, instant.atZone(ZoneOffset.UTC).toLocalDate(), false);
    }

    /** RSS {@code <source>} text, or Atom {@code <source><title>}: the outlet an aggregated item came from. */
    private static String source(Element item) {
        for (Element child : item.getChildren()) {
            if (child.getName().equals("source")) {
                Element title = child.getChildren().stream().filter(c -> c.getName().equals("title")).findFirst()
                        .orElse(null);
                return blankToNull(title != null ? title.getTextNormalize() : child.getTextNormalize());
            }
        }
        return null;
    }

    /** The item elements in document order, which is Rome's order of entries. */
    private static List<Element> items(Element root) {
        Element channel = root.getChildren().stream().filter(c -> c.getName().equals("channel")).findFirst()
                .orElse(null);
        Element parent = root.getName().equals("rss") && channel != null ? channel : root;
        return parent.getChildren().stream().filter(c -> c.getName().equals("item") || c.getName().equals("entry"))
                .toList();
    }

    /** The item's guid (Atom id), else its link, else its place in this file. */
    private static String id(SyndEntry entry, String origin) {
        String link = blankToNull(entry.getLink());
        String key = blankToNull(entry.getUri()) != null ? entry.getUri() : link != null ? link : origin;
        return WebIds.of(link, key, "feed");
    }

    /**
     * The XML tree. A DOCTYPE is refused, so that no entity can make the parser read another file or the network.
     */
    private static Document xml(byte[] bytes) {
        SAXBuilder builder = new SAXBuilder(XMLReaders.NONVALIDATING);
        builder.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        builder.setExpandEntities(false);
        try {
            return builder.build(new ByteArrayInputStream(bytes));
        } catch (JDOMParseException e) {
            throw new InvalidArticleException("malformed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + IoErrors.oneLine(String.valueOf(e.getCause() == null
                            ? e.getMessage() : e.getCause().getMessage())));
        } catch (JDOMException | IOException e) {
            throw new InvalidArticleException("malformed XML: " + IoErrors.oneLine(String.valueOf(e.getMessage())));
        }
    }

    private static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        String c = Paragraphs.collapse(s);
        return c.isEmpty() ? null : c;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
