package dev.parallax.cli;

import dev.parallax.core.model.RawArticle;
import dev.parallax.core.pipeline.SourceSink;
import dev.parallax.eval.entity.CommonWordsBuilder;
import dev.parallax.eval.entity.EntityTypeTrainer;
import dev.parallax.eval.extraction.FurnitureFit;
import dev.parallax.eval.extraction.FurniturePages;
import dev.parallax.ingest.Sources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Re-makes the models and lexicons the annotators ship as resources: one subcommand per resource, reading only the
 * data (and split) the resource may be fitted on, writing the file given with {@code --out}. The command that made a
 * shipped resource is named in the javadoc of the class that reads it.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Fits a model or lexicon that an annotator ships as a resource, from the training split of a "
                + "dataset, and writes the resource file. Evaluate the result with `parallax eval` on another split."},
        subcommands = {TrainCommand.EntityTypes.class, TrainCommand.CommonWords.class,
                TrainCommand.Furniture.class})
final class TrainCommand {
    private TrainCommand() {}

    @Command(name = "entity-types", mixinStandardHelpOptions = true,
            description = {"Trains the entity annotator's typing model (an averaged perceptron over the mentions it "
                    + "finds) on documents of a CoNLL file and writes type-model.tsv.",
                    "The shipped model: --conll ../shared/data/ner/wikigold/wikigold.conll.txt --docs 1-72 (documents "
                            + "73-145 are left for `parallax eval entities`)."})
    static final class EntityTypes implements Callable<Integer> {
        @Option(names = "--conll", required = true, paramLabel = "FILE", description = "A CoNLL NER file.")
        Path conll;

        @Option(names = "--docs", required = true, paramLabel = "FROM-TO", converter = DocumentRange.Converter.class,
                description = "Train on documents FROM..TO only (1-based, inclusive).")
        DocumentRange docs;

        @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + EntityTypeTrainer.EPOCHS,
                description = "Passes over the training documents (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the model.")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            if (epochs < 1) {
                throw new Failures.UserError(ExitCodes.USAGE, "--epochs must be 1 or more, got " + epochs);
            }
            String model;
            try {
                model = EntityTypeTrainer.model(conll, docs.fromIndex(), docs.toIndex(), epochs);
            } catch (IllegalArgumentException e) {
                throw new Failures.UserError(ExitCodes.IO, e.getMessage());
            }
            return write(out, model, spec);
        }
    }

    @Command(name = "common-words", mixinStandardHelpOptions = true,
            description = {"Counts, for every word of the article bodies, how often it is written in lower case away "
                    + "from the start of a sentence, and writes the entity annotator's common-words.txt (no labels "
                    + "are used).",
                    "The shipped list: ../shared/data/bulk/reuters21578.articles.jsonl "
                            + "../shared/data/bulk/bbc.articles.jsonl."})
    static final class CommonWords implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the list.")
        Path out;

        @Parameters(arity = "1..*", paramLabel = "ARTICLES", description = "Articles files (.jsonl, .jsonl.gz).")
        List<Path> corpora;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            CommonWordsBuilder words = new CommonWordsBuilder();
            for (Path corpus : corpora) {
                Sources.open(corpus).read(new SourceSink() {
                    @Override
                    public void article(RawArticle a) {
                        words.add(a.text());
                    }

                    @Override
                    public void rejected(String origin, String reason) {
                        // A resource built from part of its data would differ from the one it claims to be.
                        throw new Failures.UserError(ExitCodes.IO, "cannot use " + origin + ": " + reason);
                    }
                });
            }
            return write(out, words.resource(), spec);
        }
    }

    @Command(name = "furniture", mixinStandardHelpOptions = true,
            description = {"Fits the cleaner's page-furniture model (a word lexicon and boosted trees over shallow "
                    + "text features) on the training half of the ScrapingHub pages (even places in id order), "
                    + "chooses its threshold there by cross-validation, prints the out-of-fold figures and writes "
                    + "page-furniture.json. Score it with `parallax eval furniture`.",
                    "The shipped model: --scrapinghub ../shared/data/extraction/scrapinghub."})
    static final class Furniture implements Callable<Integer> {
        @Option(names = "--scrapinghub", required = true, paramLabel = "DIR",
                description = "The benchmark's folder (../shared/data/extraction/scrapinghub).")
        Path dir;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the model.")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            FurnitureFit.Fit fit;
            try {
                fit = FurnitureFit.fit(FurniturePages.read(dir).train());
            } catch (IllegalArgumentException e) {
                throw new Failures.UserError(ExitCodes.IO, e.getMessage());
            }
            fit.curve().forEach(spec.commandLine().getOut()::println);
            spec.commandLine().getOut().printf("out of fold on the training half, at the chosen threshold:%n%s%n"
                    + "%d lexicon words, %d trees%n", fit.outOfFold().toText(), fit.model().lexicon().size(),
                    fit.model().trees().trees().size());
            return write(out, fit.model().toJson(), spec);
        }
    }

    private static int write(Path out, String resource, CommandSpec spec) throws IOException {
        Files.writeString(out, resource, StandardCharsets.UTF_8);
        spec.commandLine().getOut().printf("wrote %s (%d lines)%n", out, resource.lines().count());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
