package dev.parallax.core.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads real sentences from ../shared/data for the embedding tests. */
final class SharedPairs {

    record Pair(String a, String b, int label) {
    }

    private SharedPairs() {
    }

    static Path data(String relative) {
        String shared = System.getProperty("parallax.shared");
        if (shared == null) {
            throw new IllegalStateException("System property parallax.shared is not set (surefire sets it from the parent pom)");
        }
        Path file = Path.of(shared, "data", relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Dataset missing: " + file + " (see shared/data/README.md)");
        }
        return file;
    }

    /** The first {@code n} MRPC train pairs, in file order. */
    static List<Pair> mrpcTrain(int n) {
        ObjectMapper json = new ObjectMapper();
        List<Pair> pairs = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(data("pairs/mrpc.pairs.jsonl"))) {
            for (String line; pairs.size() < n && (line = in.readLine()) != null; ) {
                JsonNode o = json.readTree(line);
                if (o.get("split").asText().equals("train")) {
                    pairs.add(new Pair(o.get("a").asText(), o.get("b").asText(), o.get("label").asInt()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pairs;
    }

    /** Body text of the first BBC article (several hundred words). */
    static String longArticle() {
        try (BufferedReader in = Files.newBufferedReader(data("bulk/bbc.articles.jsonl"))) {
            return new ObjectMapper().readTree(in.readLine()).get("text").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
