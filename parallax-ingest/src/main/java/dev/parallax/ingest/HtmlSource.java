package dev.parallax.ingest;

import dev.parallax.core.model.InvalidArticleException;
import dev.parallax.core.pipeline.Source;
import dev.parallax.core.pipeline.SourceSink;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A saved web page ({@code .html}, {@code .htm}, optionally gzipped): one article, its main text and metadata taken
 * out by {@link HtmlExtractor}. A saved file does not say where it was fetched from, so the URL and outlet are what
 * the page itself states (canonical link, {@code og:url}, {@code og:site_name}, or the host of the URL it states),
 * else null. The article id comes from that URL ({@link WebIds}), so that two saves of one page are one article and
 * the many pages saved as {@code index.html} are not; a page that states no URL is named by its file name.
 */
public final class HtmlSource implements Source {
    private final Path path;

    public HtmlSource(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** @throws IOException only when the file does not exist */
    @Override
    public void read(SourceSink sink) throws IOException {
        String origin = path.toString();
        WebPage page;
        try {
            page = HtmlExtractor.extract(DocumentFile.read(path, "*.html.gz"), null);
        } catch (NoSuchFileException e) {
            throw IoErrors.missing(path);
        } catch (InvalidArticleException e) {
            sink.rejected(origin, e.getMessage());
            return;
        }
        sink.article(page.article(page.url() == null ? fileId() : WebIds.of(page.url(), page.url(), fileId()),
                origin));
    }

    private String fileId() {
        String name = path.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        for (String ext : Sources.HTML.extensions()) {
            if (lower.endsWith(ext)) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }
}
