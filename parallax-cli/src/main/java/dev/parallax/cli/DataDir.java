package dev.parallax.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data DIR} option shared by every command that uses a store. */
final class DataDir {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "parallax-data",
            description = "Data directory of the embedded store (default: ${DEFAULT-VALUE}).")
    Path path;
}
