package dev.parallax.eval.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.analysis.quote.QuoteTagger.Labelled;
import dev.parallax.core.analysis.quote.QuoteTagger.Role;
import dev.parallax.eval.JsonLinesFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Silver attributions: unlabelled news texts with the spans a teacher (the fine-tuned encoder of parallax-train)
 * tagged in them, which the quote tagger can learn from beside PolNeAR's gold ({@code parallax eval quotes --train
 * FILE --silver SILVER}). JSON Lines, gzipped when the name ends in .gz: {@code {"id": str, "text": str, "spans":
 * [["SOURCE"|"CUE"|"CONTENT", start, end], …]}} with character offsets into the text.
 */
public final class SilverQuotes {
    private SilverQuotes() {}

    /** One silver text. */
    public record Text(String id, String text, List<Labelled> spans) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Appends one text as a line. */
    public static void write(BufferedWriter out, Text t) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", t.id());
        o.put("text", t.text());
        ArrayNode spans = o.putArray("spans");
        for (Labelled l : t.spans()) {
            spans.addArray().add(l.role().name()).add(l.start()).add(l.end());
        }
        out.write(JSON.writeValueAsString(o));
        out.write('\n');
    }

    /** A writer for {@code file}, gzipped when its name ends in .gz. */
    public static BufferedWriter writer(Path file) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        OutputStream os = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
        return new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Every text of a silver file; a missing file or a malformed line fails with a one-line message. */
    public static List<Text> read(Path file) {
        List<Text> out = new ArrayList<>();
        JsonLinesFile.forEach(file, (number, o) -> out.add(parse(file + " line " + number, o)));
        return out;
    }

    private static Text parse(String where, JsonNode o) {
        JsonNode text = o.get("text");
        JsonNode spans = o.get("spans");
        if (text == null || !text.isTextual() || spans == null || !spans.isArray()) {
            throw new IllegalArgumentException(where + " needs a \"text\" string and a \"spans\" array");
        }
        String body = text.asText();
        List<Labelled> out = new ArrayList<>();
        for (JsonNode s : spans) {
            Role role;
            try {
                role = s.size() == 3 ? Role.valueOf(s.get(0).asText()) : null;
            } catch (IllegalArgumentException e) {
                role = null;
            }
            int start = s.path(1).asInt(-1);
            int end = s.path(2).asInt(-1);
            if (role == null || !s.get(1).isInt() || !s.get(2).isInt() || start < 0 || end <= start
                    || end > body.length()) {
                throw new IllegalArgumentException(where + ": bad span " + s + " (want [\"SOURCE\"|\"CUE\"|\"CONTENT\", "
                        + "start, end] within the text)");
            }
            out.add(new Labelled(role, start, end));
        }
        JsonNode id = o.get("id");
        return new Text(id == null ? "" : id.asText(), body, out);
    }
}
