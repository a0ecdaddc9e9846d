package dev.parallax.core.story;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.model.Article;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The fitted article–story scorers: one for full articles and one for headline-only items (whose text is their
 * headline), because the same cosine means different things for a 10-word headline and a 500-word article. The
 * shipped model ({@link #standard()}) is the resource {@code story-model.json}, fitted on ECB+ train plus the train
 * halves of BASIL and UCI ({@code parallax eval clustering --split DIR}: stories whose label's SHA-256 starts with an
 * even byte) by {@code parallax eval clustering --fit OUT.json --gold ecbplus-train.articles.jsonl
 * uci-6366.train-half.jsonl basil.train-half.jsonl}, with float32 MiniLM vectors
 * ({@code Pipelines.referenceEmbedder()}); the pipeline uses it unchanged on their int8 approximation
 * ({@code Pipelines.embedder()}). See docs/BENCHMARKS.md (story clustering) for the figures and the exact commands.
 *
 * @param articles the scorer for articles with a body
 * @param headlines the scorer for headline-only items
 * @param trainedOn what the model was fitted on, for the record
 */
public record StoryModel(StoryScorer articles, StoryScorer headlines, String trainedOn) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESOURCE = "story-model.json";

    public StoryModel {
        Objects.requireNonNull(articles, "articles");
        Objects.requireNonNull(headlines, "headlines");
        Objects.requireNonNull(trainedOn, "trainedOn");
    }

    /** The model shipped with Parallax. */
    public static StoryModel standard() {
        try (InputStream in = StoryModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from parallax-core");
            }
            return parse(JSON.readTree(in), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Reads a model file written by {@link #write}. */
    public static StoryModel read(Path file) {
        try {
            return parse(JSON.readTree(file.toFile()), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read story model " + file + ": " + e.getMessage(), e);
        }
    }

    public void write(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.set("articles", node(articles));
        root.set("headlines", node(headlines));
        root.put("trainedOn", trainedOn);
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    /** True for an item whose text is only its headline (headline feeds): the headline scorer judges it. */
    public static boolean headlineOnly(Article a) {
        String text = a.text().strip();
        return a.title() != null && (text.isEmpty() || text.equals(a.title().strip()));
    }

    public StoryScorer scorerFor(Article a) {
        return headlineOnly(a) ? headlines : articles;
    }

    /** This model with both scorers' merge level set. */
    public StoryModel withMerge(double m) {
        return new StoryModel(articles.withMerge(Math.max(m, articles.threshold())),
                headlines.withMerge(Math.max(m, headlines.threshold())), trainedOn);
    }

    private static ObjectNode node(StoryScorer s) {
        ObjectNode n = JSON.createObjectNode();
        ObjectNode w = n.putObject("weights");
        for (StoryFeature f : StoryFeature.values()) {
            if (s.weights().containsKey(f)) {
                w.put(f.key(), s.weights().get(f));
            }
        }
        n.put("bias", s.bias());
        n.put("threshold", s.threshold());
        n.put("merge", s.merge());
        n.put("split", s.split());
        return n;
    }

    private static StoryModel parse(JsonNode root, String source) {
        return new StoryModel(scorer(root.path("articles"), source + " \"articles\""),
                scorer(root.path("headlines"), source + " \"headlines\""), root.path("trainedOn").asText(""));
    }

    private static StoryScorer scorer(JsonNode n, String source) {
        JsonNode w = n.path("weights");
        if (!w.isObject() || !n.path("bias").isNumber() || !n.path("threshold").isNumber()) {
            throw new IllegalArgumentException(source + " is not a story scorer: it needs \"weights\", \"bias\" "
                    + "and \"threshold\"");
        }
        Map<StoryFeature, Double> weights = new EnumMap<>(StoryFeature.class);
        for (var it = w.fields(); it.hasNext(); ) {
            var e = it.next();
            StoryFeature f = null;
            for (StoryFeature candidate : StoryFeature.values()) {
                if (candidate.key().equals(e.getKey())) {
                    f = candidate;
                }
            }
            if (f == null || !e.getValue().isNumber()) {
                throw new IllegalArgumentException(source + ": unknown feature or non-numeric weight \""
                        + e.getKey() + "\"");
            }
            weights.put(f, e.getValue().asDouble());
        }
        return new StoryScorer(weights, n.get("bias").asDouble(), n.get("threshold").asDouble(),
                n.path("merge").asDouble(1), n.path("split").asDouble(0));
    }
}
