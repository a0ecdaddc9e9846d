package dev.parallax.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.eval.ClusteringEvaluation;
import dev.parallax.eval.ClusteringScores;
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
}
