package dev.parallax.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.eval.ClusteringEvaluation;
import dev.parallax.core.story.StoryFeature;
import dev.parallax.core.story.StoryModel;
import dev.parallax.eval.ClusteringScores;
import dev.parallax.eval.StoryClusteringTool;
import java.util.EnumSet;
import java.util.List;
import picocli.CommandLine.ParameterException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Measures a stage against labelled data (see ../shared/data/README.md).",
        subcommands = {EvalCommand.Clustering.class})
final class EvalCommand {
    @Command(name = "clustering", mixinStandardHelpOptions = true,
            description = {"Runs the pipeline over a labelled articles file in publication order, on a fresh "
                    + "temporary store with the gold story hidden, and compares the stories it makes with the gold "
                    + "ones: B-cubed and pairwise precision, recall and F1."})
    static final class Clustering implements Callable<Integer> {
        @Option(names = "--gold", required = true, paramLabel = "FILE", arity = "1..*",
                description = "Articles JSON Lines whose `story` field is the gold label (.jsonl or .jsonl.gz). "
                        + "One file to evaluate; with --fit, the training files.")
        List<Path> gold;

        @Option(names = "--fit", paramLabel = "OUT.json",
                description = {"Instead of evaluating, fit the story scorer (feature weights and join threshold) on "
                        + "the --gold files and write it to OUT.json. The shipped model is "
                        + "parallax-core/src/main/resources/dev/parallax/core/story/story-model.json, fitted on "
                        + "ECB+ train only. Never report figures on data a model was fitted on."})
        Path fit;

        @Option(names = "--json", description = "Print {\"articles\",\"stories\":{\"gold\",\"predicted\"},\"b3\","
                + "\"pairwise\"} as JSON.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (fit != null) {
                for (Path g : gold) {
                    ClusteringEvaluation.load(g); // the same clear error as evaluating when a file is unusable
                }
                StoryModel model = StoryClusteringTool.fit(gold, EnumSet.allOf(StoryFeature.class));
                model.write(fit);
                PrintWriter out = spec.commandLine().getOut();
                out.println("wrote " + fit + ": " + model);
                out.flush();
                return ExitCodes.OK;
            }
            if (gold.size() != 1) {
                throw new ParameterException(spec.commandLine(), "evaluate one --gold file at a time (several only "
                        + "with --fit)");
            }
            var labelled = ClusteringEvaluation.load(gold.get(0));
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
}
