package dev.parallax.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.parallax.core.model.InvalidArticleException;
import dev.parallax.core.model.Published;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.pipeline.Source;
import dev.parallax.core.pipeline.SourceSink;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharsetDecoder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Articles in JSON Lines, one object per line with the keys {@code id}, {@code source}, {@code published}, {@code url},
 * {@code title}, {@code text} and {@code story} ("Format A" of the shared datasets); other keys are ignored. A name
 * ending in {@code .gz} is read through gzip. The file is streamed line by line, so its size does not matter; each
 * bad line is one rejection with origin {@code path:line} and the rest are still read. Blank lines are skipped.
 */
public final class JsonLinesSource implements Source {
    /** A line may hold up to twice the text limit, leaving room for JSON escapes and the other keys. */
    static final int MAX_LINE_BYTES = (int) (2 * Bytes.MAX_DOCUMENT_BYTES);
    /** How much of the start of a file is checked for NUL bytes before any line is parsed. */
    private static final int SNIFF_BYTES = 8192;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Path path;

    public JsonLinesSource(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** Reads the articles without their story labels. */
    @Override
    public void read(SourceSink sink) throws IOException {
        readLabelled(new LabelledSink() {
            @Override
            public void article(LabelledArticle labelled) {
                sink.article(labelled.article());
            }

            @Override
            public void rejected(String origin, String reason) {
                sink.rejected(origin, reason);
            }
        });
    }

    /**
     * Reads the articles with the gold {@code story} of each line, for evaluation.
     *
     * @throws IOException only when the file does not exist; every other problem is a rejection
     */
    public void readLabelled(LabelledSink sink) throws IOException {
        String file = path.toString();
        LineReader lines = null;
        try (InputStream in = open()) {
            byte[] head = peek(in);
            int nul = Bytes.indexOfNul(head, 0, head.length);
            if (nul >= 0) {
                sink.rejected(file, "binary file (NUL byte at byte offset " + nul + ")");
                return;
            }
            lines = new LineReader(in, MAX_LINE_BYTES);
            CharsetDecoder utf8 = Bytes.strictUtf8();
            while (lines.next()) {
                try {
                    LabelledArticle article = parse(lines, utf8, file + ":" + lines.number());
                    if (article != null) {
                        sink.article(article);
                    }
                } catch (InvalidArticleException e) {
                    sink.rejected(file + ":" + lines.number(), e.getMessage());
                }
            }
        } catch (NoSuchFileException e) {
            throw IoErrors.missing(path);
        } catch (ZipException e) {
            sink.rejected(file, "not a valid gzip file: " + IoErrors.oneLine(String.valueOf(e.getMessage())));
        } catch (IOException e) { // unreadable, or the stream broke off (a truncated gzip): the rest is lost
            String reason = IoErrors.describe(e);
            sink.rejected(lines == null ? file : file + ":" + (lines.number() + 1),
                    lines == null || lines.number() == 0 ? reason : reason + " (after line " + lines.number() + ")");
        }
    }

    private InputStream open() throws IOException {
        InputStream in = Files.newInputStream(path);
        try {
            boolean gzip = path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
            return new BufferedInputStream(gzip ? new GZIPInputStream(in, 64 * 1024) : in, 64 * 1024);
        } catch (IOException e) {
            in.close();
            throw e;
        }
    }

    /** The first bytes of {@code in}, which is left where it was; zero-padded when the file is shorter. */
    private static byte[] peek(InputStream in) throws IOException {
        byte[] head = new byte[SNIFF_BYTES];
        in.mark(SNIFF_BYTES);
        int n = in.readNBytes(head, 0, SNIFF_BYTES);
        in.reset();
        return n == SNIFF_BYTES ? head : Arrays.copyOf(head, n);
    }

    /** The line's article, or null for a blank line; bad lines throw with the one-line reason. */
    private static LabelledArticle parse(LineReader line, CharsetDecoder utf8, String origin) {
        if (line.tooLong()) {
            throw new InvalidArticleException(String.format(Locale.ROOT,
                    "line is longer than %d MiB (%,d bytes); documents are limited to %d MiB",
                    MAX_LINE_BYTES >> 20, line.fullLength(), Bytes.MAX_DOCUMENT_BYTES >> 20));
        }
        byte[] b = line.bytes();
        int off = line.number() == 1 ? Bytes.bomLength(b, 0, line.length()) : 0;
        int nul = Bytes.indexOfNul(b, off, line.length() - off);
        if (nul >= 0) {
            throw new InvalidArticleException("NUL byte at byte offset " + (line.offset() + nul));
        }
        String json = Bytes.decode(utf8, b, off, line.length() - off, line.offset() + off);
        if (json.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            String message = IoErrors.oneLine(String.valueOf(e.getOriginalMessage()));
            throw new InvalidArticleException(e.getLocation() == null ? "malformed JSON: " + message
                    : "malformed JSON at column " + e.getLocation().getColumnNr() + ": " + message);
        }
        if (!node.isObject()) {
            throw new InvalidArticleException("not a JSON object but " + type(node));
        }
        String id = required(node, "id");
        if (id.isBlank()) {
            throw new InvalidArticleException("\"id\" is empty");
        }
        String text = required(node, "text");
        if (Bytes.blank(text)) {
            throw new InvalidArticleException("\"text\" is empty");
        }
        long textBytes = Bytes.utf8Length(text);
        if (textBytes > Bytes.MAX_DOCUMENT_BYTES) {
            throw Bytes.tooLarge("\"text\"", textBytes);
        }
        String published = optional(node, "published");
        RawArticle article = new RawArticle(id, origin, optional(node, "source"),
                published == null ? null : published(published), optional(node, "url"), optional(node, "title"),
                text);
        return new LabelledArticle(article, optional(node, "story"));
    }

    private static Published published(String value) {
        try {
            return Published.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidArticleException("invalid \"published\": " + e.getMessage());
        }
    }

    private static String required(JsonNode object, String key) {
        JsonNode v = object.get(key);
        if (v == null || v.isNull()) {
            throw new InvalidArticleException("missing \"" + key + "\"");
        }
        if (!v.isTextual()) {
            throw new InvalidArticleException("\"" + key + "\" must be a string, not " + type(v));
        }
        return v.textValue();
    }

    private static String optional(JsonNode object, String key) {
        JsonNode v = object.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidArticleException("\"" + key + "\" must be a string or null, not " + type(v));
        }
        return v.textValue();
    }

    private static String type(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case STRING -> "a string";
            default -> v.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}
