package dev.parallax.cli;

import java.io.PrintStream;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr when it is a terminal and the work is long enough to want one; silent otherwise. */
final class Progress implements IntConsumer, AutoCloseable {
    private static final int MIN_ITEMS = 200;
    private final ProgressBar bar;

    Progress(String task, int total) {
        this.bar = total >= MIN_ITEMS && interactive()
                ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                        .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true))).build()
                : null;
    }

    @Override
    public void accept(int done) {
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    /** True when a person is watching: a console that is a terminal (JDK 22+ tells; 21 returns null otherwise). */
    private static boolean interactive() {
        var console = System.console();
        if (console == null || System.getenv("CI") != null) {
            return false;
        }
        try {
            return (Boolean) console.getClass().getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
