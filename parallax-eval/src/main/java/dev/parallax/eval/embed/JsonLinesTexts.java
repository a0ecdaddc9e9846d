package dev.parallax.eval.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** One text field of every record of a JSON Lines file (gzipped when its name ends in .gz), in file order. */
public final class JsonLinesTexts {
    private JsonLinesTexts() {}

    /** The non-blank values of {@code name}; fails with a one-line message on a missing file or a bad line. */
    public static List<String> field(Path file, String name) {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode value;
                try {
                    value = json.readTree(line).get(name);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalArgumentException(file + " line " + number + " is not JSON: "
                            + e.getOriginalMessage());
                }
                if (value != null && value.isTextual() && !value.asText().isBlank()) {
                    out.add(value.asText());
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read " + file + ": " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + " has no record with a \"" + name + "\" text");
        }
        return out;
    }
}
