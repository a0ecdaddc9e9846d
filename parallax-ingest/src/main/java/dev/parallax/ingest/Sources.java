package dev.parallax.ingest;

import dev.parallax.core.model.RawArticle;
import dev.parallax.core.pipeline.Source;
import dev.parallax.core.pipeline.SourceSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Opens a file or a directory of articles as a {@link Source}, choosing the reader by file-name extension. */
public final class Sources {
    /**
     * The largest document read: a plain-text file, the text of one JSON Lines record, a web page (decompressed).
     * Bigger inputs are rejected before they are read into memory; no news article comes near this size.
     */
    public static final long MAX_DOCUMENT_BYTES = 5L * 1024 * 1024;

    static final Format PLAIN_TEXT = new Format(List.of(".txt"), PlainTextSource::new);
    static final Format JSON_LINES = new Format(List.of(".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"),
            JsonLinesSource::new);

    static final Format HTML = new Format(List.of(".html", ".htm", ".xhtml", ".html.gz", ".htm.gz"),
            HtmlSource::new);

    /** Feeds by their usual names; {@code .xml} too, since many feeds are saved so (other XML is one rejection). */
    static final Format FEED = new Format(List.of(".rss", ".atom", ".xml", ".rss.gz", ".atom.gz", ".xml.gz"),
            FeedSource::new);
    static final Format WARC = new Format(List.of(".warc", ".warc.gz"), WarcSource::new);

    /** Every format, in the order they are tried. A new reader is registered here. */
    static final List<Format> FORMATS = List.of(PLAIN_TEXT, JSON_LINES, HTML, FEED, WARC);

    private Sources() {
    }

    /**
     * A source for {@code path}: a file of a known format, or a directory whose files (recursively, in path order,
     * hidden ones skipped) are each read by their format; a directory file of unknown format is a rejection.
     *
     * @throws IOException with a one-line message when the path does not exist, or names a file of unknown format
     */
    public static Source open(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw IoErrors.missing(path);
        }
        if (Files.isDirectory(path)) {
            return new DirectorySource(path, FORMATS);
        }
        for (Format format : FORMATS) {
            if (format.matches(path)) {
                return format.open().apply(path);
            }
        }
        throw new IOException(path + ": " + Format.unknown(FORMATS));
    }

    /**
     * The files {@link #open} reads for {@code path}, in the order it reads them: the path itself when it is a file of
     * a known format, else the directory's files. Lets a distributed reader (parallax-spark) hand one file to each
     * task and still see the articles in the order a single reader would.
     *
     * @param problems told, as rejections, the directory entries {@code open(path)} would reject without reading
     * @throws IOException as {@link #open}
     */
    public static List<Path> files(Path path, SourceSink problems) throws IOException {
        if (Files.isDirectory(path)) {
            return new DirectorySource(path, FORMATS).files(problems);
        }
        open(path);
        return List.of(path);
    }

    /**
     * Every article {@code path} holds, in order, for the tools that need a corpus in memory (benchmarks, trainers).
     *
     * @param rejected told the origin and reason of each item that could not be read
     * @throws IOException as {@link #open}
     */
    public static List<RawArticle> readAll(Path path, BiConsumer<String, String> rejected) throws IOException {
        List<RawArticle> articles = new ArrayList<>();
        open(path).read(new SourceSink() {
            @Override
            public void article(RawArticle article) {
                articles.add(article);
            }

            @Override
            public void rejected(String origin, String reason) {
                rejected.accept(origin, reason);
            }
        });
        return articles;
    }
}
