package dev.parallax.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.analysis.quote.QuoteAnnotator;
import dev.parallax.core.brief.BriefBuilder;
import dev.parallax.core.brief.StoryBriefs;
import dev.parallax.core.embed.Embedder;
import dev.parallax.core.embed.EmbedderChoice;
import dev.parallax.core.embed.PairScorer;
import dev.parallax.core.embed.StaticEmbedder;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.eval.embed.EmbedderComparison;
import dev.parallax.eval.embed.JsonLinesTexts;
import dev.parallax.core.story.StoryFeature;
import dev.parallax.core.story.StoryModel;
import dev.parallax.eval.ClusteringEvaluation;
import dev.parallax.eval.ClusteringScores;
import dev.parallax.eval.EmbeddingCache;
import dev.parallax.eval.GoldHalves;
import dev.parallax.eval.StoryModelAblation;
import dev.parallax.eval.brief.BasilBriefEvaluation;
import dev.parallax.eval.brief.ClaimModelFit;
import dev.parallax.eval.dedup.DedupEvaluation;
import dev.parallax.eval.entity.EntityEvaluation;
import dev.parallax.eval.extraction.ExtractionEvaluation;
import dev.parallax.eval.entity.GumAliasCheck;
import dev.parallax.eval.pairs.PairsEvaluation;
import dev.parallax.eval.pairs.PairsReport;
import dev.parallax.eval.pairs.PairsResult;
import dev.parallax.eval.quote.QuoteEvaluation;
import dev.parallax.eval.quote.QuoteTrainer;
import dev.parallax.eval.time.TimeEvaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import dev.parallax.core.text.PageFurniture;
import dev.parallax.eval.extraction.BoilerplateCount;
import dev.parallax.eval.extraction.FurnitureFit;
import dev.parallax.eval.extraction.FurniturePages;
import dev.parallax.ingest.Sources;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measures a stage against labelled data (see ../shared/data/README.md).",
        subcommands = {EvalCommand.Clustering.class, EvalCommand.Time.class, EvalCommand.Entities.class,
                EvalCommand.Aliases.class, EvalCommand.Quotes.class, EvalCommand.Dedup.class, EvalCommand.Pairs.class,
                EvalCommand.BriefOnBasil.class, EvalCommand.Embedders.class, EvalCommand.Extraction.class,
                EvalCommand.Furniture.class})
final class EvalCommand {
    @Command(name = "clustering", mixinStandardHelpOptions = true,
            description = {"Runs the pipeline over a labelled articles file in publication order, on a fresh "
                    + "temporary store with the gold story hidden, and compares the stories it makes with the gold "
                    + "ones: B-cubed and pairwise precision, recall and F1.",
                    "With --fit, refits the story model instead; with --split, cuts labelled files into train and "
                    + "test halves by story.",
                    "JSON: {\"articles\",\"stories\":{\"gold\",\"predicted\"},\"b3\",\"pairwise\"}."})
    static final class Clustering implements Callable<Integer> {
        @Option(names = "--gold", required = true, paramLabel = "FILE", arity = "1..*",
                description = "Articles JSON Lines whose `story` field is the gold label (.jsonl or .jsonl.gz). "
                        + "One file to evaluate; with --fit, the training files; with --split, the files to cut.")
        List<Path> gold;

        @Option(names = "--fit", paramLabel = "OUT.json",
                description = {"Instead of evaluating, fit the story scorer (feature weights, join threshold, merge "
                        + "level) on the --gold files and write it to OUT.json. The shipped model is "
                        + "parallax-core/src/main/resources/dev/parallax/core/story/story-model.json, fitted on "
                        + "ECB+ train and the train halves of BASIL and UCI (see docs/BENCHMARKS.md for the exact "
                        + "command), with float32 MiniLM vectors; the pipeline runs it on their int8 approximation "
                        + "(minilm-q) unchanged. Never report figures on data a model was fitted on."})
        Path fit;

        @Option(names = "--test", paramLabel = "FILE", arity = "1..*",
                description = "With --fit: also score the fitted model on these files (the standard annotators, "
                        + "with the pipeline's embedder, and the clusterer alone: no cleaner, deduper or store), one "
                        + "table row.")
        List<Path> test = List.of();

        @Option(names = "--ablate", description = "With --fit and --test: also refit without each feature in turn and "
                + "score each variant, one row per feature dropped, and score the full model never splitting a "
                + "story (the ablation table).")
        boolean ablate;

        @Option(names = "--embedding-cache", paramLabel = "DIR",
                description = "With --fit: keep the embedders' vectors in DIR across runs, so refitting pays for the "
                        + "model once: one file per embedder, named after it (the fit's float32 reference "
                        + "minilm.vectors, the pipeline's minilm-q.vectors for --test).")
        Path embeddingCache;

        @Option(names = "--split", paramLabel = "DIR",
                description = {"Instead of evaluating, cut each --gold file by story into DIR/NAME.train-half.jsonl "
                        + "and DIR/NAME.test-half.jsonl: a story is in the train half when the first byte of the "
                        + "SHA-256 of its label is even. Fit on train halves, report on test halves."})
        Path split;

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = output.out();
            if (split != null) {
                if (fit != null || !test.isEmpty() || ablate || embeddingCache != null || output.json) {
                    throw usage("--split takes only --gold");
                }
                for (Path g : gold) {
                    ClusteringEvaluation.load(g); // the same clear error as evaluating when a file is unusable
                    GoldHalves.Written w = GoldHalves.split(g, split);
                    out.printf("%s: %d articles in %s, %d in %s%n", g.getFileName(), w.trainArticles(), w.train(),
                            w.testArticles(), w.test());
                }
                out.flush();
                return ExitCodes.OK;
            }
            if (fit != null) {
                return fit(out);
            }
            if (!test.isEmpty() || ablate || embeddingCache != null) {
                throw usage("--test, --ablate and --embedding-cache go with --fit");
            }
            if (gold.size() != 1) {
                throw usage("evaluate one --gold file at a time (several only with --fit or --split)");
            }
            var labelled = ClusteringEvaluation.load(gold.get(0));
            ClusteringScores r;
            try (Progress progress = new Progress("Clustering", labelled.size())) {
                r = ClusteringEvaluation.evaluate(labelled, progress);
            }
            return output.print(() -> {
                ObjectNode root = Json.object();
                root.put("articles", r.items());
                ObjectNode stories = root.putObject("stories");
                stories.put("gold", r.goldClusters());
                stories.put("predicted", r.predictedClusters());
                root.set("b3", scores(r.b3Precision(), r.b3Recall(), r.b3F1()));
                root.set("pairwise", scores(r.pairPrecision(), r.pairRecall(), r.pairF1()));
                return Json.write(root);
            }, text -> {
                text.printf("articles %d, gold stories %d, predicted stories %d%n", r.items(), r.goldClusters(),
                        r.predictedClusters());
                text.printf("B3        P %.4f  R %.4f  F1 %.4f%n", r.b3Precision(), r.b3Recall(), r.b3F1());
                text.printf("pairwise  P %.4f  R %.4f  F1 %.4f%n", r.pairPrecision(), r.pairRecall(), r.pairF1());
            });
        }

        private Integer fit(PrintWriter out) throws IOException {
            if (output.json) {
                throw usage("--json goes with evaluating one file, not with --fit");
            }
            if (ablate && test.isEmpty()) {
                throw usage("--ablate needs --test files to score the variants on");
            }
            for (Path g : gold) {
                ClusteringEvaluation.load(g);
            }
            for (Path t : test) {
                ClusteringEvaluation.load(t);
                if (gold.stream().anyMatch(g -> sameFile(g, t))) {
                    throw usage(t + " is a --gold training file: scoring on it would report a fitted figure");
                }
            }
            // fitted on the float32 reference's vectors, scored on the pipeline's quantized ones (Pipelines.embedder)
            List<EmbeddingCache> caches = embeddingCache == null ? List.of()
                    : List.of(EmbeddingCache.in(embeddingCache, Pipelines.referenceEmbedder()),
                            EmbeddingCache.in(embeddingCache, Pipelines.embedder()));
            StoryModelAblation runs = caches.isEmpty()
                    ? new StoryModelAblation(Pipelines.referenceEmbedder(), Pipelines.embedder())
                    : new StoryModelAblation(caches.get(0), caches.get(1));
            try {
                if (test.isEmpty()) {
                    dev.parallax.eval.StoryModelFitter.Fit fitted = runs.fit(gold, EnumSet.allOf(StoryFeature.class));
                    fitted.model().write(fit);
                    out.println("wrote " + fit + ": " + fitted.model());
                    out.println(crossValidated(fitted));
                    out.flush();
                    return ExitCodes.OK;
                }
                StringBuilder header = new StringBuilder("| features |");
                test.forEach(t -> header.append(' ').append(t.getFileName()).append(" B³ F1 (P / R) | pairwise F1 |"));
                out.println(header);
                out.flush();
                runs.run(gold, test, ablate, row -> {
                    if (row.full()) {
                        try {
                            row.model().write(fit);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException("cannot write " + fit + ": " + e.getMessage(), e);
                        }
                    }
                    StringBuilder line = new StringBuilder("| " + row.label() + " |");
                    for (ClusteringScores s : row.scores()) {
                        line.append(String.format(Locale.ROOT, " %.3f (%.3f / %.3f) | %.3f |", s.b3F1(),
                                s.b3Precision(), s.b3Recall(), s.pairF1()));
                    }
                    out.println(line);
                    out.println("  " + crossValidated(row.fit()));
                    out.flush();
                });
                out.println("wrote the full model to " + fit);
                out.flush();
                return ExitCodes.OK;
            } finally {
                caches.forEach(EmbeddingCache::save);
            }
        }

        /** The fit's cross-validated B³ F1 on each training file: what models are compared by. */
        private String crossValidated(dev.parallax.eval.StoryModelFitter.Fit f) {
            StringBuilder b = new StringBuilder("cross-validated B³ F1 on the training files (2 folds by story):");
            int a = 0;
            int h = 0;
            for (Path g : gold) {
                b.append(' ').append(g.getFileName()).append(':');
                // a file holds full articles, headline-only items or both; each scorer saw the files that had its kind
                List<dev.parallax.core.model.Article> items = dev.parallax.eval.LabelledArticles.read(g).articles();
                if (items.stream().anyMatch(x -> !StoryModel.headlineOnly(x))) {
                    b.append(String.format(Locale.ROOT, " articles %.4f", f.articlesCv()[a++]));
                }
                if (items.stream().anyMatch(x -> x.title() != null && !x.title().isBlank())) {
                    b.append(String.format(Locale.ROOT, " headlines %.4f", f.headlinesCv()[h++]));
                }
                b.append(';');
            }
            curve(b, "articles", f.articlesThresholdCurve());
            curve(b, "headlines", f.headlinesThresholdCurve());
            dev.parallax.eval.StoryModelFitter.Splits splits = f.articlesSplits();
            b.append(System.lineSeparator()).append("  cross-validated B³ F1 of the articles scorer by split level"
                    + " (folds by topic, 3 assignments):");
            double[] levels = dev.parallax.eval.StoryModelFitter.splits();
            for (int i = 0; i < splits.curve().length; i++) {
                b.append(String.format(Locale.ROOT, " %.2f %.4f", levels[i], splits.curve()[i]));
            }
            b.append(System.lineSeparator()).append("  per training file, never splitting → at ")
                    .append(f.model().articles().split()).append(':');
            for (int i = 0; i < splits.neverCv().length; i++) {
                b.append(String.format(Locale.ROOT, " %.4f → %.4f;", splits.neverCv()[i], splits.chosenCv()[i]));
            }
            return b.toString();
        }

        /** A scorer's cross-validated B³ F1 at each join threshold: a flat top means the chosen one is noise. */
        private static void curve(StringBuilder b, String scorer, double[] f1) {
            b.append(System.lineSeparator()).append("  cross-validated B³ F1 of the ").append(scorer)
                    .append(" scorer by join threshold:");
            double[] thresholds = dev.parallax.eval.StoryModelFitter.thresholds();
            for (int i = 0; i < f1.length; i++) {
                b.append(String.format(Locale.ROOT, " %.2f %.4f", thresholds[i], f1[i]));
            }
        }

        private static boolean sameFile(Path a, Path b) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }

        private ParameterException usage(String message) {
            return new ParameterException(output.spec.commandLine(), message);
        }

        private static ObjectNode scores(double p, double r, double f1) {
            ObjectNode n = Json.object();
            n.put("p", p);
            n.put("r", r);
            n.put("f1", f1);
            return n;
        }
    }

    @Command(name = "time", mixinStandardHelpOptions = true,
            description = {"Annotates the text of every TimeML (.tml) document under DIR, anchored on its creation "
                    + "time, and scores the time expressions TempEval-3 style: extent strict and relaxed P/R/F1, "
                    + "value F1 and type F1 (attribute F1 over relaxed matches).",
                    "JSON: {\"strict\",\"relaxed\",\"value\",\"type\"}, with counts and a per-corpus breakdown."})
    static final class Time implements Callable<Integer> {
        @Option(names = "--timeml", required = true, paramLabel = "DIR", description = "A folder of .tml files.")
        Path dir;

        @Option(names = "--errors", description = "Also print one line per missed, spurious or wrong expression.")
        boolean errors;

        @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "all", converter = SplitConverter.class,
                description = "all (default), dev or check: a fixed split by document (CRC-32 of the file name; "
                        + "check = divisible by 5, about 20%%). Write rules from dev errors; report check.")
        TimeEvaluation.Split split;

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            TimeEvaluation.Result r = TimeEvaluation.run(dir, split);
            if (errors) {
                r.errors().forEach(output.out()::println);
            }
            return output.print(r::toJson, out -> out.println(r.toText()));
        }

        static final class SplitConverter implements CommandLine.ITypeConverter<TimeEvaluation.Split> {
            @Override
            public TimeEvaluation.Split convert(String value) {
                return switch (value) {
                    case "all" -> TimeEvaluation.Split.ALL;
                    case "dev" -> TimeEvaluation.Split.DEVELOPMENT;
                    case "check" -> TimeEvaluation.Split.CHECK;
                    default -> throw new CommandLine.TypeConversionException(
                            "--split must be all, dev or check, not '" + value + "'");
                };
            }
        }
    }

    @Command(name = "entities", mixinStandardHelpOptions = true,
            description = {"Annotates the documents of a CoNLL file (token, IOB tag with PER/ORG/LOC/MISC) and scores "
                    + "the entity mentions: exact span and type, P/R/F1 per type and overall.",
                    "For WikiGold, quote --docs 73-145: the typing model was trained on documents 1-72.",
                    "JSON: {\"overall\",\"PER\",\"ORG\",\"LOC\",\"MISC\"}."})
    static final class Entities implements Callable<Integer> {
        @Option(names = "--conll", required = true, paramLabel = "FILE", description = "A CoNLL NER file.")
        Path file;

        @Option(names = "--docs", paramLabel = "FROM-TO", converter = DocumentRange.Converter.class,
                description = "Score only documents FROM..TO (1-based, inclusive).")
        DocumentRange docs;

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            EntityEvaluation.Result r;
            try {
                r = docs == null ? EntityEvaluation.run(file)
                        : EntityEvaluation.run(file, docs.fromIndex(), docs.toIndex());
            } catch (IllegalArgumentException e) {
                throw new Failures.UserError(ExitCodes.IO, e.getMessage());
            }
            return output.print(() -> r.toJson().toPrettyString(), out -> {
                out.printf("%d documents%n", r.documents());
                r.scores().forEach((k, s) -> out.printf("%-8s P %.3f  R %.3f  F1 %.3f  (tp %d, predicted %d, "
                        + "gold %d)%n", k, s.precision(), s.recall(), s.f1(), s.truePositives(), s.predicted(),
                        s.gold()));
            });
        }
    }

    @Command(name = "aliases", mixinStandardHelpOptions = true,
            description = {"Checks in-document alias chains against GUM's coreference of proper-name person, "
                    + "organisation and place mentions: pairwise same-entity P/R/F1 over the mentions found."})
    static final class Aliases implements Callable<Integer> {
        @Option(names = "--gum", required = true, paramLabel = "DIR",
                description = "GUM's CoNLL-U folder (shared/data/ner/gum-wikinews/dep).")
        Path dir;

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            GumAliasCheck.Result r = GumAliasCheck.run(dir);
            return output.print(() -> r.toJson().toPrettyString(), out -> {
                out.printf("%d documents; gold proper-name mentions %d, found %d (%.1f%%)%n", r.documents(),
                        r.goldNames(), r.matchedNames(), 100.0 * r.matchedNames() / r.goldNames());
                out.printf("type agrees with gold (person/organization/place) on %.1f%% of those found%n",
                        100.0 * r.typedRight() / Math.max(1, r.matchedNames()));
                out.printf("same-entity pairs: P %.3f  R %.3f  F1 %.3f  (correct %d, predicted %d, gold %d)%n",
                        r.precision(), r.recall(), r.f1(), r.pairsTp(), r.pairsPredicted(), r.pairsGold());
            });
        }
    }

    @Command(name = "quotes", mixinStandardHelpOptions = true,
            description = {"Finds the attributions in PolNeAR's texts and scores Source, Cue and Content spans "
                    + "against its brat annotations (the lowest annotator id is canonical where several annotated "
                    + "a text): exact-match and overlap P/R/F1.",
                    "With --train FILE it instead trains the quote tagger and its content extent ranker on the train "
                    + "split and writes them to FILE "
                    + "(the shipped model is parallax-core/src/main/resources/dev/parallax/core/analysis/quote/"
                    + "quote-tagger.bin.gz, trained with the defaults); with --holdout it trains on 7/8 of train and "
                    + "then scores the written model on the held-out eighth (split 'heldout').",
                    "JSON: {\"source\",\"cue\",\"content\",\"overlap\"}, each role {\"p\",\"r\",\"f1\"}."})
    static final class Quotes implements Callable<Integer> {
        @Option(names = "--polnear", required = true, paramLabel = "DIR", description = "PolNeAR's data folder.")
        Path dir;

        @Option(names = "--split", paramLabel = "SPLIT",
                description = "dev (default), train, or heldout (every 8th train article by name: what --train "
                        + "--holdout leaves out).")
        String split;

        @Option(names = "--model", paramLabel = "FILE",
                description = "Score this tagger model (written by --train) instead of the shipped one.")
        Path model;

        @Option(names = "--train", paramLabel = "FILE", description = "Train a tagger model and write it to FILE.")
        Path train;

        @Option(names = "--holdout", description = "With --train: leave the held-out eighth of train out, and score "
                + "the model on it.")
        boolean holdout;

        @Option(names = "--epochs", paramLabel = "N", description = "With --train: training passes (default: "
                + QuoteTrainer.EPOCHS + ").")
        Integer epochs;

        @Option(names = "--silver", paramLabel = "FILE", description = "With --train: the tagger also learns from "
                + "these teacher-tagged texts (JSON Lines written by parallax-train's QuoteTeacherSilver; see "
                + "docs/quotes-results.md).")
        Path silver;

        @Option(names = "--silver-weight", paramLabel = "W", description = "With --silver: weight of each update on "
                + "a silver text, in (0, 1] (default 1).")
        Float silverWeight;

        @Option(names = "--silver-extent", description = "With --silver: the content extent ranker learns from the "
                + "silver texts too (updates on them weighted as the tagger's), not from gold only.")
        boolean silverExtent;

        @Option(names = "--errors", description = "Also print, per role, how many gold spans are matched exactly, "
                + "overlapped with other boundaries or missed, how many predictions are spurious, and the most "
                + "frequent missed and spurious cues and sources.")
        boolean errors;

        @Mixin
        Output output;

        @Override
        public Integer call() throws IOException {
            if (train == null && (holdout || epochs != null || silver != null)) {
                throw new Failures.UserError(ExitCodes.USAGE, "--holdout, --epochs and --silver go with --train FILE");
            }
            if (silver == null && (silverWeight != null || silverExtent)) {
                throw new Failures.UserError(ExitCodes.USAGE,
                        "--silver-weight and --silver-extent go with --silver FILE");
            }
            if (silverWeight != null && !(silverWeight > 0 && silverWeight <= 1)) {
                throw new Failures.UserError(ExitCodes.USAGE, "--silver-weight must be in (0, 1], not " + silverWeight);
            }
            if (train != null && (split != null || model != null)) {
                throw new Failures.UserError(ExitCodes.USAGE, "--train scores only the held-out eighth of train "
                        + "(with --holdout): drop --split and --model");
            }
            QuoteEvaluation.Result r;
            String scored;
            try {
                if (train != null) {
                    QuoteTrainer.trainAndWrite(dir, holdout, epochs == null ? QuoteTrainer.EPOCHS : epochs, train,
                            silver, silverWeight == null ? 1 : silverWeight, silverExtent);
                    output.err().println("wrote " + train + " (" + Files.size(train) + " bytes)");
                    if (!holdout) {
                        return ExitCodes.OK;
                    }
                    model = train;
                    scored = QuoteEvaluation.HELD_OUT;
                } else {
                    scored = split == null ? "dev" : split;
                }
                r = QuoteEvaluation.run(dir, scored,
                        model == null ? new QuoteAnnotator() : QuoteEvaluation.annotator(model));
            } catch (IllegalArgumentException e) {
                throw new Failures.UserError(ExitCodes.IO, e.getMessage());
            }
            String heading = "PolNeAR " + scored + "\n";
            String breakdown = errors ? "\n" + QuoteEvaluation.errors(dir, scored,
                    model == null ? new QuoteAnnotator() : QuoteEvaluation.annotator(model)) : "";
            return output.print(r::toJson, out -> out.print(heading + r + breakdown));
        }
    }

    @Command(name = "dedup", mixinStandardHelpOptions = true,
            description = {"Builds a synthetic syndication benchmark from a corpus of real articles (exact, near, "
                    + "contained and containing copies with hard negatives, made deterministically from SEED), runs "
                    + "the near-duplicate detector over it in arrival order and scores its links pair by pair: "
                    + "precision, recall and F1 per relation. Also checks that every group of identical bodies in the "
                    + "corpus itself becomes one family of exact copies.",
                    "JSON: {\"pairs\",\"near\",\"contains\",\"exact\",\"contained\"} each {\"p\",\"r\",\"f1\"}, "
                    + "\"realExactGroups\":{\"groups\",\"found\"}}."})
    static final class Dedup implements Callable<Integer> {
        @Option(names = "--corpus", required = true, paramLabel = "FILE",
                description = "Articles JSON Lines (.jsonl or .jsonl.gz), e.g. reuters21578.articles.jsonl.")
        Path corpus;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
                description = "Seed of the benchmark's copies and edits (default: ${DEFAULT-VALUE}).")
        long seed;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            DedupEvaluation.Report r;
            try {
                r = DedupEvaluation.run(corpus, seed);
            } catch (IllegalArgumentException e) {
                throw new Failures.UserError(ExitCodes.IO, e.getMessage());
            }
            return output.print(r::toJson, out -> out.println(r.toText()));
        }
    }

    @Command(name = "pairs", mixinStandardHelpOptions = true,
            description = {"Scores sentence pairs (Format B: MRPC, STS-B, SemEval-2022 task 8) with MiniLM embedding "
                    + "cosine and with the pair scorer (MiniLM and bge-small cosines, token alignment, surface features; on MRPC "
                    + "blended with a fine-tuned MiniLM cross-encoder); anything fitted (a threshold, the combined model) "
                    + "is fitted on the train split and measured on test.",
                    "--scorer brief measures instead the brief's own pair decision (its claim model over its unit "
                    + "embedder, MiniLM int8; threshold fitted on STS-B train) on the test split.",
                    "JSON: {\"dataset\",\"pearson\",\"spearman\",\"f1\",\"accuracy\",\"threshold\"} (those defined for "
                    + "the dataset, from the combined model, or the brief's, on test) and \"results\":[...]."})
    static final class Pairs implements Callable<Integer> {
        @Option(names = "--gold", required = true, paramLabel = "FILE", description = "A *.pairs.jsonl file; with "
                + "--fit, give it twice: the MRPC file, then the STS-B file.")
        List<Path> gold;

        @Option(names = "--fit", paramLabel = "OUT", description = "Refit the model the pair scorer ships (MRPC train "
                + "and STS-B train news only; test pairs are never read) and write it to OUT (copy it over "
                + "parallax-core/src/main/resources" + PairScorer.RESOURCE + ").")
        Path fit;

        /** Which model's figures: the pair scorer's, or the pair decision the brief aligns claims with. */
        enum Scorer { shipped, brief }

        @Option(names = "--scorer", paramLabel = "shipped|brief", defaultValue = "shipped", description = "shipped: the "
                + "pair scorer (default); brief: the brief's claim model, exactly as the brief scores and decides a "
                + "pair of units.")
        Scorer scorer;

        @Option(names = "--embedder", paramLabel = "NAME", description = "With --scorer brief: score with this unit "
                + "embedder (minilm, minilm-claims-q, static, ...) instead of the brief's own (minilm-q), e.g. to measure the "
                + "brief before its embedder changes.")
        String embedder;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            PrintWriter out = output.out();
            if (gold.size() != (fit == null ? 1 : 2)) {
                throw new Failures.UserError(ExitCodes.USAGE, fit == null ? "give --gold once (or use --fit)"
                        : "--fit needs --gold twice: the MRPC file, then the STS-B file");
            }
            if (embedder != null && scorer != Scorer.brief) {
                throw new Failures.UserError(ExitCodes.USAGE, "--embedder goes with --scorer brief");
            }
            EmbedderChoice unitEmbedder;
            try {
                unitEmbedder = embedder == null ? StoryBriefs.EMBEDDER : EmbedderChoice.named(embedder);
            } catch (IllegalArgumentException e) {
                throw new Failures.UserError(ExitCodes.USAGE, e.getMessage());
            }
            if (fit != null && scorer == Scorer.brief) {
                throw new Failures.UserError(ExitCodes.USAGE, "--fit refits the pair scorer; the brief's claim model "
                        + "is refitted by parallax eval brief --fit-claim-model");
            }
            PairsReport report;
            String method = scorer == Scorer.brief ? PairsEvaluation.BRIEF : PairsEvaluation.SCORER;
            try {
                if (scorer == Scorer.brief) {
                    try (Embedder units =
                            unitEmbedder.open(Runtime.getRuntime().availableProcessors())) {
                        report = PairsEvaluation.runBrief(gold.get(0), units);
                    }
                } else {
                    try (PairScorer.Encoders encoders = PairScorer.Encoders.open()) {
                        if (fit != null) {
                            PairsEvaluation.fit(gold.get(0), gold.get(1), encoders).write(fit);
                            out.println("wrote " + fit);
                            out.flush();
                            return ExitCodes.OK;
                        }
                        report = PairsEvaluation.run(gold.get(0), encoders);
                    }
                }
            } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                throw new Failures.UserError(ExitCodes.IO, e.getMessage());
            }
            return output.print(() -> {
                ObjectNode root = Json.object();
                root.put("dataset", report.dataset());
                // The headline figure is the issue's: the news subset of STS-B test, else the whole test split.
                String subset = report.results().stream().anyMatch(x -> x.subset().equals("test news")) ? "test news"
                        : "test";
                PairsResult head = report.result(subset, method);
                ObjectNode h = (ObjectNode) Json.tree(head);
                for (String k : List.of("pearson", "spearman", "f1", "accuracy", "threshold")) {
                    if (h.hasNonNull(k)) {
                        root.set(k, h.get(k));
                    }
                }
                root.set("results", Json.tree(report.results()));
                return Json.write(root);
            }, text -> text.println(report.toText()));
        }
    }

    @Command(name = "brief", mixinStandardHelpOptions = true,
            description = {"Builds the brief of every BASIL triplet and counts how often annotated informational-bias "
                    + "spans land in claims marked partial or unique rather than consensus, against random spans of "
                    + "the same lengths in the same articles."})
    static final class BriefOnBasil implements Callable<Integer> {
        @Option(names = "--basil", paramLabel = "DIR",
                description = "The BASIL folder (basil.articles.jsonl and basil-annotations.jsonl).")
        Path basil;

        @Option(names = "--fit-claim-model", paramLabel = "PAIRS", description = "Instead: fit the brief's claim model "
                + "on the train split of a pairs file (STS-B for the shipped one) and print it in the form of "
                + "parallax-core/src/main/resources/dev/parallax/core/brief/claim-model.properties.")
        Path fitClaimModel;

        @Option(names = "--same-claim", paramLabel = "GRADE", defaultValue = "2.0",
                description = "With --fit-claim-model on graded gold: the lowest grade that counts as one claim "
                        + "(default: ${DEFAULT-VALUE}).")
        double sameClaim;

        @Option(names = "--held-out-fifth", description = "With --fit-claim-model: fit on the train pairs of the "
                + "fifth the unit embedder's fine-tuning held out (how a claim model for minilm-claims-q is "
                + "fitted: the encoder's cosines on its own training pairs are over-confident).")
        boolean heldOutFifth;

        @Option(names = "--news", description = "With --fit-claim-model on STS-B: fit on its news train pairs only "
                + "(the genre of the brief's sentences and of the issue's target).")
        boolean news;

        @Option(names = "--stories", paramLabel = "N", defaultValue = "-1",
                description = "Only the first N triplets (default: all).")
        int stories;

        @Option(names = "--lexical", description = "Align claims by words only, without sentence embeddings.")
        boolean lexical;

        @Option(names = "--embedder", paramLabel = "NAME", description = "The sentence embedder: minilm (float32), "
                + "minilm-q (int8), minilm-claims-q / minilm-claims (fine-tuned, int8 / float32), bge-q or static "
                + "(default: the brief's, ${DEFAULT-VALUE}; the shipped claim model was fitted with it, --news).")
        String embedderName = StoryBriefs.EMBEDDER.label();

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = output.out();
            if ((basil == null) == (fitClaimModel == null)) {
                throw new Failures.UserError(ExitCodes.USAGE, "give either --basil DIR or --fit-claim-model PAIRS");
            }
            EmbedderChoice choice;
            try {
                choice = EmbedderChoice.named(embedderName);
            } catch (IllegalArgumentException e) {
                throw new Failures.UserError(ExitCodes.USAGE, e.getMessage());
            }
            int threads = Runtime.getRuntime().availableProcessors();
            if (fitClaimModel != null) {
                try (Embedder embedder = choice.open(threads)) {
                    out.print(ClaimModelFit.fit(fitClaimModel, embedder, sameClaim, heldOutFifth, news));
                } catch (IllegalArgumentException e) {
                    throw new Failures.UserError(ExitCodes.IO, e.getMessage());
                }
                out.flush();
                return ExitCodes.OK;
            }
            BasilBriefEvaluation.Result r;
            Embedder embedder = lexical ? null : choice.open(threads);
            try (Progress progress = new Progress("Briefing", stories < 0 ? 100 : stories)) {
                r = BasilBriefEvaluation.run(basil, () -> new BriefBuilder(embedder), stories, progress);
            } catch (IllegalArgumentException e) {
                throw new Failures.UserError(ExitCodes.IO, e.getMessage());
            } finally {
                if (embedder != null) {
                    embedder.close();
                }
            }
            return output.print(() -> Json.write(Json.tree(r)), text -> {
                text.printf("%d triplets, %d articles, %d spans not found in the body%n", r.stories(), r.articles(),
                        r.notFound());
                line(text, "informational bias", r.informational());
                line(text, "random, same lengths", r.random());
                line(text, "lexical bias", r.lexical());
            });
        }

        private static void line(PrintWriter out, String what, BasilBriefEvaluation.Counts c) {
            out.printf("%-22s %4d spans: consensus %4d, partial %4d, unique %4d (outside %d); partial or unique %.1f%%%n",
                    what, c.total(), c.consensus(), c.partial(), c.unique(), c.outside(), 100 * c.notConsensusShare());
        }
    }

    @Command(name = "embedders", mixinStandardHelpOptions = true,
            description = {"Compares the fast embedders with MiniLM float32: Pearson/Spearman of the cosine with the "
                    + "STS-B news gold (--split, default test), and agreement with MiniLM on the distinct titles of "
                    + "--headlines (Pearson of all pairwise cosines, same nearest neighbour, shared top 10).",
                    "With --distill OUT, instead trains the static embedder's table, a student of minilm-q: "
                    + "MiniLM's vector of each word piece alone, SIF-weighted by the pieces' frequencies in the "
                    + "--corpus texts, then trained so that each text's vector points where minilm-q's does. The "
                    + "texts are what the pipeline embeds (headline + lead, or the headline of a headline-only "
                    + "item) and each full article's headline; one in " + StaticEmbedder.HELD_OUT + " (by hash) is "
                    + "held out and scored, never trained on. The shipped table: see docs/BENCHMARKS.md, "
                    + "\"Sentence embeddings\"."})
    static final class Embedders implements Callable<Integer> {
        @Option(names = "--pairs", paramLabel = "FILE", description = "STS-B in Format B (stsb.pairs.jsonl).")
        Path pairs;

        @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT",
                description = "STS-B split whose news pairs are scored: train, dev or test (default ${DEFAULT-VALUE}).")
        String split;

        @Option(names = "--headlines", paramLabel = "FILE",
                description = "Articles JSON Lines whose titles are compared.")
        Path headlines;

        @Option(names = "--embedder", paramLabel = "NAME", split = ",", defaultValue = "minilm-q,static",
                description = "Embedders to compare with MiniLM (default ${DEFAULT-VALUE}).")
        List<String> embedders;

        @Option(names = "--distill", paramLabel = "OUT.bin.gz",
                description = "Write a newly trained static table (copy it over parallax-core/src/main/resources"
                        + StaticEmbedder.RESOURCE + ").")
        Path distill;

        @Option(names = "--corpus", paramLabel = "FILE", arity = "1..*", description = "With --distill: articles "
                + "(JSON Lines, .gz allowed) whose texts train the table; never a file a figure is claimed on.")
        List<Path> corpus = List.of();

        @Option(names = "--targets", paramLabel = "DIR", description = "With --distill: keep minilm-q's vectors of "
                + "the texts in DIR/minilm-q.vectors across runs (an --embedding-cache file; the model is the cost).")
        Path targets;

        @Option(names = "--epochs", paramLabel = "N", defaultValue = "20",
                description = "With --distill: passes over the texts (default ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--learning-rate", paramLabel = "R", defaultValue = "0.001",
                description = "With --distill: Adam's step size (default ${DEFAULT-VALUE}).")
        double learningRate;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            PrintWriter out = output.out();
            if (distill != null) {
                if (corpus.isEmpty()) {
                    throw new ParameterException(output.spec.commandLine(), "--distill needs --corpus");
                }
                try {
                    StudentTraining.train(corpus, targets, epochs, learningRate, distill, out);
                } catch (IllegalArgumentException e) {
                    throw new Failures.UserError(ExitCodes.USAGE, e.getMessage());
                } catch (IOException e) {
                    throw new Failures.UserError(ExitCodes.IO, e.getMessage());
                }
                out.flush();
                return ExitCodes.OK;
            }
            if (pairs == null || headlines == null) {
                throw new ParameterException(output.spec.commandLine(), "give --pairs and --headlines (or --distill)");
            }
            List<EmbedderChoice> choices;
            List<dev.parallax.eval.pairs.TextPair> news;
            List<String> titles;
            try {
                choices = embedders.stream().map(EmbedderChoice::named).toList();
                news = EmbedderComparison.stsb(pairs, "stsb-" + split + "-main-news-");
                titles = JsonLinesTexts.field(headlines, "title").stream().distinct().toList();
            } catch (IllegalArgumentException e) {
                throw new Failures.UserError(ExitCodes.IO, e.getMessage());
            }
            ObjectNode root = Json.object();
            root.put("stsbSubset", split + " news");
            root.put("headlines", titles.size());
            float[][] reference;
            try (dev.parallax.core.embed.Embedder minilm = EmbedderChoice.MINILM.open(
                    Runtime.getRuntime().availableProcessors())) {
                root.set(EmbedderChoice.MINILM.label(), Json.tree(EmbedderComparison.correlation(split + " news",
                        minilm, news)));
                reference = minilm.embed(titles);
            }
            for (EmbedderChoice c : choices) {
                try (dev.parallax.core.embed.Embedder e = c.open(Runtime.getRuntime().availableProcessors())) {
                    ObjectNode n = root.putObject(c.label());
                    n.set("stsb", Json.tree(EmbedderComparison.correlation(split + " news", e, news)));
                    n.set("agreementWithMinilm", Json.tree(EmbedderComparison.agreement(reference, e.embed(titles))));
                }
            }
            return output.print(() -> Json.write(root), text -> text.println(root.toPrettyString()));
        }
    }

    @Command(name = "extraction", mixinStandardHelpOptions = true,
            description = {"Takes the article text out of each page of the ScrapingHub article-extraction benchmark "
                    + "with the HTML reader of `parallax ingest`, and scores it against the gold text with the "
                    + "benchmark's own metric (4-token shingles; precision and recall averaged over pages; F1 of the "
                    + "means). The reference systems' stored outputs (output/*.json) are scored by the same code in "
                    + "the same run.",
                    "JSON: {\"systems\":[{\"system\",\"pages\",\"p\",\"r\",\"f1\",\"f1Std\"}],"
                    + "\"cpuMillisPerPage\",\"found\":{\"title\",\"published\",\"outlet\",\"url\"}}, best F1 "
                    + "first; ours are \"parallax\" (the extractor) and \"parallax+cleaner\" (then the cleaner: the "
                    + "text ingest analyses); found counts the pages where we found each field."})
    static final class Extraction implements Callable<Integer> {
        @Option(names = "--scrapinghub", required = true, paramLabel = "DIR",
                description = "The benchmark's folder (../shared/data/extraction/scrapinghub).")
        Path dir;

        @Option(names = "--pages", paramLabel = "N", defaultValue = "0",
                description = "Also print our N worst pages (lower of P and R) with their URL.")
        int worst;

        @Mixin
        Output output;

        @Override
        public Integer call() throws IOException {
            ExtractionEvaluation.Report r;
            try {
                r = ExtractionEvaluation.run(dir);
            } catch (IllegalArgumentException e) {
                throw new Failures.UserError(ExitCodes.IO, e.getMessage());
            }
            return output.print(r::toJson, out -> {
                out.println(r.toText());
                r.pages().stream().limit(worst).forEach(p -> out.printf(Locale.ROOT,
                        "P %.3f  R %.3f  %s  %s%s%n", p.precision(), p.recall(), p.id().substring(0, 12), p.url(),
                        p.rejected() == null ? "" : "  (rejected: " + p.rejected() + ")"));
            });
        }
    }

    @Command(name = "furniture", mixinStandardHelpOptions = true,
            description = {"Scores the cleaner's page-furniture model on the test half of the ScrapingHub pages (odd "
                    + "places in id order; the shipped model is fitted on the even ones): every text block of a page, "
                    + "as a scraper that keeps all paragraphs sees it, is furniture unless the gold article body holds "
                    + "it or it is the page's headline. With --corpus instead, cleans a corpus as one batch, as "
                    + "`parallax ingest` does, and counts what it removes as page furniture (plain text has no gold).",
                    "JSON: {\"pages\",\"blocks\",\"threshold\",\"furniture\":{\"p\",\"r\",\"f1\"},"
                    + "\"articleWordsLost\",\"headlinesLost\",\"text\":{\"allBlocks\":{\"p\",\"r\",\"f1\"},"
                    + "\"kept\":{..}}}: furniture blocks found; the shares of article words and of headlines taken "
                    + "for furniture; the benchmark's shingle metric for every block and for the blocks kept. With "
                    + "--corpus: {\"articles\",\"touched\",\"reasons\":{REASON:{\"removed\",\"distinct\","
                    + "\"top\":[{\"text\",\"count\"}]}}}."})
    static final class Furniture implements Callable<Integer> {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Input input;

        static final class Input {
            @Option(names = "--scrapinghub", required = true, paramLabel = "DIR",
                    description = "The benchmark's folder (../shared/data/extraction/scrapinghub).")
            Path dir;

            @Option(names = "--corpus", required = true, paramLabel = "FILE",
                    description = "Articles to clean and count removals of (any input `parallax ingest` reads).")
            Path corpus;
        }

        @Option(names = "--top", paramLabel = "N", defaultValue = "20",
                description = "With --corpus: how many of the most removed texts to list per reason "
                        + "(default: ${DEFAULT-VALUE}).")
        int top;

        @Mixin
        Output output;

        @Override
        public Integer call() throws IOException {
            if (top < 0) {
                throw new Failures.UserError(ExitCodes.USAGE, "--top must be 0 or more, got " + top);
            }
            if (input.corpus != null) {
                BoilerplateCount c = BoilerplateCount.of(Sources.readAll(input.corpus, (origin, reason) -> { }));
                return output.print(() -> c.toJson(top), out -> out.println(c.toText(top)));
            }
            FurnitureFit.Scores s;
            try {
                s = FurnitureFit.evaluate(FurniturePages.read(input.dir).test(), PageFurniture.shipped());
            } catch (IllegalArgumentException e) {
                throw new Failures.UserError(ExitCodes.IO, e.getMessage());
            }
            return output.print(s::toJson, out -> out.println(s.toText()));
        }
    }
}
