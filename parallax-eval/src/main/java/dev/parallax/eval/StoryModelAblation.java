package dev.parallax.eval;

import dev.parallax.core.story.OnlineStoryClusterer;
import dev.parallax.core.story.StoryFeature;
import dev.parallax.core.story.StoryModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Fits, evaluates and ablates the story scorer of {@link OnlineStoryClusterer} on labelled article files. A developer
 * tool, not a unit test. From the repository root:
 * <pre>
 * ./mvnw -q -B -o compile dependency:build-classpath -pl parallax-eval -am -Dmdep.outputFile=target/eval.cp
 * CP="parallax-eval/target/classes:parallax-core/target/classes:$(cat parallax-eval/target/eval.cp)"
 * java -cp "$CP" dev.parallax.eval.StoryClusteringTool fit OUT.json TRAIN.jsonl...
 * java -cp "$CP" dev.parallax.eval.StoryClusteringTool eval FILE...
 * java -cp "$CP" dev.parallax.eval.StoryClusteringTool ablate TRAIN.jsonl[,TRAIN2.jsonl...] TEST.jsonl...
 * </pre>
 * {@code fit} fits on the training files only and writes the model; {@code eval} scores the shipped model on each
 * file (articles already clean: no cleaner, no store); {@code ablate} refits without each feature in turn on the
 * training files and scores every variant on the test files; {@code fiteval} does the same for the full model only;
 * {@code split} cuts a labelled file into train and test halves by story. Never report a figure on a file that was fitted on.
 */
public final class StoryClusteringTool {
    private StoryClusteringTool() {}

    public static void main(String[] args) throws IOException {
        String cache = System.getProperty("parallax.embeddingCache");
        EmbeddingCache vectors = cache == null ? null
                : new EmbeddingCache(dev.parallax.core.pipeline.Pipelines.embedder(), Path.of(cache));
        annotators = vectors == null ? dev.parallax.core.pipeline.Pipelines.annotators()
                : dev.parallax.core.pipeline.Pipelines.annotators(vectors);
        try {
            run(args);
        } finally {
            if (vectors != null) {
                vectors.save();
            }
        }
    }

    /** The annotators the tool analyses with: the standard ones, with a cached embedder when one is asked for. */
    private static List<dev.parallax.core.analysis.Annotator> annotators =
            dev.parallax.core.pipeline.Pipelines.annotators();

    private static void run(String[] args) throws IOException {
        if (args.length < 2 || !Set.of("fit", "eval", "ablate", "fiteval", "split").contains(args[0])) {
            System.err.println("usage: StoryClusteringTool fit OUT.json TRAIN.jsonl... | eval FILE... | "
                    + "ablate|fiteval TRAIN.jsonl[,TRAIN...] TEST.jsonl... | split FILE.jsonl OUT_DIR");
            System.exit(2);
        }
        switch (args[0]) {
            case "split" -> split(Path.of(args[1]), Path.of(args[2]));
            case "fit" -> {
                List<Path> train = new ArrayList<>();
                for (int i = 2; i < args.length; i++) {
                    train.add(Path.of(args[i]));
                }
                StoryModel m = fit(train, EnumSet.allOf(StoryFeature.class));
                m.write(Path.of(args[1]));
                System.out.println(m);
            }
            case "eval" -> {
                for (int i = 1; i < args.length; i++) {
                    LabelledArticles set = StoryModelFitter.analyse(LabelledArticles.read(Path.of(args[i])), annotators);
                    System.out.println(args[i] + "  " + StoryModelFitter.score(set, StoryModel.standard(),
                            OnlineStoryClusterer.DEFAULT_WINDOW));
                }
            }
            case "fiteval" -> ablate(args, false);
            default -> ablate(args, true);
        }
    }

    /** Reads, analyses and fits on the training files. */
    public static StoryModel fit(List<Path> train, Set<StoryFeature> features) {
        var data = StoryModelFitter.prepare(train.stream().map(LabelledArticles::read).toList(), annotators);
        return StoryModelFitter.fit(data, features, "fitted on " + names(train));
    }

    private static void ablate(String[] args, boolean dropEach) {
        List<Path> train = new ArrayList<>();
        for (String p : args[1].split(",")) {
            train.add(Path.of(p));
        }
        var trainSets = StoryModelFitter.prepare(train.stream().map(LabelledArticles::read).toList(), annotators);
        List<String> testNames = new ArrayList<>();
        List<LabelledArticles> tests = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            testNames.add(Path.of(args[i]).getFileName().toString());
            tests.add(StoryModelFitter.analyse(LabelledArticles.read(Path.of(args[i])), annotators));
        }
        StringBuilder header = new StringBuilder("| features |");
        testNames.forEach(n -> header.append(" ").append(n).append(" B³ F1 | pairwise F1 |"));
        System.out.println(header);
        List<Set<StoryFeature>> variants = new ArrayList<>();
        variants.add(EnumSet.allOf(StoryFeature.class));
        for (StoryFeature f : dropEach ? StoryFeature.values() : new StoryFeature[0]) {
            Set<StoryFeature> s = EnumSet.allOf(StoryFeature.class);
            s.remove(f);
            variants.add(s);
        }
        for (Set<StoryFeature> v : variants) {
            StoryModel m = StoryModelFitter.fit(trainSets, v, "fitted on " + names(train));
            Set<StoryFeature> dropped = EnumSet.complementOf(EnumSet.copyOf(v));
            StringBuilder row = new StringBuilder("| " + (dropped.isEmpty() ? "all" : "without "
                    + dropped.iterator().next().key()) + " |");
            for (LabelledArticles t : tests) {
                ClusteringScores s = StoryModelFitter.score(t, m, OnlineStoryClusterer.DEFAULT_WINDOW);
                row.append(String.format(Locale.ROOT, " %.3f (P %.3f R %.3f) | %.3f |", s.b3F1(), s.b3Precision(),
                        s.b3Recall(), s.pairF1()));
            }
            System.out.println(row + "  " + m);
        }
    }

    /**
     * Splits a labelled file by story into two halves, keeping file order: a story goes to the train half when the
     * first byte of the SHA-256 of its label is even. Writes NAME.train-half.jsonl and NAME.test-half.jsonl.
     */
    private static void split(Path file, Path outDir) throws IOException {
        String base = file.getFileName().toString().replaceFirst("\\.articles\\.jsonl$|\\.jsonl$", "");
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : java.nio.file.Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            String story = json.readTree(line).path("story").asText(null);
            if (story == null) {
                throw new IllegalArgumentException(file + ": a record has no gold story");
            }
            byte first;
            try {
                first = java.security.MessageDigest.getInstance("SHA-256")
                        .digest(story.getBytes(java.nio.charset.StandardCharsets.UTF_8))[0];
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            ((first & 1) == 0 ? train : test).add(line);
        }
        java.nio.file.Files.createDirectories(outDir);
        java.nio.file.Files.write(outDir.resolve(base + ".train-half.jsonl"), train);
        java.nio.file.Files.write(outDir.resolve(base + ".test-half.jsonl"), test);
        System.out.printf(Locale.ROOT, "%s: %d train, %d test articles%n", base, train.size(), test.size());
    }

    private static String names(List<Path> files) {
        return String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList());
    }
}
