package dev.parallax.cli;

import dev.parallax.core.model.InvalidArticleException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a command into one line on stderr and a meaningful exit code. Stack traces are for
 * bugs only, and only with {@code PARALLAX_DEBUG=1}.
 */
final class Failures implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        if (e instanceof UserError u) {
            cmd.getErr().println("parallax: " + u.getMessage());
            return u.exitCode();
        }
        if (e instanceof IOException || e instanceof UncheckedIOException || e instanceof InvalidArticleException
                || isStoreError(e)) {
            cmd.getErr().println("parallax: " + oneLine(e));
            return ExitCodes.IO;
        }
        cmd.getErr().println("parallax: internal error: " + e.getClass().getSimpleName() + ": " + oneLine(e)
                + (debug() ? "" : " (set PARALLAX_DEBUG=1 for details)"));
        if (debug()) {
            e.printStackTrace(cmd.getErr());
        }
        return ExitCodes.INTERNAL;
    }

    private static boolean isStoreError(Exception e) {
        return e.getClass().getSimpleName().equals("StoreException");
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (e instanceof UncheckedIOException && e.getCause() != null) {
            m = e.getCause().getMessage();
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            m = "no such file: " + m;
        } else if (e instanceof java.nio.charset.CharacterCodingException) { // the JDK says "Input length = 1"
            m = "the input is not UTF-8 text";
        } else if (e instanceof java.nio.file.AccessDeniedException) {
            m = "permission denied: " + m;
        }
        return m == null ? e.getClass().getSimpleName() : m.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static boolean debug() {
        return "1".equals(System.getenv("PARALLAX_DEBUG"));
    }

    /** An error the user can fix, with the message to show and the exit code to return. */
    static final class UserError extends RuntimeException {
        private final int exitCode;

        UserError(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }
}
