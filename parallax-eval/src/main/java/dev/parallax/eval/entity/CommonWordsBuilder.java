package dev.parallax.eval.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Derives the entity annotator's {@code common-words.txt} resource from unlabelled news (articles JSON Lines): for each
 * word, the share of its occurrences that are lower case, counting only occurrences that are not sentence-initial.
 * A capitalised "Overnight" or "Tensions" that opens a sentence is then known to be an ordinary word. The shipped file
 * was built with {@code reuters21578.articles.jsonl} and {@code bbc.articles.jsonl} from shared/data/bulk (no labels).
 *
 * <p>Usage: {@code CommonWordsBuilder OUT_FILE ARTICLES.jsonl...}
 */
public final class CommonWordsBuilder {
    private static final int MIN_LOWER = 3;

    private CommonWordsBuilder() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: CommonWordsBuilder OUT_FILE ARTICLES.jsonl...");
            System.exit(2);
        }
        Map<String, int[]> counts = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (int i = 1; i < args.length; i++) {
            try (BufferedReader in = Files.newBufferedReader(Path.of(args[i]), StandardCharsets.UTF_8)) {
                for (String line; (line = in.readLine()) != null; ) {
                    JsonNode text = json.readTree(line).get("text");
                    if (text != null) {
                        count(text.asText(), counts);
                    }
                }
            }
        }
        Map<String, int[]> sorted = new TreeMap<>(counts);
        try (Writer out = Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8)) {
            out.write("# word<TAB>share of non-sentence-initial occurrences in lower case (x100). Built by"
                    + " dev.parallax.eval.entity.CommonWordsBuilder from Reuters-21578 and BBC bodies.\n");
            for (Map.Entry<String, int[]> e : sorted.entrySet()) {
                int lower = e.getValue()[0];
                int cap = e.getValue()[1];
                if (lower >= MIN_LOWER && lower * 100 / (lower + cap) >= 30) {
                    out.write(e.getKey() + "\t" + (lower * 100 / (lower + cap)) + "\n");
                }
            }
        }
    }

    private static void count(String text, Map<String, int[]> counts) {
        boolean sentenceStart = true;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                int j = i;
                while (j < n && Character.isLetter(text.charAt(j))) {
                    j++;
                }
                String word = text.substring(i, j);
                if (!sentenceStart && !isAllCaps(word)) {
                    int[] k = counts.computeIfAbsent(word.toLowerCase(Locale.ROOT), w -> new int[2]);
                    k[Character.isLowerCase(c) ? 0 : 1]++;
                }
                sentenceStart = false;
                i = j;
            } else {
                if (c == '.' || c == '!' || c == '?' || c == '\n' || c == '"' || c == ':' || c == '\u201C') {
                    sentenceStart = true;
                } else if (Character.isDigit(c)) {
                    sentenceStart = false;
                }
                i++;
            }
        }
    }

    private static boolean isAllCaps(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (Character.isLowerCase(w.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
