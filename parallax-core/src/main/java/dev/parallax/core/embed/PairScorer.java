package dev.parallax.core.embed;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallax.core.embed.OnnxEmbedder.TokenEmbedding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How closely two sentences agree: the shipped claim-alignment scorer. It embeds both texts with MiniLM (sentence and
 * token vectors), computes {@link PairFeatures} and applies two boosted-tree heads fitted on public benchmarks' train
 * splits only: a 0–5 similarity (STS-B) and a paraphrase probability with its F1-optimal threshold (MRPC). See
 * docs/pairs-results.md for their test figures and the command that refits {@value #RESOURCE}.
 *
 * <p>Thread-safe (the embedder is, and the model is immutable). Use {@link #scoreAll} for many pairs: each distinct
 * text is embedded once, in batches.
 */
public final class PairScorer {

    /** Classpath resource holding the fitted {@link Model}. */
    public static final String RESOURCE = "/dev/parallax/core/embed/pair-scorer.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Everything fitted: the feature order and both heads.
     *
     * @param features            {@link PairFeatures#NAMES} at fitting time; a mismatch means the resource is stale
     * @param similarity          regression onto the STS-B 0–5 scale
     * @param paraphrase          log-odds that the two say the same thing (MRPC)
     * @param paraphraseThreshold log-odds at or above which a pair counts as a paraphrase (best F1 on MRPC train)
     */
    public record Model(List<String> features, BoostedTrees similarity, BoostedTrees paraphrase,
                        double paraphraseThreshold) {

        public Model {
            features = List.copyOf(features);
            Objects.requireNonNull(similarity, "similarity");
            Objects.requireNonNull(paraphrase, "paraphrase");
        }

        public void write(Path file) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                JSON.writeValue(file.toFile(), this);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write pair scorer model " + file + ": " + e.getMessage(), e);
            }
        }

        public static Model read(InputStream in, String where) {
            Model m;
            try {
                m = JSON.readValue(in, Model.class);
            } catch (IOException e) {
                throw new EmbeddingException("Cannot read pair scorer model " + where + ": " + e.getMessage(), e);
            }
            if (!m.features().equals(PairFeatures.NAMES)) {
                throw new EmbeddingException("Pair scorer model " + where + " was fitted on features " + m.features()
                        + " but the code computes " + PairFeatures.NAMES + ": refit it (see docs/pairs-results.md)");
            }
            return m;
        }
    }

    /**
     * The scores of one pair.
     *
     * @param similarity  graded similarity on the STS-B scale (0 unrelated … 5 equivalent; may stray slightly outside)
     * @param paraphrase  probability that the two sentences say the same thing
     * @param equivalent  whether that probability clears the threshold fitted for best F1
     */
    public record Score(double similarity, double paraphrase, boolean equivalent) {
    }

    private final OnnxEmbedder embedder;
    private final Model model;

    public PairScorer(OnnxEmbedder embedder, Model model) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.model = Objects.requireNonNull(model, "model");
    }

    /** The shipped model ({@value #RESOURCE}) over {@code embedder}, which must be the default MiniLM it was fitted with. */
    public static PairScorer shipped(OnnxEmbedder embedder) {
        try (InputStream in = PairScorer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new EmbeddingException("Pair scorer model " + RESOURCE + " is not on the classpath");
            }
            return new PairScorer(embedder, Model.read(in, RESOURCE));
        } catch (IOException e) {
            throw new EmbeddingException("Cannot read pair scorer model " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    public Score score(String a, String b) {
        return scoreAll(List.of(a), List.of(b)).getFirst();
    }

    /** Scores {@code as.get(i)} against {@code bs.get(i)} for every i. */
    public List<Score> scoreAll(List<String> as, List<String> bs) {
        List<double[]> features = features(embedder, as, bs);
        List<Score> out = new ArrayList<>(features.size());
        for (double[] x : features) {
            double logOdds = model.paraphrase().score(x);
            out.add(new Score(model.similarity().score(x), 1 / (1 + Math.exp(-logOdds)),
                    logOdds >= model.paraphraseThreshold()));
        }
        return out;
    }

    /** {@link PairFeatures} of each pair, embedding every distinct text once; for scoring and for fitting. */
    public static List<double[]> features(OnnxEmbedder embedder, List<String> as, List<String> bs) {
        if (as.size() != bs.size()) {
            throw new IllegalArgumentException("Need as many first texts as second texts: " + as.size() + " vs " + bs.size());
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>(as);
        distinct.addAll(bs);
        List<String> texts = List.copyOf(distinct);
        List<TokenEmbedding> embedded = embedder.embedTokens(texts);
        Map<String, TokenEmbedding> byText = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            byText.put(texts.get(i), embedded.get(i));
        }
        List<double[]> out = new ArrayList<>(as.size());
        for (int i = 0; i < as.size(); i++) {
            String a = as.get(i), b = bs.get(i);
            out.add(PairFeatures.of(a, b, byText.get(a), byText.get(b)));
        }
        return out;
    }
}
