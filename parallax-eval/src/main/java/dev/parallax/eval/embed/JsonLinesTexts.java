package dev.parallax.eval.embed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parallax.eval.JsonLinesFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One text field of every record of a JSON Lines file (gzipped when its name ends in .gz), in file order. */
public final class JsonLinesTexts {
    private JsonLinesTexts() {}

    /** The non-blank values of {@code name}; fails with a one-line message on a missing file or a bad line. */
    public static List<String> field(Path file, String name) {
        List<String> out = new ArrayList<>();
        JsonLinesFile.forEach(file, (number, o) -> {
            JsonNode value = o.get(name);
            if (value != null && value.isTextual() && !value.asText().isBlank()) {
                out.add(value.asText());
            }
        });
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + " has no record with a \"" + name + "\" text");
        }
        return out;
    }
}
