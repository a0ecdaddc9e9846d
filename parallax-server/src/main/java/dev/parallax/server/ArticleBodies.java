package dev.parallax.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.parallax.core.model.InvalidArticleException;
import dev.parallax.core.model.RawArticle;
import dev.parallax.ingest.JsonErrors;
import dev.parallax.ingest.JsonLinesSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the body of {@code POST /api/v1/articles}: one article object, an array of them ({@code application/json}), or
 * JSON Lines ({@code application/x-ndjson}), each article in "Format A". The whole body is checked to be well-formed
 * JSON before anything is returned, so a malformed request stores nothing; each article record is then read by the
 * ingest module's {@link JsonLinesSource#parseRecord}, and a bad record is one rejected item, not a failed request.
 */
final class ArticleBodies {
    static final List<String> JSON_TYPES = List.of("application/json");
    static final List<String> JSON_LINES_TYPES = List.of("application/x-ndjson", "application/jsonl");

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /**
     * One item of the body.
     *
     * @param label how the response names it: {@code item 3} (1-based) or {@code line 7}
     * @param article the article, or null when the item was rejected
     * @param rejection why it was rejected, or null
     * @param id the article's id: the one the item gives, rejected or not; null when it gives none
     */
    record Item(String label, RawArticle article, String rejection, String id) {}

    private ArticleBodies() {}

    /**
     * @param contentType the request's Content-Type header, or null
     * @throws Problem 415 for another media type; 400 for a body that is empty, not UTF-8 or not well-formed JSON
     */
    static List<Item> read(byte[] body, String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        boolean lines = JSON_LINES_TYPES.contains(type);
        if (!lines && !JSON_TYPES.contains(type)) {
            throw new Problem(415, "unsupported-media-type", "Unsupported media type",
                    (type.isEmpty() ? "the request has no Content-Type" : "Content-Type " + type + " is not accepted")
                            + ": send application/json (an article object or an array of them) or"
                            + " application/x-ndjson (JSON Lines, one article per line)");
        }
        String text = utf8(body);
        if (text.isBlank()) {
            throw Problem.badRequest("the body is empty: send at least one article");
        }
        List<Item> items = lines ? jsonLines(text) : json(text);
        if (items.isEmpty()) {
            throw Problem.badRequest("the body holds no article: send at least one");
        }
        return items;
    }

    private static List<Item> json(String text) {
        List<Item> items = new ArrayList<>();
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == JsonToken.START_OBJECT) {
                p.skipChildren();
                items.add(item("item 1", text));
            } else if (first == JsonToken.START_ARRAY) {
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    String label = "item " + (items.size() + 1);
                    if (t == JsonToken.START_OBJECT) {
                        int start = (int) p.currentTokenLocation().getCharOffset();
                        p.skipChildren();
                        items.add(item(label, text.substring(start, (int) p.currentLocation().getCharOffset())));
                    } else {
                        p.skipChildren();
                        items.add(new Item(label, null, "not a JSON object but " + JsonLinesSource.describe(t),
                                null));
                    }
                }
            } else {
                throw Problem.badRequest("the body must be a JSON object (one article) or an array of them, not "
                        + JsonLinesSource.describe(first));
            }
            if (p.nextToken() != null) {
                throw malformed(p, "more than one JSON value: send an array, or JSON Lines as application/x-ndjson");
            }
        } catch (JsonProcessingException e) {
            throw malformed(e, 0);
        } catch (IOException e) { // a String holds no I/O to fail
            throw new UncheckedIOException(e);
        }
        return items;
    }

    private static List<Item> jsonLines(String text) {
        List<Item> items = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            try (JsonParser p = JSON.createParser(line)) {
                p.nextToken();
                p.skipChildren();
                if (p.nextToken() != null) {
                    throw Problem.badRequest("malformed JSON at line " + (i + 1) + ", column "
                            + p.currentTokenLocation().getColumnNr() + ": more than one JSON value on the line");
                }
            } catch (JsonProcessingException e) {
                throw malformed(e, i);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            items.add(item("line " + (i + 1), line));
        }
        return items;
    }

    private static Item item(String label, String json) {
        try {
            RawArticle article = JsonLinesSource.parseRecord(json, "POST /api/v1/articles " + label);
            return new Item(label, article, null, article.id());
        } catch (InvalidArticleException e) {
            return new Item(label, null, e.getMessage(), givenId(json));
        }
    }

    /** The string "id" of a rejected item's object, so the response can name the article it refused; else null. */
    private static String givenId(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (key.equals("id") && value == JsonToken.VALUE_STRING && !p.getText().isBlank()) {
                    return p.getText();
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) { // the item parsed once already; a second read of a String does not fail
            return null;
        }
    }

    /** A syntax error: the whole request is refused. {@code linesBefore} shifts the line of a JSON Lines line. */
    private static Problem malformed(JsonProcessingException e, int linesBefore) {
        String message = JsonErrors.message(e);
        if (e.getLocation() == null) {
            return Problem.badRequest("malformed JSON: " + message);
        }
        return Problem.badRequest("malformed JSON at line " + (e.getLocation().getLineNr() + linesBefore)
                + ", column " + e.getLocation().getColumnNr() + ": " + message);
    }

    private static Problem malformed(JsonParser p, String what) {
        return Problem.badRequest("malformed JSON at line " + p.currentTokenLocation().getLineNr() + ", column "
                + p.currentTokenLocation().getColumnNr() + ": " + what);
    }

    private static String utf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            throw Problem.badRequest("the body is not UTF-8: invalid byte sequence at byte offset " + in.position());
        }
        decoder.flush(out);
        String s = out.flip().toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
