package dev.parallax.eval.pairs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parallax.eval.JsonLinesFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads Format B ({@code *.pairs.jsonl}): one {@code {"id","a","b","label","split"}} object per line. */
public final class PairsReader {

    private PairsReader() {
    }

    /** All pairs in file order; a malformed line fails with its file and line number. */
    public static List<TextPair> read(Path file) {
        List<TextPair> pairs = new ArrayList<>();
        JsonLinesFile.forEach(file, (number, o) -> pairs.add(parse(o, file + " line " + number)));
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("Pairs file " + file + " holds no pairs");
        }
        return pairs;
    }

    private static TextPair parse(JsonNode o, String where) {
        return new TextPair(text(o, "id", where), text(o, "a", where), text(o, "b", where), number(o, where),
                text(o, "split", where));
    }

    private static String text(JsonNode o, String key, String where) {
        JsonNode v = o.get(key);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(where + ": \"" + key + "\" must be a string (Format B)");
        }
        return v.asText();
    }

    private static double number(JsonNode o, String where) {
        JsonNode v = o.get("label");
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(where + ": \"label\" must be a number (Format B)");
        }
        return v.asDouble();
    }
}
