package dev.parallax.core.brief;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.embed.Embedder;
import dev.parallax.core.model.Article;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Embeds the brief units of a chunk of articles ({@link BriefBuilder#units}) during ingest's parallel analysis, so
 * that bringing a story's brief up to date after the article is placed embeds nothing. The chunk's distinct unit
 * texts go to the model in one call (batched; syndicated copies repeat sentences, which are embedded once), or, for
 * a chunk of one article, in one call per core. Runs
 * after the sentence splitter; a sentence the process has met before (in an earlier article, or a story it briefed)
 * takes the vector it had. Thread-safe when the embedder is.
 */
public final class UnitEmbeddingAnnotator implements Annotator {
    private final Embedder embedder;
    private final String model;
    private final Map<String, float[]> known;

    /**
     * @param model the name the vectors are stored under ({@link StoryBriefs#unitVectorsName})
     * @param known vectors of unit texts this process has met (thread-safe): a sentence an earlier article carried
     *     verbatim takes that vector instead of a model run; the embedded ones are added
     */
    UnitEmbeddingAnnotator(Embedder embedder, String model, Map<String, float[]> known) {
        this.embedder = embedder;
        this.model = model;
        this.known = known;
    }

    @Override
    public Article annotate(Article article) {
        return annotateAll(List.of(article)).get(0);
    }

    @Override
    public List<Article> annotateAll(List<Article> articles) {
        List<List<String>> texts = new ArrayList<>();
        Set<String> distinct = new LinkedHashSet<>();
        for (Article a : articles) {
            List<String> t = BriefBuilder.units(a).stream().map(u -> a.textOf(u.clause())).toList();
            distinct.addAll(t);
            texts.add(t);
        }
        Map<String, float[]> byText = new HashMap<>();
        List<String> keys = new ArrayList<>();
        for (String text : distinct) {
            float[] v = known.get(text);
            if (v != null) {
                byText.put(text, v);
            } else {
                keys.add(text);
            }
        }
        float[][] vectors = keys.isEmpty() ? new float[0][]
                : articles.size() == 1 ? onEveryCore(keys) : embedder.embed(keys);
        for (int i = 0; i < keys.size(); i++) {
            byText.put(keys.get(i), vectors[i]);
            known.put(keys.get(i), vectors[i]);
        }
        List<Article> out = new ArrayList<>(articles.size());
        for (int i = 0; i < articles.size(); i++) {
            Article a = articles.get(i);
            float[][] v = texts.get(i).stream().map(byText::get).toArray(float[][]::new);
            out.add(v.length == 0 ? a : a.with(UnitEmbedding.LAYER,
                    List.of(new UnitEmbedding(0, a.text().length(), model, v))));
        }
        return out;
    }

    /**
     * Embeds the texts in {@link Parallel#CORES} interleaved shares, one model call each, on the calling thread and
     * the common pool's. A chunk of one article is the ingest of one article (the API, a feed's new item), which
     * leaves the other analysis threads idle; a larger chunk runs beside other chunks, on every core already. The
     * shipped model embeds one text per call, so the vectors are those of one call on one thread.
     */
    private float[][] onEveryCore(List<String> texts) {
        float[][] vectors = new float[texts.size()][];
        List<Parallel.Step> shares = new ArrayList<>();
        int ways = Math.min(Parallel.CORES, texts.size());
        for (int w = 0; w < ways; w++) {
            int first = w;
            shares.add(new Parallel.Step("units", () -> {
                List<String> share = new ArrayList<>();
                for (int i = first; i < texts.size(); i += ways) {
                    share.add(texts.get(i));
                }
                float[][] v = embedder.embed(share);
                for (int k = 0; k < v.length; k++) {
                    vectors[first + k * ways] = v[k];
                }
            }));
        }
        Parallel.run(shares, ways);
        return vectors;
    }
}
