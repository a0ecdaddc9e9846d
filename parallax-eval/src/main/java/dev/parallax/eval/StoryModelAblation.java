package dev.parallax.eval;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.story.OnlineStoryClusterer;
import dev.parallax.core.story.StoryFeature;
import dev.parallax.core.story.StoryModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Fits the story model on training files and scores it on test files, optionally once more without each feature in
 * turn (the ablation table of docs/BENCHMARKS.md). The test files are analysed by the given annotators and clustered
 * in file order by the clusterer alone: no cleaner, no deduper, no store (their text is clean already). Never give a
 * test file that overlaps a training file.
 */
public final class StoryModelAblation {
    private final List<Annotator> annotators;

    /** @param annotators what analyses the articles: the standard pipeline's, perhaps with a caching embedder */
    public StoryModelAblation(List<Annotator> annotators) {
        this.annotators = List.copyOf(annotators);
    }

    /**
     * A model fitted on some features, its cross-validated B³ F1 on each training file, and its scores on each test
     * file, in the order given.
     */
    public record Row(Set<StoryFeature> dropped, StoryModelFitter.Fit fit, List<ClusteringScores> scores) {
        public StoryModel model() {
            return fit.model();
        }

        /** "all", or "without NAME". */
        public String label() {
            return dropped.isEmpty() ? "all" : "without " + dropped.iterator().next().key();
        }
    }

    /** Reads, analyses and fits on the training files over the given features. */
    public StoryModelFitter.Fit fit(List<Path> train, Set<StoryFeature> features) {
        return StoryModelFitter.fitReporting(prepare(train), features, trainedOn(train));
    }

    /**
     * Fits on every feature and scores the test files, then, when {@code dropEach}, does the same without each
     * feature in turn. Each row goes to {@code out} as soon as it is measured; the full model's row comes first.
     */
    public void run(List<Path> train, List<Path> tests, boolean dropEach, Consumer<Row> out) {
        StoryModelFitter.TrainingData data = prepare(train);
        List<LabelledArticles> testSets = new ArrayList<>();
        for (Path t : tests) {
            testSets.add(StoryModelFitter.analyse(LabelledArticles.read(t), annotators));
        }
        List<Set<StoryFeature>> variants = new ArrayList<>();
        variants.add(EnumSet.allOf(StoryFeature.class));
        for (StoryFeature f : dropEach ? StoryFeature.values() : new StoryFeature[0]) {
            Set<StoryFeature> s = EnumSet.allOf(StoryFeature.class);
            s.remove(f);
            variants.add(s);
        }
        for (Set<StoryFeature> v : variants) {
            StoryModelFitter.Fit fit = StoryModelFitter.fitReporting(data, v, trainedOn(train));
            List<ClusteringScores> scores = new ArrayList<>();
            for (LabelledArticles t : testSets) {
                scores.add(StoryModelFitter.score(t, fit.model(), OnlineStoryClusterer.DEFAULT_WINDOW));
            }
            out.accept(new Row(EnumSet.complementOf(EnumSet.copyOf(v)), fit, scores));
        }
    }

    private StoryModelFitter.TrainingData prepare(List<Path> train) {
        return StoryModelFitter.prepare(train.stream().map(LabelledArticles::read).toList(), annotators);
    }

    private static String trainedOn(List<Path> files) {
        return "fitted on " + String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList());
    }
}
