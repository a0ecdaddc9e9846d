package dev.parallax.ingest;

import dev.parallax.core.model.InvalidArticleException;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.pipeline.Source;
import dev.parallax.core.pipeline.SourceSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Plain-text articles: one UTF-8 file per article, or a directory of them (recursively, in path order; hidden files
 * skipped, files not ending in {@code .txt} rejected). The article id is the file name without {@code .txt}; the text
 * is the whole file, left for the cleaner to take apart. Nothing else is known: no outlet, no date.
 */
public final class PlainTextSource implements Source {
    private final Path path;

    public PlainTextSource(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** @throws IOException only when the path does not exist */
    @Override
    public void read(SourceSink sink) throws IOException {
        if (Files.isDirectory(path)) {
            new DirectorySource(path, List.of(Sources.PLAIN_TEXT)).read(sink);
            return;
        }
        String origin = path.toString();
        String text;
        try {
            text = text();
        } catch (NoSuchFileException e) {
            throw IoErrors.missing(path);
        } catch (IOException e) {
            sink.rejected(origin, IoErrors.describe(e));
            return;
        } catch (InvalidArticleException e) {
            sink.rejected(origin, e.getMessage());
            return;
        }
        sink.article(new RawArticle(id(), origin, null, null, null, null, text));
    }

    private String text() throws IOException {
        long size = Files.size(path);
        if (size > Sources.MAX_DOCUMENT_BYTES) { // said before a byte is read
            throw Bytes.tooLarge("file", size);
        }
        byte[] b;
        try (InputStream in = Files.newInputStream(path)) {
            b = in.readNBytes((int) Sources.MAX_DOCUMENT_BYTES + 1); // bounded: the file may have grown since
        }
        if (b.length > Sources.MAX_DOCUMENT_BYTES) {
            throw Bytes.tooLarge("file", b.length);
        }
        int nul = Bytes.indexOfNul(b, 0, b.length);
        if (nul >= 0) {
            throw new InvalidArticleException(Bytes.binary(b, b.length, nul));
        }
        int bom = Bytes.bomLength(b, 0, b.length);
        String text = Bytes.decode(Bytes.strictUtf8(), b, bom, b.length - bom, bom);
        if (Bytes.blank(text)) {
            throw new InvalidArticleException(b.length == 0 ? "empty file" : "file holds only whitespace");
        }
        return text;
    }

    private String id() {
        String name = path.getFileName().toString();
        return name.regionMatches(true, name.length() - 4, ".txt", 0, 4) ? name.substring(0, name.length() - 4) : name;
    }
}
