package dev.parallax.eval.brief;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.BriefBuilder;
import dev.parallax.core.brief.StoredBrief;
import dev.parallax.core.brief.StoryBriefs;
import dev.parallax.core.embed.Embedder;
import dev.parallax.core.model.Article;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.eval.LabelledArticles;
import dev.parallax.store.SqliteStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Times the brief of one large story. Sentence embedding is by far the largest cost and is paid once per article
 * (the builder caches vectors), so it is reported apart: a cold build embeds everything; a full build with vectors
 * cached is everything else a new brief needs (clauses, candidate scoring, grouping, assembly); an incremental
 * update is the builder that has seen the story rebuilt after one more article (that article's embedding included).
 * The vectors of the cold build are reused by the later builds, so the embedder runs over the story once. The
 * stored path ({@link Stored}) times the same through {@link StoryBriefs} and a temporary store.
 */
public final class BriefBench {
    /** Articles added one at a time at the end of the story for the incremental timing. */
    public static final int INCREMENTS = 5;

    /**
     * @param embedSeconds the share of the cold build spent in the embedder
     * @param fullCachedSeconds a new builder on the whole story with every vector already computed
     * @param incrementalMillis one build per added article, after the builder has seen the story without it
     */
    public record Result(int articles, int claims, long consensus, long partial, long unique,
            double coldSeconds, double embedSeconds, double fullCachedSeconds, double fullCachedCpuSeconds,
            double[] incrementalMillis, double[] incrementalCpuMillis, Stored stored) {}

    /**
     * The stored-brief path ({@link StoryBriefs} over a {@link SqliteStore}), on the same story: what `parallax
     * ingest` and `parallax story ID` do.
     *
     * @param firstSeconds the first brief of the story without its last articles, built and stored (vectors known)
     * @param servedMillis a current stored brief read back by another {@link StoryBriefs}, as a new process does
     * @param updateMillis per added article: the brief brought up to date and stored again ({@link StoryBriefs#refresh}
     *     after the article was saved): reading the article, embedding its sentences, aligning, assembling, storing
     * @param reopenedSeconds a stale brief rebuilt by a new {@link StoryBriefs} (a new process): every article read
     *     from the store, every vector too, nothing embedded
     */
    public record Stored(double firstSeconds, double servedMillis, double servedCpuMillis, double[] updateMillis,
            double[] updateCpuMillis, double reopenedSeconds, double reopenedCpuSeconds, int briefJsonChars) {}

    private BriefBench() {}

    /** The articles of {@code story} in the file (publication order), through the standard annotators. */
    public static List<Article> story(Path corpus, String story) {
        LabelledArticles labelled = LabelledArticles.read(corpus);
        List<Annotator> annotators = Pipelines.annotators();
        List<Article> out = new ArrayList<>();
        for (Article a : labelled.articles()) {
            if (story.equals(labelled.gold().get(a.id()))) {
                Article x = a;
                for (Annotator an : annotators) {
                    x = an.annotate(x);
                }
                out.add(x);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no article of story '" + story + "' in " + corpus);
        }
        return out;
    }

    /**
     * @param embedder the sentence embedder, or null for the lexical claim model (no embedding: the cold build and
     *                 the full build then differ only by JIT warm-up, and the incremental figures are the brief's own)
     */
    public static Result run(List<Article> articles, Embedder embedder) {
        Memo memo = embedder == null ? null : new Memo(embedder);
        long t0 = System.nanoTime();
        Brief cold = new BriefBuilder(memo).build(articles);
        double coldSeconds = (System.nanoTime() - t0) / 1e9;

        // CPU time of this thread beside wall-clock time: the machine may be shared, and the build is one thread.
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long t1 = System.nanoTime(), c1 = cpu.getCurrentThreadCpuTime();
        new BriefBuilder(memo).build(articles);
        double fullCached = (System.nanoTime() - t1) / 1e9;
        double fullCachedCpu = (cpu.getCurrentThreadCpuTime() - c1) / 1e9;

        // Incremental: a builder that has seen all but the last INCREMENTS articles gets them one at a time; each new
        // article pays its own embedding (the memo is bypassed for them).
        int n = articles.size(), k = Math.min(INCREMENTS, n - 1);
        BriefBuilder incremental = new BriefBuilder(memo);
        incremental.build(articles.subList(0, n - k));
        if (memo != null) {
            memo.bypass = true;
        }
        double[] millis = new double[k], cpuMillis = new double[k];
        for (int i = 0; i < k; i++) {
            long t = System.nanoTime(), c = cpu.getCurrentThreadCpuTime();
            incremental.build(articles.subList(0, n - k + i + 1));
            millis[i] = (System.nanoTime() - t) / 1e6;
            cpuMillis[i] = (cpu.getCurrentThreadCpuTime() - c) / 1e6;
        }
        if (memo != null) {
            memo.bypass = false;
        }
        Stored stored = stored(articles, memo);
        return new Result(n, cold.claims().size(), count(cold, Brief.Status.CONSENSUS),
                count(cold, Brief.Status.PARTIAL), count(cold, Brief.Status.UNIQUE), coldSeconds, memo == null ? 0 : memo.seconds,
                fullCached, fullCachedCpu, millis, cpuMillis, stored);
    }

    /** The stored path on the same articles: all but the last {@link #INCREMENTS} stored, then one at a time. */
    private static Stored stored(List<Article> articles, Memo memo) {
        String story = "bench-story";
        int n = articles.size(), k = Math.min(INCREMENTS, n - 1);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        try (SqliteStore store = SqliteStore.temporary()) {
            for (Article a : articles.subList(0, n - k)) {
                store.save(a, story);
            }
            StoryBriefs briefs = memo == null ? StoryBriefs.lexical(store)
                    : StoryBriefs.with(store, StoryBriefs.MINILM, memo);
            long t0 = System.nanoTime();
            briefs.of(story);
            double first = (System.nanoTime() - t0) / 1e9;

            StoryBriefs reader = memo == null ? StoryBriefs.lexical(store)
                    : StoryBriefs.with(store, StoryBriefs.MINILM, memo);
            long t1 = System.nanoTime(), c1 = cpu.getCurrentThreadCpuTime();
            reader.of(story);
            double served = (System.nanoTime() - t1) / 1e6, servedCpu = (cpu.getCurrentThreadCpuTime() - c1) / 1e6;

            if (memo != null) {
                memo.bypass = true; // the new articles' sentences are embedded in the update, as at ingest
            }
            double[] millis = new double[k], cpuMillis = new double[k];
            for (int i = 0; i < k; i++) {
                store.save(articles.get(n - k + i), story);
                long t = System.nanoTime(), c = cpu.getCurrentThreadCpuTime();
                briefs.refresh(List.of(story));
                millis[i] = (System.nanoTime() - t) / 1e6;
                cpuMillis[i] = (cpu.getCurrentThreadCpuTime() - c) / 1e6;
            }
            store.saveBrief(story, new StoredBrief("stale", store.brief(story).orElseThrow().brief()));
            StoryBriefs reopened = memo == null ? StoryBriefs.lexical(store)
                    : StoryBriefs.with(store, StoryBriefs.MINILM, memo);
            long t2 = System.nanoTime(), c2 = cpu.getCurrentThreadCpuTime();
            reopened.of(story);
            double reopenedSeconds = (System.nanoTime() - t2) / 1e9;
            double reopenedCpu = (cpu.getCurrentThreadCpuTime() - c2) / 1e9;
            int chars = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(store.brief(story).orElseThrow()
                    .brief()).toString().length();
            return new Stored(first, served, servedCpu, millis, cpuMillis, reopenedSeconds, reopenedCpu, chars);
        }
    }

    private static long count(Brief b, Brief.Status s) {
        return b.claims().stream().filter(c -> c.status() == s).count();
    }

    public static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length == 0 ? 0 : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Remembers every vector it computes, and the time spent computing them. */
    private static final class Memo implements Embedder {
        private final Embedder inner;
        private final Map<String, float[]> seen = new HashMap<>();
        private double seconds;
        /** When set, every text is embedded afresh, as for an article the builder has never seen. */
        private boolean bypass;

        Memo(Embedder inner) {
            this.inner = inner;
        }

        @Override
        public float[][] embed(List<String> texts) {
            if (bypass) {
                return inner.embed(texts);
            }
            List<String> missing = texts.stream().filter(t -> !seen.containsKey(t)).distinct().toList();
            if (!missing.isEmpty()) {
                long t = System.nanoTime();
                float[][] v = inner.embed(missing);
                seconds += (System.nanoTime() - t) / 1e9;
                for (int i = 0; i < v.length; i++) {
                    seen.put(missing.get(i), v[i]);
                }
            }
            return texts.stream().map(seen::get).toArray(float[][]::new);
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }
    }
}
