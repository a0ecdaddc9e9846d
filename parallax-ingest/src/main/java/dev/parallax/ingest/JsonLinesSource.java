package dev.parallax.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.parallax.core.model.InvalidArticleException;
import dev.parallax.core.model.Published;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.pipeline.Source;
import dev.parallax.core.pipeline.SourceSink;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
    static final int MAX_LINE_BYTES = (int) (2 * Sources.MAX_DOCUMENT_BYTES);
    /** How much of the start of a file is checked for NUL bytes before any line is parsed. */
    private static final int SNIFF_BYTES = 8192;

    /** The keys of an article record that are read; any others are ignored. */
    private static final Set<String> KEYS = Set.of("id", "source", "published", "url", "title", "text", "story");
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
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
                sink.rejected(file, Bytes.binary(head, head.length, nul));
                return;
            }
            lines = new LineReader(in, MAX_LINE_BYTES);
            CharsetDecoder utf8 = Bytes.strictUtf8();
            boolean items = false;
            while (lines.next()) {
                String origin = file + ":" + lines.number();
                LabelledArticle article;
                try {
                    article = parse(lines, utf8, origin);
                } catch (InvalidArticleException e) {
                    sink.rejected(origin, e.getMessage());
                    items = true;
                    continue;
                }
                if (article != null) { // a blank line is no item
                    sink.article(article);
                    items = true;
                }
            }
            if (!items) { // silence here would read as "ingested 0 articles", as if that were the intent
                sink.rejected(file, lines.number() == 0 ? "empty file" : "no articles: only blank lines");
            }
        } catch (NoSuchFileException e) {
            throw IoErrors.missing(path);
        } catch (IOException e) { // unreadable, or the stream broke off (a corrupt gzip): the rest is lost
            String reason = e instanceof ZipException || e instanceof EOFException
                    ? "corrupt or truncated gzip: " + IoErrors.oneLine(String.valueOf(e.getMessage()))
                    : IoErrors.describe(e);
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

    /** Up to the first {@value #SNIFF_BYTES} bytes of {@code in}, which is left where it was. */
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
                    MAX_LINE_BYTES >> 20, line.fullLength(), Sources.MAX_DOCUMENT_BYTES >> 20));
        }
        byte[] b = line.bytes();
        int off = line.number() == 1 ? Bytes.bomLength(b, 0, line.length()) : 0;
        int nul = Bytes.indexOfNul(b, off, line.length() - off);
        if (nul >= 0) {
            throw new InvalidArticleException("NUL byte at byte offset " + (line.offset() + nul));
        }
        String json = Bytes.decode(utf8, b, off, line.length() - off, line.offset() + off);
        return json.isBlank() ? null : record(json, origin);
    }

    /**
     * Reads one article record that arrived by other means than a file (an HTTP request body, an element of a JSON
     * array): a JSON object with the keys of a line.
     *
     * @param origin where it came from, for the article's provenance
     * @throws InvalidArticleException with a one-line reason when {@code json} is not a valid article record
     */
    public static RawArticle parseRecord(String json, String origin) {
        return record(json, origin).article();
    }

    private static LabelledArticle record(String json, String origin) {
        Map<String, Object> fields = fields(json);
        String id = string(fields, "id", true);
        if (id.isBlank()) {
            throw new InvalidArticleException("\"id\" is empty");
        }
        String text = string(fields, "text", true);
        if (Bytes.blank(text)) {
            throw new InvalidArticleException("\"text\" is empty");
        }
        long textBytes = Bytes.utf8Length(text);
        if (textBytes > Sources.MAX_DOCUMENT_BYTES) {
            throw Bytes.tooLarge("\"text\"", textBytes);
        }
        String published = string(fields, "published", false);
        RawArticle article = new RawArticle(id, origin, string(fields, "source", false),
                published == null ? null : published(published), string(fields, "url", false),
                string(fields, "title", false), text);
        return new LabelledArticle(article, string(fields, "story", false));
    }

    /**
     * The values of the known keys in the line's object: a String, or the token of a value of another type (JSON
     * null included). The line is parsed to its end first, so malformed JSON is reported before a wrong type.
     * A streaming parse, not a tree: no node is built for the keys nobody reads.
     */
    private static Map<String, Object> fields(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidArticleException("not a JSON object but " + describe(first));
            }
            Map<String, Object> fields = new HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (KEYS.contains(key)) {
                    fields.put(key, value == JsonToken.VALUE_STRING ? p.getText() : value);
                }
                p.skipChildren();
            }
            if (p.nextToken() != null) {
                throw new InvalidArticleException("malformed JSON at column " + p.currentTokenLocation().getColumnNr()
                        + ": more than one value on the line");
            }
            return fields;
        } catch (JsonProcessingException e) {
            String message = JsonErrors.message(e);
            throw new InvalidArticleException(e.getLocation() == null ? "malformed JSON: " + message
                    : "malformed JSON at column " + e.getLocation().getColumnNr() + ": " + message);
        } catch (IOException e) { // a String holds no I/O to fail
            throw new UncheckedIOException(e);
        }
    }

    private static Published published(String value) {
        try {
            return Published.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidArticleException("invalid \"published\": " + e.getMessage());
        }
    }

    private static String string(Map<String, Object> fields, String key, boolean required) {
        Object v = fields.get(key);
        if (v == null || v == JsonToken.VALUE_NULL) {
            if (required) {
                throw new InvalidArticleException("missing \"" + key + "\"");
            }
            return null;
        }
        if (v instanceof JsonToken token) {
            throw new InvalidArticleException(
                    "\"" + key + "\" must be a string" + (required ? "" : " or null") + ", not " + describe(token));
        }
        return (String) v;
    }

    /** How a JSON value's type reads in an error message: "an array", "a number", "null". */
    public static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_STRING -> "a string";
            case VALUE_NULL -> "null";
            default -> token.asString();
        };
    }
}
