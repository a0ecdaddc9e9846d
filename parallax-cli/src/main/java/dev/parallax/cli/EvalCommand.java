package dev.parallax.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.eval.ClusteringEvaluation;
import dev.parallax.eval.ClusteringScores;
import dev.parallax.core.brief.BriefBuilder;
import dev.parallax.core.embed.OnnxEmbedder;
import dev.parallax.eval.brief.BasilBriefEvaluation;
import dev.parallax.eval.pairs.PairsEvaluation;
import dev.parallax.eval.pairs.PairsReport;
import dev.parallax.eval.pairs.PairsResult;
import dev.parallax.eval.time.TimeEvaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measures a stage against labelled data (see ../shared/data/README.md).",
        subcommands = {EvalCommand.Clustering.class, EvalCommand.Time.class})
final class EvalCommand {
    @Command(name = "clustering", mixinStandardHelpOptions = true,
            description = {"Runs the pipeline over a labelled articles file in publication order, on a fresh "
                    + "temporary store with the gold story hidden, and compares the stories it makes with the gold "
                    + "ones: B-cubed and pairwise precision, recall and F1."})
    static final class Clustering implements Callable<Integer> {
        @Option(names = "--gold", required = true, paramLabel = "FILE",
                description = "Articles JSON Lines whose `story` field is the gold label (.jsonl or .jsonl.gz).")
        Path gold;

        @Option(names = "--json", description = "Print {\"articles\",\"stories\":{\"gold\",\"predicted\"},\"b3\","
                + "\"pairwise\"} as JSON.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            var labelled = ClusteringEvaluation.load(gold);
            ClusteringScores r;
            try (Progress progress = new Progress("Clustering", labelled.size())) {
                r = ClusteringEvaluation.evaluate(labelled, progress);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = Json.object();
                root.put("articles", r.items());
                ObjectNode stories = root.putObject("stories");
                stories.put("gold", r.goldClusters());
                stories.put("predicted", r.predictedClusters());
                root.set("b3", scores(r.b3Precision(), r.b3Recall(), r.b3F1()));
                root.set("pairwise", scores(r.pairPrecision(), r.pairRecall(), r.pairF1()));
                out.println(Json.write(root));
            } else {
                out.printf("articles %d, gold stories %d, predicted stories %d%n", r.items(), r.goldClusters(),
                        r.predictedClusters());
                out.printf("B3        P %.4f  R %.4f  F1 %.4f%n", r.b3Precision(), r.b3Recall(), r.b3F1());
                out.printf("pairwise  P %.4f  R %.4f  F1 %.4f%n", r.pairPrecision(), r.pairRecall(), r.pairF1());
            }
            out.flush();
            return ExitCodes.OK;
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
                    + "value F1 and type F1 (attribute F1 over relaxed matches)."})
    static final class Time implements Callable<Integer> {
        @Option(names = "--timeml", required = true, paramLabel = "DIR", description = "A folder of .tml files.")
        Path dir;

        @Option(names = "--json", description = "Print {\"strict\",\"relaxed\",\"value\",\"type\"} as JSON, "
                + "with counts and a per-corpus breakdown.")
        boolean json;

        @Option(names = "--errors", description = "Also print one line per missed, spurious or wrong expression.")
        boolean errors;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            TimeEvaluation.Result r = TimeEvaluation.run(dir);
            PrintWriter out = spec.commandLine().getOut();
            if (errors) {
                r.errors().forEach(out::println);
            }
            out.println(json ? r.toJson() : r.toText());
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "pairs", mixinStandardHelpOptions = true,
            description = {"Scores sentence pairs (Format B: MRPC, STS-B, SemEval-2022 task 8) with MiniLM embedding "
                    + "cosine and with cosine plus surface features; anything fitted (a threshold, the combined model) "
                    + "is fitted on the train split and measured on test."})
    static final class Pairs implements Callable<Integer> {
        @Option(names = "--gold", required = true, paramLabel = "FILE", description = "A *.pairs.jsonl file.")
        Path gold;

        @Option(names = "--json", description = "Print {\"dataset\",\"pearson\",\"spearman\",\"f1\",\"accuracy\","
                + "\"threshold\" (those defined for the dataset, from the combined model on test),\"results\":[...]}.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PairsReport report;
            try (OnnxEmbedder embedder = OnnxEmbedder.miniLm()) {
                report = PairsEvaluation.run(gold, embedder);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode root = Json.object();
                root.put("dataset", report.dataset());
                PairsResult head = report.result("test", PairsEvaluation.COMBINED);
                ObjectNode h = (ObjectNode) Json.tree(head);
                for (String k : java.util.List.of("pearson", "spearman", "f1", "accuracy", "threshold")) {
                    if (h.hasNonNull(k)) {
                        root.set(k, h.get(k));
                    }
                }
                root.set("results", Json.tree(report.results()));
                out.println(Json.write(root));
            } else {
                out.println(report.toText());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "brief", mixinStandardHelpOptions = true,
            description = {"Builds the brief of every BASIL triplet and counts how often annotated informational-bias "
                    + "spans land in claims marked partial or unique rather than consensus, against random spans of "
                    + "the same lengths in the same articles."})
    static final class BriefOnBasil implements Callable<Integer> {
        @Option(names = "--basil", required = true, paramLabel = "DIR",
                description = "The BASIL folder (basil.articles.jsonl and basil-annotations.jsonl).")
        Path basil;

        @Option(names = "--stories", paramLabel = "N", defaultValue = "-1",
                description = "Only the first N triplets (default: all).")
        int stories;

        @Option(names = "--lexical", description = "Align claims by words only, without sentence embeddings.")
        boolean lexical;

        @Option(names = "--json", description = "Print the counts as JSON.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            BasilBriefEvaluation.Result r;
            OnnxEmbedder embedder = lexical ? null : OnnxEmbedder.miniLm();
            try (Progress progress = new Progress("Briefing", stories < 0 ? 100 : stories)) {
                r = BasilBriefEvaluation.run(basil, () -> new BriefBuilder(embedder), stories, progress);
            } finally {
                if (embedder != null) {
                    embedder.close();
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(Json.tree(r)));
            } else {
                out.printf("%d triplets, %d articles, %d spans not found in the body%n", r.stories(), r.articles(),
                        r.notFound());
                line(out, "informational bias", r.informational());
                line(out, "random, same lengths", r.random());
                line(out, "lexical bias", r.lexical());
            }
            out.flush();
            return ExitCodes.OK;
        }

        private static void line(PrintWriter out, String what, BasilBriefEvaluation.Counts c) {
            out.printf("%-22s %4d spans: consensus %4d, partial %4d, unique %4d (outside %d); partial or unique %.1f%%%n",
                    what, c.total(), c.consensus(), c.partial(), c.unique(), c.outside(), 100 * c.notConsensusShare());
        }
    }
}
