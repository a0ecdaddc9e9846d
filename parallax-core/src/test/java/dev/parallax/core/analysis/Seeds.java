package dev.parallax.core.analysis;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The real seed articles in {@code ../shared/seeds}, found through the {@code parallax.shared} property. */
public final class Seeds {
    private Seeds() {
    }

    /** The text of the seed whose file name starts with {@code prefix} (e.g. "002"). */
    public static String text(String prefix) throws IOException {
        String shared = System.getProperty("parallax.shared");
        if (shared == null) {
            fail("system property parallax.shared is not set (surefire sets it to ../shared)");
        }
        Path dir = Path.of(shared, "seeds");
        if (!Files.isDirectory(dir)) {
            fail("seed folder missing: " + dir);
        }
        try (Stream<Path> files = Files.list(dir)) {
            Path p = files.filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError("no seed " + prefix + "_* in " + dir));
            return Files.readString(p, StandardCharsets.UTF_8);
        }
    }

    /**
     * Seed 000 without its opening metadata line (" date 2023-05-30 ..."), which the real cleaner drops; offsets
     * then refer to this body.
     */
    public static String seed000Body() throws IOException {
        String raw = text("000");
        return raw.substring(raw.indexOf('\n') + 1);
    }
}
