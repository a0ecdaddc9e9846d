package dev.parallax.ingest;

import dev.parallax.core.model.InvalidArticleException;
import dev.parallax.core.model.Published;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import net.dankito.readability4j.Article;
import net.dankito.readability4j.extended.Readability4JExtended;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Takes the article out of an HTML page: the main text by Readability4J (a port of Mozilla's Readability, the reader
 * view of Firefox) as blank-line-separated paragraphs, and the page's own metadata ({@link PageMetadata}).
 * Measured by {@code parallax eval extraction} (docs/BENCHMARKS.md). Thread-safe: nothing is shared between pages.
 */
public final class HtmlExtractor {
    /**
     * Class names, ids or microdata properties of the blocks around an article: bylines, sharing, sign-ups, related
     * links, and the schema.org properties some pages repeat as hidden text (headline, keywords, dates, publisher).
     */
    private static final Pattern BOILERPLATE = Pattern.compile(
            "byline|author|share|social|newsletter|subscri|signup|related|promo|advert|timestamp|tags"
                    + "|comment|breadcrumb|toolbar|meta|headline|keywords|date|publisher|mainentity|image|logo",
            Pattern.CASE_INSENSITIVE);
    /** Such a block is removed only when it is short: a long one is the text itself under an unlucky name. */
    private static final int SHORT_BLOCK_WORDS = 30;

    /** Readability's base for links in a page that does not say where it lives (it fails on none). */
    private static final String NO_LOCATION = "file:///";

    private HtmlExtractor() {
    }

    /**
     * @param html the page's bytes, in the charset its byte-order mark or {@code <meta>} declares (UTF-8 when it
     *     declares none and the bytes are valid UTF-8, else windows-1252, as browsers read undeclared pages)
     * @param location where the page was fetched from (resolves relative links; names the outlet when the page does
     *     not), or null
     * @throws InvalidArticleException when the page holds no article text
     */
    public static WebPage extract(byte[] html, String location) {
        return extract(html, location, null);
    }

    /**
     * As {@link #extract(byte[], String)} for a page that came with an HTTP {@code Content-Type} charset, which
     * browsers follow before the page's {@code <meta>} (a byte-order mark still wins).
     *
     * @param httpCharset the charset the server named, or null; an unknown name is passed over
     */
    static WebPage extract(byte[] html, String location, String httpCharset) {
        Document doc = parse(html, location, httpCharset);
        String title = PageMetadata.title(doc);
        Published published = PageMetadata.published(doc);
        String url = PageMetadata.url(doc, location);
        String outlet = PageMetadata.outlet(doc, url);
        String text = mainText(doc, url);
        if (Bytes.blank(text)) {
            throw new InvalidArticleException("no article text found in the page");
        }
        return new WebPage(text, title, published, outlet, url);
    }

    /**
     * The main text. Readability sees a copy of the body only: given the whole document it sometimes takes the
     * {@code <head>} for the article, and it changes what it is given, which the fallback must not see.
     */
    private static String mainText(Document doc, String url) {
        Document body = Document.createShell(doc.location());
        body.body().replaceWith(doc.body().clone());
        Article article;
        try {
            article = new Readability4JExtended(url == null ? NO_LOCATION : url, body).parse();
        } catch (RuntimeException e) { // a library bug on one page must not end the read of a directory or archive
            throw new InvalidArticleException("the main-text extractor failed on this page: "
                    + IoErrors.oneLine(String.valueOf(e)));
        }
        String text = text(article.getArticleContent());
        return Bytes.blank(text) ? text(densestParagraphs(doc.body())) : text;
    }

    private static String text(Element content) {
        if (content == null) {
            return "";
        }
        dropFurniture(content);
        return Paragraphs.text(content);
    }

    /**
     * The element whose own {@code <p>} children hold the most text, for the pages where Readability finds no text
     * or only a figure (its scoring can rule out every candidate); null when the page has no paragraph.
     */
    private static Element densestParagraphs(Element body) {
        body.select("script, style, noscript, nav, aside").remove();
        Map<Element, Integer> chars = new HashMap<>();
        for (Element p : body.select("p")) {
            if (p.parent() != null) {
                chars.merge(p.parent(), p.text().length(), Integer::sum);
            }
        }
        return chars.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    /**
     * Removes what Readability leaves around the text (each rule's gain on the benchmark is in docs/BENCHMARKS.md):
     * figures with their captions and credits, the headline (an {@code <h1>}; the title is kept apart), short blocks
     * named like a byline, sharing bar or sign-up box, and short paragraphs or list items that are mostly link text
     * ("Read more: …", related stories).
     */
    private static void dropFurniture(Element content) {
        content.select("figure, figcaption, h1, [class~=(?i)caption|credit], [id~=(?i)caption|credit]").remove();
        for (Element e : content.select("*")) {
            String names = e.className() + " " + e.id() + " " + e.attr("itemprop");
            if (e.parent() != null && BOILERPLATE.matcher(names).find() && words(e.text()) < SHORT_BLOCK_WORDS) {
                e.remove();
            }
        }
        for (Element e : content.select("p, li")) {
            int words = words(e.text());
            if (words < SHORT_BLOCK_WORDS && 2 * words(e.select("a").text()) >= words) {
                e.remove();
            }
        }
    }

    private static int words(String s) {
        return s.isBlank() ? 0 : s.strip().split("\\s+").length;
    }

    private static Document parse(byte[] html, String location, String httpCharset) {
        String base = location == null ? "" : location;
        try {
            boolean bom = Bytes.bomLength(html, 0, html.length) > 0 || Bytes.utf16Marked(html, html.length);
            if (!bom && supported(httpCharset)) {
                return Jsoup.parse(new ByteArrayInputStream(html), httpCharset, base);
            }
            Document doc = Jsoup.parse(new ByteArrayInputStream(html), null, base);
            if (doc.charset().equals(StandardCharsets.UTF_8) && !declaresCharset(html, doc) && !validUtf8(html)) {
                doc = Jsoup.parse(new ByteArrayInputStream(html), "windows-1252", base);
            }
            return doc;
        } catch (IOException e) { // a byte array holds no I/O to fail
            throw new UncheckedIOException(e);
        }
    }

    private static boolean supported(String charset) {
        try {
            return charset != null && Charset.isSupported(charset);
        } catch (IllegalCharsetNameException e) { // a server's typo
            return false;
        }
    }

    private static boolean declaresCharset(byte[] html, Document doc) {
        return Bytes.bomLength(html, 0, html.length) > 0
                || doc.selectFirst("meta[charset], meta[http-equiv~=(?i)content-type][content~=(?i)charset]") != null;
    }

    private static boolean validUtf8(byte[] b) {
        try {
            Bytes.decode(Bytes.strictUtf8(), b, 0, b.length, 0);
            return true;
        } catch (InvalidArticleException e) {
            return false;
        }
    }
}
