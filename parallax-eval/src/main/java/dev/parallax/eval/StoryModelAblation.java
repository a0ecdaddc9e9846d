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
 * turn and once without splitting (the ablation table of docs/BENCHMARKS.md). The model is fitted on the reference embedder's vectors and scored
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
     * A model fitted on some features (or the full one not splitting), its cross-validated B³ F1 on each training
     * file, and its scores on each test file, in the order given.
     *
     * @param label "all", "without NAME" for a feature dropped, or {@value #NO_SPLIT}
     */
    public record Row(String label, StoryModel model, StoryModelFitter.Fit fit, List<ClusteringScores> scores) {
        /** Whether this is the model on every feature, splitting as fitted: the one {@code --fit} writes. */
        public boolean full() {
            return label.equals(ALL);
        }
    }

    private static final String ALL = "all";
    /** The full model with its article scorer's split level at 0: what the story re-check adds. */
    public static final String NO_SPLIT = "all, never splitting";

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
            Set<StoryFeature> dropped = EnumSet.complementOf(EnumSet.copyOf(v));
            String label = dropped.isEmpty() ? ALL : "without " + dropped.iterator().next().key();
            out.accept(new Row(label, fit.model(), fit, score(testSets, fit.model())));
            if (dropEach && dropped.isEmpty()) {
                StoryModel m = fit.model();
                StoryModel never = new StoryModel(m.articles().withSplit(0), m.headlines(), m.trainedOn());
                out.accept(new Row(NO_SPLIT, never, fit, score(testSets, never)));
            }
        }
    }

    private static List<ClusteringScores> score(List<LabelledArticles> testSets, StoryModel model) {
        List<ClusteringScores> scores = new ArrayList<>();
        for (LabelledArticles t : testSets) {
            scores.add(StoryModelFitter.score(t, model, OnlineStoryClusterer.DEFAULT_WINDOW));
        }
        return scores;
    }

    private StoryModelFitter.TrainingData prepare(List<Path> train) {
        return StoryModelFitter.prepare(train.stream().map(LabelledArticles::read).toList(), fitting);
    }

    private static String trainedOn(List<Path> files) {
        return "fitted on " + String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList());
    }
}
