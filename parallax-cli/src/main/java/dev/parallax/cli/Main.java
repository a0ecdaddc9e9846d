package dev.parallax.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code parallax} command. */
@Command(name = "parallax", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Turns news from many outlets into stories, and shows with evidence how each outlet covers them.",
        subcommands = {IngestCommand.class, FollowCommand.class, StoriesCommand.class, StoryCommand.class, EvalCommand.class, TrainCommand.class,
                BenchCommand.class, DemoCommand.class, ServeCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:some input was rejected (the rest was ingested)", "2:bad command line",
                "3:cannot read the input or use the data directory", "4:no such story",
                "70:internal error (a bug: please report it)"})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code: the entry point tests use. */
    public static int run(String... args) {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(new Failures())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"parallax " + (v == null ? "(development build)" : v)};
        }
    }
}
