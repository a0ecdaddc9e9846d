package dev.parallax.eval;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.embed.Embedder;
import dev.parallax.core.pipeline.Pipelines;
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
 * turn (the ablation table of docs/BENCHMARKS.md). The model is fitted on the reference embedder's vectors and scored
 * on the pipeline's, as it runs (post-training quantization: see {@link Pipelines#embedder}). The test files are
 * analysed by the standard annotators and clustered in file order by the clusterer alone: no cleaner, no deduper, no
 * store (their text is clean already). Never give a test file that overlaps a training file.
 */
public final class StoryModelAblation {
    private final List<Annotator> fitting;
    private final List<Annotator> scoring;

    /**
     * @param reference the embedder the model is fitted on: {@link Pipelines#referenceEmbedder}, perhaps behind a cache
     * @param deployed the embedder it is scored with: {@link Pipelines#embedder}, perhaps behind a cache
     */
    public StoryModelAblation(Embedder reference, Embedder deployed) {
        this.fitting = Pipelines.annotators(reference);
        this.scoring = Pipelines.annotators(deployed);
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
            testSets.add(StoryModelFitter.analyse(LabelledArticles.read(t), scoring));
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
        return StoryModelFitter.prepare(train.stream().map(LabelledArticles::read).toList(), fitting);
    }

    private static String trainedOn(List<Path> files) {
        return "fitted on " + String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList());
    }
}
