package dev.parallax.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The shared data sets, and files that are hard to make. */
final class TestFiles {
    private TestFiles() {
    }

    /** A file or directory under ../shared; fails (not skips) when it is missing. */
    static Path shared(String relative) {
        String root = System.getProperty("parallax.shared");
        assertThat(root).as("system property parallax.shared (set by surefire in the parent pom)").isNotNull();
        Path p = Path.of(root, relative);
        assertThat(p).as("shared data %s: see ../shared/data/README.md", relative).exists();
        return p;
    }

    /**
     * Makes {@code file} unreadable. Permissions do not stop root, so when the tests run as root the file becomes a
     * link to a write-only sysctl file, which the Linux kernel refuses to read even to root.
     */
    static Path unreadable(Path file) throws IOException {
        Files.writeString(file, "You cannot read me.");
        Files.setPosixFilePermissions(file, Set.of());
        if (!Files.isReadable(file)) {
            return file;
        }
        Files.delete(file);
        Path writeOnly = Path.of("/proc/sys/vm/compact_memory");
        assumeTrue(Files.exists(writeOnly), "running as root without /proc/sys: cannot make an unreadable file");
        return Files.createSymbolicLink(file, writeOnly);
    }
}
