package dev.parallax.train;

import ai.djl.ndarray.NDManager;
import dev.parallax.core.analysis.quote.QuoteAnnotator;
import dev.parallax.eval.quote.Polnear;
import dev.parallax.eval.quote.Polnear.Document;
import dev.parallax.eval.quote.QuoteEvaluation;
import dev.parallax.eval.quote.QuoteTrainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Scores a written {@link QuoteTeacher} on a PolNeAR split (dev, train, or heldout: the eighth of train its
 * training leaves out) with the project's scorer, its spans grouped by the rules and content extent ranker of a
 * quote tagger model (the shipped one when no model is given), and prints the error categories.
 *
 * <p>{@code java -cp … dev.parallax.train.QuoteTeacherEvaluation TEACHER.bin POLNEAR_DIR SPLIT [TAGGER_MODEL]}
 */
public final class QuoteTeacherEvaluation {

    private QuoteTeacherEvaluation() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("ai.djl.offline", "true");
        Path delta = Path.of(args[0]), polnear = Path.of(args[1]);
        String split = args[2];
        QuoteAnnotator annotator = args.length > 3 ? QuoteEvaluation.annotator(Path.of(args[3])) : new QuoteAnnotator();
        List<Document> docs = QuoteEvaluation.HELD_OUT.equals(split) ? QuoteTrainer.trainPart(polnear, true)
                : Polnear.read(polnear, split);
        long start = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager(); QuoteTeacher teacher = QuoteTeacher.read(manager, delta)) {
            QuoteEvaluation.Result r = QuoteEvaluation.score(docs, text -> annotator.quotes(text, teacher.tag(manager, text)));
            System.out.printf("PolNeAR %s, teacher %s (%.0f s)%n%s%n%s%n", split, delta, (System.nanoTime() - start) / 1e9,
                    r, r.toJson());
            System.out.println(QuoteEvaluation.errors(docs, text -> annotator.quotes(text, teacher.tag(manager, text))));
        }
    }
}
