package dev.parallax.eval.pairs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads Format B ({@code *.pairs.jsonl}): one {@code {"id","a","b","label","split"}} object per line. */
public final class PairsReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PairsReader() {
    }

    /** All pairs in file order; a malformed line fails with its file and line number. */
    public static List<TextPair> read(Path file) {
        List<TextPair> pairs = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file)) {
            int lineNo = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (!line.isBlank()) {
                    pairs.add(parse(line, file, lineNo));
                }
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Pairs file not found: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read pairs file " + file + ": " + e.getMessage(), e);
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("Pairs file " + file + " holds no pairs");
        }
        return pairs;
    }

    private static TextPair parse(String line, Path file, int lineNo) {
        JsonNode o;
        try {
            o = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ":" + lineNo + ": not a JSON object: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) {
            throw new IllegalArgumentException(file + ":" + lineNo + ": not a JSON object");
        }
        return new TextPair(text(o, "id", file, lineNo), text(o, "a", file, lineNo), text(o, "b", file, lineNo),
                number(o, file, lineNo), text(o, "split", file, lineNo));
    }

    private static String text(JsonNode o, String key, Path file, int lineNo) {
        JsonNode v = o.get(key);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(file + ":" + lineNo + ": \"" + key + "\" must be a string (Format B)");
        }
        return v.asText();
    }

    private static double number(JsonNode o, Path file, int lineNo) {
        JsonNode v = o.get("label");
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(file + ":" + lineNo + ": \"label\" must be a number (Format B)");
        }
        return v.asDouble();
    }
}
