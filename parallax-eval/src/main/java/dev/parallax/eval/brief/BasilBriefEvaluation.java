package dev.parallax.eval.brief;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.BriefBuilder;
import dev.parallax.core.model.Article;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.eval.LabelledArticles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Does the brief put what BASIL's annotators marked as informational bias (facts an outlet chose to include, which
 * the others may not carry) into claims it marks partial or unique? For every BASIL triplet (one event, three outlets)
 * the brief is built from the three articles through the standard annotators, each annotated span is located in its
 * article, and the status of the claim covering the span's middle is counted. The same is done for random spans of
 * the same length in the same articles (a fixed seed), which is the baseline: if the brief knows nothing about
 * selection, bias spans and random spans land in consensus claims equally often. Lexical-bias spans are counted too,
 * for contrast. Nothing is fitted here, so every figure is a measurement.
 */
public final class BasilBriefEvaluation {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TRIES = 20;

    /** How many spans landed in claims of each status, and how many fell outside every claim. */
    public record Counts(int consensus, int partial, int unique, int outside) {
        public int total() {
            return consensus + partial + unique;
        }

        /** Share of the spans inside claims that are in partial or unique claims. */
        public double notConsensusShare() {
            return total() == 0 ? 0 : (double) (partial + unique) / total();
        }

        Counts plus(Brief.Status s) {
            if (s == null) {
                return new Counts(consensus, partial, unique, outside + 1);
            }
            return switch (s) {
                case CONSENSUS -> new Counts(consensus + 1, partial, unique, outside);
                case PARTIAL -> new Counts(consensus, partial + 1, unique, outside);
                case UNIQUE -> new Counts(consensus, partial, unique + 1, outside);
            };
        }
    }

    /**
     * @param stories triplets evaluated
     * @param notFound annotated spans whose text is not in the article body (BASIL puts 3 in titles)
     * @param informational informational-bias spans
     * @param random random spans of the same lengths, in the same articles
     * @param lexical lexical-bias spans
     */
    public record Result(int stories, int articles, int notFound, Counts informational, Counts random,
            Counts lexical) {}

    private BasilBriefEvaluation() {}

    /**
     * @param dir the BASIL folder, holding {@code basil.articles.jsonl} and {@code basil-annotations.jsonl}
     * @param builders makes a fresh builder for each triplet (briefs are per story)
     * @param progress told after each triplet
     */
    public static Result run(Path dir, java.util.function.Supplier<BriefBuilder> builders, int maxStories,
            IntConsumer progress) {
        Path articlesFile = dir.resolve("basil.articles.jsonl");
        Path annotationsFile = dir.resolve("basil-annotations.jsonl");
        for (Path p : List.of(articlesFile, annotationsFile)) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("no " + p.getFileName() + " in " + dir
                        + " (give the BASIL folder of the shared data)");
            }
        }
        LabelledArticles labelled = LabelledArticles.read(articlesFile);
        Map<String, JsonNode> annotations = annotations(annotationsFile);
        Map<String, List<Article>> stories = new LinkedHashMap<>();
        for (Article a : labelled.articles()) {
            stories.computeIfAbsent(labelled.gold().get(a.id()), k -> new ArrayList<>()).add(a);
        }
        List<Annotator> annotators = Pipelines.annotators();
        Random random = new Random(20190101);
        Counts inf = new Counts(0, 0, 0, 0), rnd = inf, lex = inf;
        int notFound = 0, done = 0, articles = 0;
        for (List<Article> raw : stories.values()) {
            if (done == maxStories) {
                break;
            }
            List<Article> story = raw.stream().map(a -> {
                Article x = a;
                for (Annotator an : annotators) {
                    x = an.annotate(x);
                }
                return x;
            }).toList();
            Brief brief = builders.get().build(story);
            for (Article a : story) {
                articles++;
                Brief.Status[] status = statusByChar(brief, a);
                JsonNode ann = annotations.get(a.id());
                if (ann == null) {
                    continue;
                }
                for (JsonNode span : ann.path("phrase_level")) {
                    String txt = span.path("txt").asText("");
                    int at = txt.isBlank() ? -1 : a.text().indexOf(txt);
                    if (at < 0) {
                        notFound++;
                        continue;
                    }
                    Brief.Status s = status[at + txt.length() / 2];
                    if (span.path("bias").asText().equals("inf")) {
                        inf = inf.plus(s);
                        rnd = rnd.plus(randomSpan(status, txt.length(), random));
                    } else {
                        lex = lex.plus(s);
                    }
                }
            }
            done++;
            progress.accept(done);
        }
        return new Result(done, articles, notFound, inf, rnd, lex);
    }

    /** The status of the claim covering each character of the article, or null between claims. */
    private static Brief.Status[] statusByChar(Brief brief, Article a) {
        Brief.Status[] out = new Brief.Status[a.text().length() + 1];
        for (Brief.Claim c : brief.claims()) {
            for (Brief.Span s : c.spans()) {
                if (s.article().equals(a.id())) {
                    for (int i = s.start(); i < s.end(); i++) {
                        out[i] = c.status();
                    }
                }
            }
        }
        return out;
    }

    /** The status at the middle of a random span of the given length that lies inside some claim. */
    private static Brief.Status randomSpan(Brief.Status[] status, int length, Random random) {
        int room = status.length - 1 - length;
        if (room <= 0) {
            return status[(status.length - 1) / 2];
        }
        for (int t = 0; t < TRIES; t++) {
            Brief.Status s = status[random.nextInt(room + 1) + length / 2];
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    private static Map<String, JsonNode> annotations(Path file) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        try {
            int n = 0;
            for (String line : Files.readAllLines(file)) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode o = JSON.readTree(line);
                if (!o.hasNonNull("id")) {
                    throw new IllegalArgumentException(file + ":" + n + ": annotation without an id");
                }
                out.put(o.get("id").asText(), o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }
}
