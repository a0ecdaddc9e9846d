package dev.parallax.ingest;

import dev.parallax.core.model.InvalidArticleException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
        Document doc = parse(html, location);
        String title = PageMetadata.title(doc);
        var published = PageMetadata.published(doc);
        String url = PageMetadata.url(doc, location);
        String outlet = PageMetadata.outlet(doc, url);
        String text = mainText(doc, url);
        if (Bytes.blank(text)) {
            throw new InvalidArticleException("no article text found in the page");
        }
        return new WebPage(text, title, published, outlet, url);
    }

    /** The main text; Readability changes the document, so the metadata is read before. */
    private static String mainText(Document doc, String url) {
        Article article = new Readability4JExtended(url == null ? "" : url, doc).parse();
        Element content = article.getArticleContent();
        return content == null ? "" : Paragraphs.text(content);
    }

    static Document parse(byte[] html, String location) {
        String base = location == null ? "" : location;
        try {
            Document doc = Jsoup.parse(new ByteArrayInputStream(html), null, base);
            if (doc.charset().equals(StandardCharsets.UTF_8) && !declaresCharset(html, doc) && !validUtf8(html)) {
                doc = Jsoup.parse(new ByteArrayInputStream(html), "windows-1252", base);
            }
            return doc;
        } catch (IOException e) { // a byte array holds no I/O to fail
            throw new UncheckedIOException(e);
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
