package dev.parallax.core.testing;

import dev.parallax.core.model.RawArticle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The seed articles in {@code <parallax.shared>/seeds} as raw articles, for tests in any module (shipped in the core
 * test-jar). A seed is a plain-text scrape: its id is the file name without {@code .txt}, its origin the path; it
 * says nothing of its outlet, date or title.
 */
public final class Seeds {
    private Seeds() {}

    /** The shared data folder, from the {@code parallax.shared} system property that surefire sets. */
    public static Path shared() {
        String dir = System.getProperty("parallax.shared");
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("system property parallax.shared is not set (run the tests with Maven)");
        }
        Path path = Path.of(dir);
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("parallax.shared is not a folder: " + path.toAbsolutePath());
        }
        return path;
    }

    public static Path dir() {
        Path seeds = shared().resolve("seeds");
        if (!Files.isDirectory(seeds)) {
            throw new IllegalStateException("seed folder is missing: " + seeds.toAbsolutePath());
        }
        return seeds;
    }

    /** The seed whose file name is {@code name + ".txt"} or, failing that, the one seed whose name starts with it. */
    public static RawArticle load(String name) {
        Path exact = dir().resolve(name + ".txt");
        if (Files.isRegularFile(exact)) {
            return read(exact);
        }
        List<Path> matches = paths().stream().filter(p -> p.getFileName().toString().startsWith(name)).toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException("no single seed named '" + name + "' in " + dir() + ": " + matches);
        }
        return read(matches.get(0));
    }

    /** Every seed, in file-name order. */
    public static List<RawArticle> all() {
        List<RawArticle> all = paths().stream().map(Seeds::read).toList();
        if (all.isEmpty()) {
            throw new IllegalStateException("no seeds (*.txt) in " + dir());
        }
        return all;
    }

    private static List<Path> paths() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RawArticle read(Path path) {
        try {
            String file = path.getFileName().toString();
            String id = file.substring(0, file.length() - ".txt".length());
            return new RawArticle(id, path.toString(), null, null, null, null,
                    Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
