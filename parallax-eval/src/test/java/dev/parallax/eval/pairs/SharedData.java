package dev.parallax.eval.pairs;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the Format B files in ../shared/data/pairs. */
final class SharedData {

    private SharedData() {
    }

    static Path pairs(String name) {
        String shared = System.getProperty("parallax.shared");
        if (shared == null) {
            throw new IllegalStateException("System property parallax.shared is not set (surefire sets it from the parent pom)");
        }
        Path file = Path.of(shared, "data", "pairs", name + ".pairs.jsonl");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Dataset missing: " + file + " (see shared/data/README.md)");
        }
        return file;
    }
}
