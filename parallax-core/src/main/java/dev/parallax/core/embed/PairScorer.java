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
 * token vectors) and bge-small-en-v1.5 (sentence vectors; see {@link Encoders}), computes {@link PairFeatures} and
 * applies two boosted-tree heads fitted on public benchmarks' train splits only: a 0–5 similarity (STS-B) and a
 * paraphrase probability with its F1-optimal threshold (MRPC). When the model has a {@link Blend}, the paraphrase
 * log-odds also read a {@link CrossEncoder} fine-tuned on MRPC train. See docs/pairs-results.md for their test
 * figures and the command that refits {@value #RESOURCE}.
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
     * @param blend               how the paraphrase trees and the {@link CrossEncoder} are combined; when present it
     *                            replaces the trees' log-odds and {@code paraphraseThreshold}
     */
    public record Model(List<String> features, BoostedTrees similarity, BoostedTrees paraphrase,
                        double paraphraseThreshold, Blend blend) {

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
     * Paraphrase log-odds from the trees' and the cross-encoder's: {@code trees·treeWeight + cross·crossWeight + bias},
     * a logistic fit on the fifth of MRPC train the cross-encoder was not trained on (its scores on its own training
     * pairs are over-confident), with the trees' scores out of fold; the threshold is the best-F1 one there.
     */
    public record Blend(double treeWeight, double crossWeight, double bias, double threshold) {
        public double logOdds(double trees, double cross) {
            return trees * treeWeight + cross * crossWeight + bias;
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

    /**
     * The encoders the scorer reads. MiniLM gives the sentence cosine and the token vectors for alignment;
     * bge-small-en-v1.5 (int8) adds a second sentence cosine from a stronger, differently trained model, which made
     * up most of the gain over MiniLM alone (docs/pairs-results.md); its token vectors added nothing. The
     * {@link CrossEncoder} reads both sentences together for the paraphrase decision.
     */
    public record Encoders(OnnxEmbedder miniLm, OnnxEmbedder bge, CrossEncoder crossEncoder) implements AutoCloseable {

        public Encoders {
            Objects.requireNonNull(miniLm, "miniLm");
            Objects.requireNonNull(bge, "bge");
            Objects.requireNonNull(crossEncoder, "crossEncoder");
        }

        /** The models the shipped heads were fitted with: float32 MiniLM, int8 bge-small, the shipped cross-encoder. */
        public static Encoders open() {
            OnnxEmbedder miniLm = OnnxEmbedder.miniLm();
            OnnxEmbedder bge = null;
            try {
                bge = OnnxEmbedder.builder().model(OnnxEmbedder.Model.BGE_SMALL_EN_V15_Q).build();
                return new Encoders(miniLm, bge, CrossEncoder.shipped());
            } catch (RuntimeException e) {
                miniLm.close();
                if (bge != null) {
                    bge.close();
                }
                throw e;
            }
        }

        @Override
        public void close() {
            try (miniLm; bge; crossEncoder) {
                // closes all three (the last named first), each even when closing another one fails
            }
        }
    }

    private final Encoders encoders;
    private final Model model;

    public PairScorer(Encoders encoders, Model model) {
        this.encoders = Objects.requireNonNull(encoders, "encoders");
        this.model = Objects.requireNonNull(model, "model");
    }

    /** The shipped model ({@value #RESOURCE}) over {@code encoders}, which must be the {@link Encoders#open} ones. */
    public static PairScorer shipped(Encoders encoders) {
        try (InputStream in = PairScorer.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new EmbeddingException("Pair scorer model " + RESOURCE + " is not on the classpath");
            }
            return new PairScorer(encoders, Model.read(in, RESOURCE));
        } catch (IOException e) {
            throw new EmbeddingException("Cannot read pair scorer model " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    public Score score(String a, String b) {
        return scoreAll(List.of(a), List.of(b)).getFirst();
    }

    /** Scores {@code as.get(i)} against {@code bs.get(i)} for every i. */
    public List<Score> scoreAll(List<String> as, List<String> bs) {
        List<double[]> features = features(encoders, as, bs);
        Blend blend = model.blend();
        double[] cross = blend == null ? null : encoders.crossEncoder().logOdds(as, bs);
        List<Score> out = new ArrayList<>(features.size());
        for (int i = 0; i < features.size(); i++) {
            double[] x = features.get(i);
            double trees = model.paraphrase().score(x);
            double logOdds = blend == null ? trees : blend.logOdds(trees, cross[i]);
            double threshold = blend == null ? model.paraphraseThreshold() : blend.threshold();
            out.add(new Score(model.similarity().score(x), 1 / (1 + Math.exp(-logOdds)), logOdds >= threshold));
        }
        return out;
    }

    /** {@link PairFeatures} of each pair, embedding every distinct text once; for scoring and for fitting. */
    public static List<double[]> features(Encoders encoders, List<String> as, List<String> bs) {
        if (as.size() != bs.size()) {
            throw new IllegalArgumentException("Need as many first texts as second texts: " + as.size() + " vs " + bs.size());
        }
        LinkedHashSet<String> distinct = new LinkedHashSet<>(as);
        distinct.addAll(bs);
        List<String> texts = List.copyOf(distinct);
        List<TokenEmbedding> embedded = encoders.miniLm().embedTokens(texts);
        float[][] bge = encoders.bge().embed(texts);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            index.put(texts.get(i), i);
        }
        List<double[]> out = new ArrayList<>(as.size());
        for (int i = 0; i < as.size(); i++) {
            String a = as.get(i), b = bs.get(i);
            int ia = index.get(a), ib = index.get(b);
            out.add(PairFeatures.of(a, b, embedded.get(ia), embedded.get(ib), Embedder.cosine(bge[ia], bge[ib])));
        }
        return out;
    }
}
