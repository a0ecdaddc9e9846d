package dev.parallax.cli;

/** The exit codes the CLI documents in {@code parallax --help}. */
final class ExitCodes {
    static final int OK = 0;
    static final int REJECTED_INPUT = 1;
    static final int USAGE = 2;
    static final int IO = 3;
    static final int NOT_FOUND = 4;
    static final int INTERNAL = 70;

    private ExitCodes() {}
}
