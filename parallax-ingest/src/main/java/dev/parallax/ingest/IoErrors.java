package dev.parallax.ingest;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** One-line wording for I/O failures; the JDK's messages are often just the path, or a multi-line chain. */
final class IoErrors {
    private IoErrors() {
    }

    /** What went wrong, without the path (the origin names it). */
    static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "cannot read: permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemLoopException) {
            return "symbolic link loop";
        }
        String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        if (reason == null || reason.isBlank()) {
            reason = e.getClass().getSimpleName();
        }
        return "cannot read: " + oneLine(reason);
    }

    /** The exception for a path that was named explicitly and does not exist: the source as a whole fails. */
    static NoSuchFileException missing(Path path) {
        return new NoSuchFileException(path.toString(), null, "no such file or directory");
    }

    static String oneLine(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
