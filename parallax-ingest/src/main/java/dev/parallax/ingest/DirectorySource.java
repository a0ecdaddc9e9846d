package dev.parallax.ingest;

import dev.parallax.core.pipeline.Source;
import dev.parallax.core.pipeline.SourceSink;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * The files under a directory, recursively, each read by its {@link Format}. Everything is listed first and then read
 * in path order, so the articles arrive in the same order on every file system. Hidden files and directories
 * (a name starting with '.') are skipped; symbolic links are followed.
 */
final class DirectorySource implements Source {
    private final Path root;
    private final List<Format> formats;

    DirectorySource(Path root, List<Format> formats) {
        this.root = root;
        this.formats = List.copyOf(formats);
    }

    /** A file to read with {@code format}, or a problem to report (format null). */
    private record Entry(Path path, Format format, String problem) {
    }

    @Override
    public void read(SourceSink sink) throws IOException {
        for (Path file : files(sink)) {
            try {
                formatOf(file).open().apply(file).read(sink);
            } catch (IOException e) { // the file went away after it was listed
                sink.rejected(file.toString(), IoErrors.describe(e));
            }
        }
    }

    /**
     * The files to read, in path order; every entry that cannot be read (unknown format, broken link), and an empty
     * directory, is told to {@code problems} as a rejection.
     */
    List<Path> files(SourceSink problems) throws IOException {
        if (!Files.exists(root)) {
            throw IoErrors.missing(root);
        }
        List<Entry> entries = list();
        if (entries.isEmpty()) {
            problems.rejected(root.toString(), "no files in this directory (hidden ones are skipped)");
        }
        List<Path> files = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.format() == null) {
                problems.rejected(entry.path().toString(), entry.problem());
            } else {
                files.add(entry.path());
            }
        }
        return files;
    }

    private Format formatOf(Path file) {
        return formats.stream().filter(f -> f.matches(file)).findFirst().orElseThrow();
    }

    private List<Entry> list() throws IOException {
        List<Entry> entries = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (hidden(file)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (attrs.isSymbolicLink()) { // following it failed
                            entries.add(new Entry(file, null, "broken symbolic link"));
                        } else if (!attrs.isRegularFile()) {
                            entries.add(new Entry(file, null, "not a regular file"));
                        } else {
                            Format format = formats.stream().filter(f -> f.matches(file)).findFirst().orElse(null);
                            entries.add(new Entry(file, format, format == null ? Format.unknown(formats) : null));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        if (!hidden(file)) {
                            entries.add(new Entry(file, null, IoErrors.describe(e)));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        entries.sort(Comparator.comparing(Entry::path));
        return entries;
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
