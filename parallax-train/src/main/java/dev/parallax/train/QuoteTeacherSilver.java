package dev.parallax.train;

import ai.djl.ndarray.NDManager;
import dev.parallax.core.analysis.quote.QuoteTagger;
import dev.parallax.eval.JsonLinesFile;
import dev.parallax.eval.quote.SilverQuotes;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes silver attributions ({@link SilverQuotes}): the spans the {@link QuoteTeacher} tags in the "text" of
 * articles files (format A of shared/data), for {@code parallax eval quotes --train FILE --silver SILVER}. An input
 * written FILE@N contributes every N-th article of FILE whose text holds a cue word of the hand list or a double
 * quotation mark (a cheap cap on the teacher's time for large corpora); a plain FILE contributes every article.
 * FILE@N+R takes the N-th ones from the R-th on instead (R &lt; N), so FILE@8 and FILE@8+4 are the two halves of FILE@4
 * and can be labelled apart. FILE@1 is FILE (every article).
 *
 * <p>{@code java -cp … dev.parallax.train.QuoteTeacherSilver TEACHER.bin OUT.jsonl[.gz] FILE[@N[+R]]...}
 */
public final class QuoteTeacherSilver {

    private QuoteTeacherSilver() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("ai.djl.offline", "true");
        Path delta = Path.of(args[0]), out = Path.of(args[1]);
        long start = System.nanoTime();
        long[] written = {0, 0}; // texts, characters
        try (NDManager manager = NDManager.newBaseManager();
             QuoteTeacher teacher = QuoteTeacher.read(manager, delta);
             BufferedWriter w = SilverQuotes.writer(out)) {
            for (int a = 2; a < args.length; a++) {
                Selection selection = Selection.parse(args[a]);
                JsonLinesFile.forEach(selection.file(), (number, o) -> {
                    String text = o.path("text").asText("");
                    if (!selection.take(text)) {
                        return;
                    }
                    try {
                        SilverQuotes.write(w, new SilverQuotes.Text(o.path("id").asText(""), text,
                                teacher.tag(manager, text)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    written[1] += text.length();
                    if (++written[0] % 200 == 0) {
                        System.out.printf("%d texts, %d chars, %.0f s%n", written[0], written[1],
                                (System.nanoTime() - start) / 1e9);
                    }
                });
            }
        }
        System.out.printf("wrote %d texts (%d chars) to %s in %.0f s%n", written[0], written[1], out,
                (System.nanoTime() - start) / 1e9);
    }

    /** Which texts of one input, FILE or FILE@N[+R], are labelled (in the order they are offered to {@link #take}). */
    static final class Selection {
        private final Path file;
        private final int every;
        private final int offset;
        private int candidates;

        private Selection(Path file, int every, int offset) {
            this.file = file;
            this.every = every;
            this.offset = offset;
        }

        static Selection parse(String arg) {
            int at = arg.lastIndexOf('@');
            if (at < 0) {
                return new Selection(Path.of(arg), 1, 0);
            }
            String[] sel = arg.substring(at + 1).split("\\+", 2);
            int every = Integer.parseInt(sel[0]);
            int offset = sel.length > 1 ? Integer.parseInt(sel[1]) : 0;
            if (every < 1 || offset < 0 || offset >= every) {
                throw new IllegalArgumentException("want FILE@N+R with N >= 1 and 0 <= R < N, not " + arg);
            }
            return new Selection(Path.of(arg.substring(0, at)), every, offset);
        }

        Path file() {
            return file;
        }

        /** Whether to label this text: any non-blank one for a plain FILE, else the selected attributing ones. */
        boolean take(String text) {
            if (text.isBlank()) {
                return false;
            }
            return every == 1 || attributes(text) && candidates++ % every == offset;
        }
    }

    /** Whether a text may hold an attribution: a double quotation mark or a cue word of the hand list. */
    static boolean attributes(String text) {
        if (text.indexOf('"') >= 0 || text.indexOf('“') >= 0) {
            return true;
        }
        for (String word : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}]+")) {
            if (QuoteTagger.isCueWord(word)) {
                return true;
            }
        }
        return false;
    }
}
