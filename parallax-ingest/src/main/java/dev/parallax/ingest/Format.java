package dev.parallax.ingest;

import dev.parallax.core.pipeline.Source;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A file format a {@link Source} can read, recognised by file-name extension.
 *
 * @param extensions lower-case suffixes including the dot ({@code ".jsonl.gz"})
 * @param open makes a source for one file of this format
 */
record Format(List<String> extensions, Function<Path, Source> open) {
    Format {
        extensions = List.copyOf(extensions);
    }

    boolean matches(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String lower = name.toString().toLowerCase(Locale.ROOT);
        return extensions.stream().anyMatch(lower::endsWith);
    }

    /** The reason given for a file that none of {@code formats} reads. */
    static String unknown(List<Format> formats) {
        List<String> all = formats.stream().flatMap(f -> f.extensions().stream()).toList();
        String expected = all.size() == 1 ? all.get(0)
                : String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
        return "unknown format (expected " + expected + ")";
    }
}
