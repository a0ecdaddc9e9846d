package dev.parallax.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The {@code --json} option of the commands that report a result, and printing that result one way or the other.
 * Each command's description says what its JSON holds.
 */
final class Output {
    @Option(names = "--json", description = "Print the result as JSON (its fields are named above).")
    boolean json;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints the result as JSON or as text, and returns the exit code of a command that did its work. */
    int print(Supplier<String> asJson, Consumer<PrintWriter> asText) {
        PrintWriter out = out();
        if (json) {
            out.println(asJson.get());
        } else {
            asText.accept(out);
        }
        out.flush();
        return ExitCodes.OK;
    }
}
