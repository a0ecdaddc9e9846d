package dev.parallax.ingest;

import dev.parallax.core.model.InvalidArticleException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A file that holds one document (a web page, a feed), read whole into memory within the document limit; and the
 * same checks for a document fetched from the web.
 */
final class DocumentFile {
    /** How much of the start is checked for NUL bytes: binary files show them at once, text never. */
    private static final int SNIFF_BYTES = 8192;

    private DocumentFile() {
    }

    /**
     * The file's bytes, decompressed when its name ends in {@code .gz}.
     *
     * @param gzName the name to suggest for a gzip file under a plain name ({@code *.html.gz})
     * @throws NoSuchFileException when the file does not exist
     * @throws InvalidArticleException with the one-line reason when it cannot be a document: unreadable, empty, over
     *     {@link Sources#MAX_DOCUMENT_BYTES}, binary, or a corrupt or truncated gzip stream
     */
    static byte[] read(Path path, String gzName) throws NoSuchFileException {
        boolean gzip = path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        byte[] b;
        try {
            long size = Files.size(path);
            if (!gzip && size > Sources.MAX_DOCUMENT_BYTES) { // said before a byte is read
                throw Bytes.tooLarge("file", size);
            }
            try (InputStream in = gzip ? new GZIPInputStream(Files.newInputStream(path)) : Files.newInputStream(path)) {
                b = in.readNBytes((int) Sources.MAX_DOCUMENT_BYTES + 1); // bounded: a gzip's size says nothing
            }
        } catch (NoSuchFileException e) {
            throw e;
        } catch (ZipException | EOFException e) {
            throw new InvalidArticleException(
                    "corrupt or truncated gzip: " + IoErrors.oneLine(String.valueOf(e.getMessage())));
        } catch (IOException e) {
            throw new InvalidArticleException(IoErrors.describe(e));
        }
        return checked(b, gzip ? "decompressed file" : "file", "file", gzName);
    }

    /**
     * The bytes of a document, from a file or the network, once they are known to be one.
     *
     * @param what the word for it in a message ("file", "response")
     * @param noun the word for what holds it ("file", "response")
     * @param gzName the name to suggest when the bytes are gzip, or null
     * @throws InvalidArticleException when they are over {@link Sources#MAX_DOCUMENT_BYTES}, empty or binary
     */
    static byte[] checked(byte[] b, String what, String noun, String gzName) {
        if (b.length > Sources.MAX_DOCUMENT_BYTES) {
            throw Bytes.tooLarge(what, b.length);
        }
        if (asciiBlank(b)) {
            throw new InvalidArticleException(b.length == 0 ? "empty " + what : what + " holds only whitespace");
        }
        int nul = Bytes.indexOfNul(b, 0, Math.min(b.length, SNIFF_BYTES));
        if (nul >= 0 && !Bytes.utf16Marked(b, b.length)) { // UTF-16 with a byte-order mark is legal HTML and XML
            throw new InvalidArticleException(Bytes.binary(b, b.length, nul, noun, gzName));
        }
        return b;
    }

    private static boolean asciiBlank(byte[] b) {
        for (byte c : b) {
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                return false;
            }
        }
        return true;
    }
}
