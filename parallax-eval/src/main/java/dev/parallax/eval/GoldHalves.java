package dev.parallax.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a labelled articles file into a train half and a test half by story, so a model can be fitted on one half and
 * its figure claimed on the other: a story goes to the train half when the first byte of the SHA-256 of its gold
 * label is even. File order is kept in each half.
 */
public final class GoldHalves {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldHalves() {}

    /** The two files written and how many articles each holds. */
    public record Written(Path train, int trainArticles, Path test, int testArticles) {}

    /** Writes NAME.train-half.jsonl and NAME.test-half.jsonl into {@code outDir}. */
    public static Written split(Path file, Path outDir) throws IOException {
        String base = file.getFileName().toString().replaceFirst("\\.articles\\.jsonl$|\\.jsonl$", "");
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String story = JSON.readTree(line).path("story").asText(null);
            if (story == null) {
                throw new IOException(file + " line " + lineNumber + ": no gold \"story\"");
            }
            (trainHalf(story) ? train : test).add(line);
        }
        Files.createDirectories(outDir);
        Path trainFile = outDir.resolve(base + ".train-half.jsonl");
        Path testFile = outDir.resolve(base + ".test-half.jsonl");
        Files.write(trainFile, train);
        Files.write(testFile, test);
        return new Written(trainFile, train.size(), testFile, test.size());
    }

    /** Whether a gold story belongs to the train half. */
    static boolean trainHalf(String story) {
        try {
            return (MessageDigest.getInstance("SHA-256").digest(story.getBytes(StandardCharsets.UTF_8))[0] & 1) == 0;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
