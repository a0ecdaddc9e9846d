package dev.parallax.cli;

import dev.parallax.core.embed.Embedder;
import dev.parallax.core.embed.EmbeddingAnnotator;
import dev.parallax.core.embed.OnnxEmbedder;
import dev.parallax.core.embed.StaticEmbedder;
import dev.parallax.core.model.Article;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.story.StoryModel;
import dev.parallax.eval.EmbeddingCache;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * {@code parallax eval embedders --distill}: trains the static embedder ({@link StaticEmbedder#train}) as a student
 * of {@code minilm-q} on the texts the pipeline would embed for some article files, and writes its table.
 */
final class StudentTraining {
    /** Fixed, so that the same files and settings write the same table. */
    private static final long SEED = 40;

    private StudentTraining() {}

    static void train(List<Path> corpora, Path targetCache, int epochs, double learningRate, Path out,
            PrintWriter log) throws IOException {
        if (epochs < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("--epochs must be at least 1 and --learning-rate above 0");
        }
        List<String> texts = texts(corpora);
        List<String> train = texts.stream().filter(t -> !StaticEmbedder.heldOut(t)).toList();
        List<String> held = texts.stream().filter(StaticEmbedder::heldOut).toList();
        log.printf(Locale.ROOT, "%d distinct texts: %d to train on, %d held out%n", texts.size(), train.size(),
                held.size());
        log.flush();
        float[][] trainTargets;
        float[][] heldTargets;
        Embedder teacher = Pipelines.embedder();
        EmbeddingCache cache = targetCache == null ? null : EmbeddingCache.in(targetCache, teacher);
        try {
            Embedder targets = cache == null ? teacher : cache;
            trainTargets = embed(targets, train);
            heldTargets = embed(targets, held);
        } finally {
            if (cache != null) {
                cache.save();
            }
        }
        try (OnnxEmbedder model = OnnxEmbedder.builder().batchSize(256).build();
             StaticEmbedder start = StaticEmbedder.distill(model, train.iterator());
             StaticEmbedder student = start.train(train, trainTargets, epochs, learningRate, SEED)) {
            log.printf(Locale.ROOT, "held-out mean cosine with minilm-q: %.4f distilled, %.4f trained (%d epochs, "
                    + "learning rate %s)%n", meanCosine(start, held, heldTargets),
                    meanCosine(student, held, heldTargets), epochs, learningRate);
            student.write(out);
        }
        log.println("wrote " + out);
    }

    /**
     * The distinct texts the pipeline embeds for the articles of the files (cleaned and split into sentences as it
     * does: {@link EmbeddingAnnotator#input}), and each full article's headline alone (what the headline scorer is
     * fitted on), in file order.
     */
    static List<String> texts(List<Path> corpora) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        for (Path corpus : corpora) {
            for (Article a : BenchCommand.cleanedAndSplit(BenchCommand.read(corpus))) {
                String input = EmbeddingAnnotator.input(a);
                if (!input.isEmpty()) {
                    out.add(input);
                }
                if (!StoryModel.headlineOnly(a) && a.title() != null && !a.title().isBlank()) {
                    out.add(a.title().strip());
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the corpus has no text to train on");
        }
        return List.copyOf(out);
    }

    /** One text per call (as the pipeline embeds with minilm-q), on every core. */
    private static float[][] embed(Embedder model, List<String> texts) {
        float[][] out = new float[texts.size()][];
        IntStream.range(0, texts.size()).parallel().forEach(i -> out[i] = model.embed(List.of(texts.get(i)))[0]);
        return out;
    }

    private static double meanCosine(Embedder e, List<String> texts, float[][] targets) {
        float[][] v = e.embed(texts);
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            sum += Embedder.cosine(v[i], targets[i]);
        }
        return sum / v.length;
    }
}
