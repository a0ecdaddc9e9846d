package dev.parallax.ingest;

import dev.parallax.core.model.InvalidArticleException;
import dev.parallax.core.pipeline.Source;
import dev.parallax.core.pipeline.SourceSink;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.ZipException;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/**
 * A web archive ({@code .warc}, {@code .warc.gz}), read with jwarc: every {@code response} record holding an HTML
 * page fetched with status 200 becomes an article through {@link HtmlExtractor} (in the charset the HTTP header
 * names, if any), its URL the page's canonical one, else the record's {@code WARC-Target-URI}. The publication time is the page's own; the record's {@code WARC-Date}
 * is when the page was crawled, which may be years later, so it is not taken for one. Every other record (request,
 * metadata, images, redirects) is passed over and counted in one {@link SourceSink#skipped} line. A record that
 * cannot be read is one rejection ({@code path@OFFSET}, the record's byte offset in the file); when the archive's
 * framing breaks (a truncated file or gzip stream), the records before it are kept and the rest is one rejection.
 */
public final class WarcSource implements Source {
    private static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");

    private final Path path;

    public WarcSource(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** @throws IOException only when the file does not exist */
    @Override
    public void read(SourceSink sink) throws IOException {
        String file = path.toString();
        Map<String, Integer> skipped = new TreeMap<>();
        int records = 0;
        long last = 0; // byte offset of the last record read
        try (WarcReader reader = new WarcReader(FileChannel.open(path))) {
            while (true) {
                Optional<WarcRecord> next;
                try {
                    next = reader.next();
                } catch (IOException | RuntimeException e) { // the framing is lost: nothing after it can be found
                    sink.rejected(file, records == 0 ? "not a WARC archive: " + broken(e)
                            : broken(e) + " after the record at byte offset " + last + "; the " + records + " record"
                                    + (records == 1 ? "" : "s") + " before it were read, the rest of the file is not");
                    break;
                }
                if (next.isEmpty()) {
                    if (records == 0) {
                        sink.rejected(file, "no WARC records (empty file)");
                    }
                    break;
                }
                records++;
                last = next.get().position();
                String kind = page(next.get(), file + "@" + last, sink);
                if (kind != null) {
                    skipped.merge(kind, 1, Integer::sum);
                }
            }
        } catch (NoSuchFileException e) {
            throw IoErrors.missing(path);
        } catch (IOException e) { // cannot be opened or read at all
            sink.rejected(file, IoErrors.describe(e));
            return;
        }
        if (!skipped.isEmpty()) {
            int n = skipped.values().stream().mapToInt(Integer::intValue).sum();
            sink.skipped(file, n + (n == 1 ? " record that holds" : " records that hold") + " no HTML page: "
                    + skipped.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                            .collect(Collectors.joining(", ")));
        }
    }

    /**
     * Passes the record's page to the sink (or its rejection) and returns null; for any other record, returns what
     * kind it is, to be counted as skipped.
     */
    private static String page(WarcRecord record, String origin, SourceSink sink) {
        if (!(record instanceof WarcResponse response)) {
            return record.type();
        }
        String url = response.target();
        try {
            HttpResponse http;
            try {
                http = response.http();
            } catch (IOException | RuntimeException e) {
                throw new InvalidArticleException("response record of " + url + " holds no valid HTTP response: "
                        + IoErrors.oneLine(String.valueOf(e.getMessage())));
            }
            MediaType type = http.contentType().base();
            if (!HTML_TYPES.contains(type.toString().toLowerCase(Locale.ROOT))) {
                return "response " + type;
            }
            if (http.status() != 200) {
                return "response status " + http.status();
            }
            String charset = http.contentType().parameters().get("charset");
            WebPage page = HtmlExtractor.extract(body(http, url), url, charset);
            String id = WebIds.of(page.url(), page.url() == null ? url : page.url(), "warc");
            sink.article(page.article(id, origin));
        } catch (InvalidArticleException e) {
            sink.rejected(origin, e.getMessage());
        }
        return null;
    }

    /** The page, with the HTTP transfer and content encodings undone, within the document limit. */
    private static byte[] body(HttpResponse http, String url) {
        try (InputStream in = http.bodyDecoded().stream()) {
            byte[] b = in.readNBytes((int) Sources.MAX_DOCUMENT_BYTES + 1);
            if (b.length > Sources.MAX_DOCUMENT_BYTES) {
                throw Bytes.tooLarge("page " + url, b.length);
            }
            return b;
        } catch (IOException e) {
            throw new InvalidArticleException("the body of " + url + " cannot be read: "
                    + IoErrors.oneLine(String.valueOf(e.getMessage())));
        }
    }

    /** Why the framing broke; an end of file inside a record is a gzip fault only in a gzipped archive. */
    private String broken(Exception e) {
        boolean gzip = path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        if (e instanceof EOFException && !gzip) {
            return "truncated WARC record (the file ends inside it)";
        }
        String message = e.getMessage() == null ? "unexpected end of data" : IoErrors.oneLine(e.getMessage());
        return gzip && (e instanceof ZipException || e instanceof EOFException) ? "corrupt or truncated gzip: " + message
                : "broken WARC record: " + message;
    }
}
