package dev.parallax.eval.brief;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.BriefBuilder;
import dev.parallax.core.brief.StoredBrief;
import dev.parallax.core.brief.StoryBriefs;
import dev.parallax.core.embed.CrossEncoder;
import dev.parallax.core.embed.Embedder;
import dev.parallax.core.embed.EmbedderChoice;
import dev.parallax.core.embed.ForwardingEmbedder;
import dev.parallax.core.dedup.Deduper;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.pipeline.Pipeline;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.story.StoryAssignment;
import dev.parallax.core.story.StoryClusterer;
import dev.parallax.eval.LabelledArticles;
import dev.parallax.store.SqliteStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Times the brief of one large story. Sentence embedding is by far the largest cost and is paid once per article
 * (the builder caches vectors), so it is reported apart: a cold build embeds everything; a full build with vectors
 * cached is everything else a new brief needs (clauses, candidate scoring, grouping, assembly); an incremental
 * update is the builder that has seen the story rebuilt after one more article (that article's embedding included).
 * The vectors of the cold build are reused by the later builds, so the embedder runs over the story once. The
 * stored path ({@link Stored}) times the same through {@link StoryBriefs} and a temporary store.
 */
public final class BriefBench {
    /** Articles added one at a time at the end of the story for the incremental timing, unless told otherwise. */
    public static final int INCREMENTS = 10;

    /**
     * @param embedSeconds the share of the cold build spent in the embedder
     * @param fullCachedSeconds a new builder on the whole story with every vector already computed
     * @param fullCachedAllocatedMb the heap that build allocated, on every thread
     * @param incrementalMillis one build per added article, after the builder has seen the story without it
     */
    public record Result(int articles, int claims, long consensus, long partial, long unique,
            double coldSeconds, double embedSeconds, double fullCachedSeconds, double fullCachedCpuSeconds,
            double fullCachedAllocatedMb, double[] incrementalMillis, double[] incrementalCpuMillis, Stored stored) {}

    /**
     * The stored-brief path ({@link StoryBriefs} over a {@link SqliteStore}), on the same story: what `parallax
     * ingest`, `parallax serve` and `parallax story ID` do.
     *
     * @param firstSeconds the first brief of the story without its last articles, built and stored (vectors known)
     * @param servedMillis a current stored brief read back by another {@link StoryBriefs}, as a new process does
     * @param warmUp per article ingested before the timed ones, the same figures: the process's first updates, with
     *     the JIT not yet warm for the update's code (reported, not part of {@code updates})
     * @param updates per added article, the path one ingested article takes in a running process ({@link Update})
     * @param reopenedSeconds a stale brief rebuilt by a new {@link StoryBriefs} (a new process): every article read
     *     from the store, every vector too, nothing embedded
     * @param briefSha256 SHA-256 of the final stored brief's JSON: equal digests, equal briefs (new vectors or a
     *     changed build show as a new digest)
     */
    public record Stored(double firstSeconds, double servedMillis, double servedCpuMillis, List<Update> warmUp,
            List<Update> updates, double reopenedSeconds, double reopenedCpuSeconds, int briefJsonChars,
            String briefSha256) {}

    /**
     * One more article through the ingest path of a running process (its pipeline has resumed from the store
     * before): {@link Pipeline#ingest} of the article (clean, annotate including the embedding of its brief units,
     * dedupe, place in the story, save), then {@link StoryBriefs#refresh} (the builder's update and the brief's
     * changed parts written). The story is given (the corpus label), so the clusterer's decision is not timed
     * (`parallax bench clustering` times it). CPU times are per thread: the analysis runs on the pipeline's analysis
     * threads (and the common pool's, which embeds a share of a lone article's units), the rest on the ingesting
     * thread; the embedder runs on the thread that calls it (one intra-op thread).
     *
     * @param embeddedTexts distinct unit texts of the article embedded at analysis
     * @param ingestMillis wall-clock time of the ingest call
     * @param analysisCpuMillis CPU of the analysis threads and the common pool's: annotators, the brief units'
     *     embedding included
     * @param embedMillis of the analysis, the embedding of the brief units (wall-clock)
     * @param embedCpuMillis the same in CPU time, on every thread that embedded
     * @param placeCpuMillis CPU of the ingesting thread in the ingest call: clean, dedupe, place, save
     * @param refreshMillis wall-clock time of the brief update, written to the store
     * @param refreshCpuMillis the same in CPU time: the updating thread's and what the update ran on other threads
     * @param refreshOffThreadCpuMillis of it, the builder's and the store's steps run on other threads (both cores are
     *     used)
     * @param writeMillis of the update, the store's save of the brief (cutting into parts, comparing, JSON, SQLite)
     * @param writeCpuMillis the same in CPU time
     * @param partsWritten parts of the brief the save wrote
     * @param partsDeleted parts of the brief the save deleted
     * @param charsWritten JSON characters the save wrote (header and parts)
     * @param processCpuMillis CPU of the whole process over ingest and update (every thread: JIT and GC too)
     * @param buildCpuMillis of the update, the builder's steps in CPU time ({@link BriefBuilder#phaseMillis})
     * @param refreshAllocatedMb heap allocated during the brief update (builder and store write), by every thread:
     *     the update runs alone in the process then, so this is its own allocation
     * @param buildAllocatedMb of it, the builder's steps ({@link BriefBuilder#phaseMegabytes})
     * @param writeAllocatedMb of it, the store's save of the brief
     */
    public record Update(int embeddedTexts, double ingestMillis, double analysisCpuMillis, double embedMillis,
            double embedCpuMillis, double placeCpuMillis, double refreshMillis, double refreshCpuMillis,
            double refreshOffThreadCpuMillis, double writeMillis, double writeCpuMillis, int partsWritten, int partsDeleted, long charsWritten,
            double processCpuMillis, Map<String, Double> buildCpuMillis, boolean storyChanged,
            double refreshAllocatedMb, Map<String, Double> buildAllocatedMb, double writeAllocatedMb) {
        /** Ingest and update, wall-clock. */
        public double totalMillis() {
            return ingestMillis + refreshMillis;
        }

        /** Ingest and update, CPU of the threads doing the work. */
        public double totalCpuMillis() {
            return analysisCpuMillis + placeCpuMillis + refreshCpuMillis;
        }
    }

    private BriefBench() {}

    /**
     * What deciding the pairs in a band of claim-model log-odds by the cross-encoder would cost on this story.
     *
     * @param scored        scored pairs of units of different articles in the full brief
     * @param band          of those, in the band
     * @param mutualBest    of those, each unit's best pair with the other's article ({@link BriefBuilder.Band})
     * @param updateBand    per one-article update (the last articles added one at a time), its new pairs in the band
     * @param updateMutualBest the same, mutual best only
     * @param distinctTextPairs band pairs of the full brief with distinct texts: the cross-encoder calls left with a
     *     cache by text pair (syndicated copies repeat their original's sentences)
     * @param updateUncached per update, its band pairs whose texts no earlier band pair had
     * @param timedPairs    band pairs of the full brief the cross-encoder scored to time it (every k-th)
     * @param cpuMillisPerPair   process CPU per pair, cross-encoder on one thread, batches of 16
     * @param wallMillisPerPair  wall-clock per pair, the same run
     * @param wallMillisPerPair2 wall-clock per pair with two ONNX threads
     */
    public record Band(long scored, long band, long mutualBest, long[] updateBand, long[] updateMutualBest,
            long distinctTextPairs, long[] updateUncached, int timedPairs, double cpuMillisPerPair,
            double wallMillisPerPair, double wallMillisPerPair2) {}

    /**
     * Counts the candidate pairs whose claim-model log-odds lie in {@code [low, high)}, in the full brief of the
     * articles and in each of the last {@code increments} one-article updates, and times the shipped cross-encoder
     * on {@code timed} of them.
     */
    public static Band band(List<Article> articles, Embedder embedder, Embedder story, int increments, double low,
            double high, int timed) {
        Memo memo = new Memo(embedder, story);
        BriefBuilder full = new BriefBuilder(memo);
        full.build(articles);
        BriefBuilder.Band all = full.pairsWithin(low, high);
        int n = articles.size(), k = Math.min(increments, n - 1);
        BriefBuilder incremental = new BriefBuilder(memo);
        incremental.build(articles.subList(0, n - k));
        BriefBuilder.Band last = incremental.pairsWithin(low, high);
        Set<List<String>> seen = new HashSet<>();
        last.pairs().forEach(p -> seen.add(textPair(p)));
        long[] band = new long[k], mutual = new long[k], uncached = new long[k];
        for (int i = 0; i < k; i++) {
            incremental.build(articles.subList(0, n - k + i + 1));
            BriefBuilder.Band now = incremental.pairsWithin(low, high);
            band[i] = now.pairs().size() - last.pairs().size();
            mutual[i] = now.mutualBest() - last.mutualBest();
            for (String[] p : now.pairs()) {
                if (seen.add(textPair(p))) {
                    uncached[i]++;
                }
            }
            last = now;
        }
        long distinct = all.pairs().stream().map(BriefBench::textPair).distinct().count();
        List<String[]> sample = new ArrayList<>();
        int step = Math.max(1, all.pairs().size() / Math.max(1, timed));
        for (int i = 0; i < all.pairs().size() && sample.size() < timed; i += step) {
            sample.add(all.pairs().get(i));
        }
        List<String> as = sample.stream().map(p -> p[0]).toList(), bs = sample.stream().map(p -> p[1]).toList();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double cpu, wall, wall2;
        try (CrossEncoder one = CrossEncoder.shipped(1); CrossEncoder two = CrossEncoder.shipped(2)) {
            one.logOdds(as.subList(0, Math.min(16, as.size())), bs.subList(0, Math.min(16, bs.size())));
            long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
            one.logOdds(as, bs);
            cpu = (os.getProcessCpuTime() - c0) / 1e6 / sample.size();
            wall = (System.nanoTime() - t0) / 1e6 / sample.size();
            two.logOdds(as.subList(0, Math.min(16, as.size())), bs.subList(0, Math.min(16, bs.size())));
            long t1 = System.nanoTime();
            two.logOdds(as, bs);
            wall2 = (System.nanoTime() - t1) / 1e6 / sample.size();
        }
        return new Band(all.scored(), all.pairs().size(), all.mutualBest(), band, mutual, distinct, uncached,
                sample.size(), cpu, wall, wall2);
    }

    /**
     * A pair of texts in either order, as a cache key. The cross-encoder reads "[CLS] a [SEP] b [SEP]" in order, so
     * a cache keyed so is optimistic: the counts are a lower bound of its calls.
     */
    private static List<String> textPair(String[] p) {
        return p[0].compareTo(p[1]) <= 0 ? List.of(p[0], p[1]) : List.of(p[1], p[0]);
    }

    /** The articles of {@code story} in the file (publication order), through the standard annotators. */
    public static List<Article> story(Path corpus, String story) {
        LabelledArticles labelled = LabelledArticles.read(corpus);
        // The pipeline's embedder (minilm-q, one text per call) but one of its own: the pipeline's shared one caches
        // inputs, and the timed ingest of the last articles must embed their headline and lead for real.
        List<Annotator> annotators = Pipelines.annotators(EmbedderChoice.MINILM_Q.open(1));
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
     * @param model      the sentence embedder's name, under which the stored path keeps unit vectors and briefs
     *                   ({@link Embedder#name}); ignored when lexical
     * @param embedder   the sentence embedder, or null for the lexical claim model (no embedding: the cold build and
     *                   the full build then differ only by JIT warm-up, and the incremental figures are the brief's own)
     * @param story      where the vectors of the story's sentences come from for the builds that are not timed as
     *                   new articles (the cold build and everything after it): the embedder, or a file cache of it
     * @param increments articles added one at a time at the end of the story, each timed
     * @param warmUp articles before those that the stored path ingests first, as a running process has ingested
     *     articles before the one timed (their figures are reported apart)
     */
    public static Result run(List<Article> articles, String model, Embedder embedder, Embedder story, int increments,
            int warmUp) {
        Memo memo = embedder == null ? null : new Memo(embedder, story);
        long t0 = System.nanoTime();
        Brief cold = new BriefBuilder(memo).build(articles);
        double coldSeconds = (System.nanoTime() - t0) / 1e9;

        // CPU time beside wall-clock time, as the machine may be shared: this thread's and what the builder ran on the
        // other cores.
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long a1 = allocatedBytes();
        long t1 = System.nanoTime(), c1 = cpu.getCurrentThreadCpuTime();
        BriefBuilder full = new BriefBuilder(memo);
        full.build(articles);
        double fullCached = (System.nanoTime() - t1) / 1e9;
        double fullCachedCpu = (cpu.getCurrentThreadCpuTime() - c1) / 1e9 + full.offThreadCpuMillis() / 1e3;
        double fullCachedAllocated = (allocatedBytes() - a1) / 1e6;

        // Incremental: a builder that has seen all but the last INCREMENTS articles gets them one at a time; each new
        // article pays its own embedding (the memo is bypassed for them).
        int n = articles.size(), k = Math.min(increments, n - 1);
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
            cpuMillis[i] = (cpu.getCurrentThreadCpuTime() - c) / 1e6 + incremental.offThreadCpuMillis();
        }
        if (memo != null) {
            memo.bypass = false;
        }
        Stored stored = stored(articles, model, memo, k, Math.min(warmUp, n - k - 1));
        return new Result(n, cold.claims().size(), count(cold, Brief.Status.CONSENSUS),
                count(cold, Brief.Status.PARTIAL), count(cold, Brief.Status.UNIQUE), coldSeconds, memo == null ? 0 : memo.seconds,
                fullCached, fullCachedCpu, fullCachedAllocated, millis, cpuMillis, stored);
    }

    /**
     * The stored path on the same articles: all but the last {@code k + warm} stored, then one at a time through the
     * ingest pipeline as {@link Update} describes: {@code warm} to warm up, then the {@code k} timed.
     */
    private static Stored stored(List<Article> articles, String model, Memo memo, int k, int warm) {
        String story = "bench-story";
        int n = articles.size();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (SqliteStore store = SqliteStore.temporary()) {
            for (Article a : articles.subList(0, n - k - warm)) {
                store.save(a, story);
            }
            StoryBriefs briefs = memo == null ? StoryBriefs.lexical(store)
                    : StoryBriefs.with(store, model, memo);
            long t0 = System.nanoTime();
            briefs.of(story);
            double first = (System.nanoTime() - t0) / 1e9;

            // Another process's store: the saving store serves the brief it kept without reading it.
            double served, servedCpu;
            try (SqliteStore other = SqliteStore.open(store.file().getParent())) {
                StoryBriefs reader = memo == null ? StoryBriefs.lexical(other)
                        : StoryBriefs.with(other, model, memo);
                long t1 = System.nanoTime(), c1 = cpu.getCurrentThreadCpuTime();
                reader.of(story);
                served = (System.nanoTime() - t1) / 1e6;
                servedCpu = (cpu.getCurrentThreadCpuTime() - c1) / 1e6;
            }

            List<Annotator> annotators = new ArrayList<>(Pipelines.annotators());
            briefs.unitEmbedding().ifPresent(annotators::add);
            Pipeline pipeline = new Pipeline(Pipelines.cleaner(), annotators, new GivenStory(story), new Deduper(),
                    store);
            pipeline.ingest(List.of(), done -> {}); // a running process has resumed from the store once
            if (memo != null) {
                memo.bypass = true; // the new articles' units are embedded for real, at analysis
            }
            List<Update> warmUp = new ArrayList<>(), updates = new ArrayList<>();
            for (Article a : articles.subList(n - k - warm, n)) {
                RawArticle raw = new RawArticle(a.id(), a.origin(), a.outlet().equals(Outlet.UNKNOWN) ? null
                        : a.outlet().name(), a.published(), a.url(), a.title(), a.text());
                if (memo != null) {
                    memo.reset();
                }
                Map<Long, Long> analysis0 = analysisCpu(cpu);
                long p0 = os.getProcessCpuTime();
                long t = System.nanoTime(), c = cpu.getCurrentThreadCpuTime();
                List<String> changed = pipeline.ingest(List.of(raw), done -> {}).storiesChanged();
                long t2 = System.nanoTime(), c2 = cpu.getCurrentThreadCpuTime();
                long analysis = analysisCpuSince(analysis0, cpu);
                long a2 = allocatedBytes();
                briefs.refresh(changed);
                long t3 = System.nanoTime(), c3 = cpu.getCurrentThreadCpuTime(), p3 = os.getProcessCpuTime();
                double allocated = (allocatedBytes() - a2) / 1e6;
                // An article that changes no story (a copy already stored) saves no brief: nothing to report of one.
                boolean storyChanged = !changed.isEmpty();
                SqliteStore.BriefWrite w = storyChanged ? store.lastBriefWrite()
                        : new SqliteStore.BriefWrite(0, 0, 0, 0, 0, 0, 0, false);
                double off = storyChanged ? briefs.lastBuildOffThreadCpuMillis() + w.offThreadCpuNanos() / 1e6 : 0;
                (warmUp.size() < warm ? warmUp : updates).add(new Update(memo == null ? 0 : memo.texts, (t2 - t) / 1e6, analysis / 1e6,
                        memo == null ? 0 : memo.nanos / 1e6, memo == null ? 0 : memo.cpuNanos / 1e6, (c2 - c) / 1e6,
                        (t3 - t2) / 1e6, (c3 - c2) / 1e6 + off, off, w.nanos() / 1e6, w.cpuNanos() / 1e6, w.written(),
                        w.deleted(), w.chars(), (p3 - p0) / 1e6, storyChanged ? briefs.lastBuildPhaseMillis() : Map.of(),
                        storyChanged, allocated, storyChanged ? briefs.lastBuildPhaseMegabytes() : Map.of(),
                        w.allocatedBytes() / 1e6));
            }
            if (memo != null) {
                memo.bypass = false;
            }
            store.saveBrief(story, new StoredBrief("stale", store.brief(story).orElseThrow().brief()));
            StoryBriefs reopened = memo == null ? StoryBriefs.lexical(store)
                    : StoryBriefs.with(store, model, memo);
            long t2 = System.nanoTime(), c2 = cpu.getCurrentThreadCpuTime();
            reopened.of(story);
            double reopenedSeconds = (System.nanoTime() - t2) / 1e9;
            double reopenedCpu = (cpu.getCurrentThreadCpuTime() - c2) / 1e9;
            String json = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(store.brief(story).orElseThrow()
                    .brief()).toString();
            return new Stored(first, served, servedCpu, warmUp, updates, reopenedSeconds, reopenedCpu, json.length(),
                    sha256(json));
        }
    }

    /**
     * Heap bytes allocated so far by every thread of the process (live or ended): a difference around a step that runs
     * alone is what the step allocated, on whichever threads ran it.
     */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getTotalThreadAllocatedBytes();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** CPU time so far of each thread that analyses: the pipeline's analysis threads and the common pool's. */
    private static Map<Long, Long> analysisCpu(ThreadMXBean cpu) {
        Map<Long, Long> byThread = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("parallax-analysis-") || t.getName().startsWith("ForkJoinPool.commonPool-")) {
                byThread.put(t.threadId(), Math.max(0, cpu.getThreadCpuTime(t.threadId())));
            }
        }
        return byThread;
    }

    /** CPU time the analysing threads spent since {@code before} (a pool thread started since counts from zero). */
    private static long analysisCpuSince(Map<Long, Long> before, ThreadMXBean cpu) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : analysisCpu(cpu).entrySet()) {
            sum += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        return sum;
    }

    /** Places every article in the benchmarked story: the corpus labels it. */
    private record GivenStory(String story) implements StoryClusterer {
        @Override
        public StoryAssignment assign(Article article) {
            return new StoryAssignment(article.id(), story, false, 1);
        }

        @Override
        public void restore(Article article, String storyId) {}

        @Override
        public Duration activeWindow() {
            return Duration.ofDays(7);
        }
    }

    private static long count(Brief b, Brief.Status s) {
        return b.claims().stream().filter(c -> c.status() == s).count();
    }

    /** The median of one figure over the updates. */
    public static double median(List<Update> updates, ToDoubleFunction<Update> figure) {
        return median(updates.stream().mapToDouble(figure).toArray());
    }

    public static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length == 0 ? 0 : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The nearest-rank percentile ({@code p} in 0–100) of one figure over the updates: 100 is the maximum. */
    public static double percentile(List<Update> updates, ToDoubleFunction<Update> figure,
            double p) {
        double[] s = updates.stream().mapToDouble(figure).sorted().toArray();
        return s.length == 0 ? 0 : s[Math.max(0, (int) Math.ceil(p / 100 * s.length) - 1)];
    }

    /** Remembers every vector it computes, and the time spent computing them. */
    private static final class Memo extends ForwardingEmbedder {
        /** What answers when not bypassed: the model, or a file cache of it. */
        private final Embedder story;
        private final Map<String, float[]> seen = new HashMap<>();
        private double seconds;
        /** When set, every text is embedded afresh, as for an article the builder has never seen. */
        private volatile boolean bypass;
        /**
         * Texts embedded while bypassed since {@link #reset}, and the time it took: wall-clock from the first call's
         * start to the last call's end (calls may run side by side), CPU summed over the threads.
         */
        private int texts;
        private long nanos, cpuNanos, start, end;

        Memo(Embedder inner, Embedder story) {
            super(inner);
            this.story = story;
        }

        synchronized void reset() {
            texts = 0;
            nanos = 0;
            cpuNanos = 0;
            start = 0;
            end = 0;
        }

        @Override
        public float[][] embed(List<String> texts) {
            if (bypass) {
                ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
                long t = System.nanoTime(), c = cpu.getCurrentThreadCpuTime();
                float[][] v = inner.embed(texts);
                long e = System.nanoTime(), used = cpu.getCurrentThreadCpuTime() - c;
                synchronized (this) {
                    start = start == 0 ? t : Math.min(start, t);
                    end = Math.max(end, e);
                    nanos = end - start;
                    cpuNanos += used;
                    this.texts += texts.size();
                }
                return v;
            }
            List<String> missing = texts.stream().filter(t -> !seen.containsKey(t)).distinct().toList();
            if (!missing.isEmpty()) {
                long t = System.nanoTime();
                float[][] v = story.embed(missing);
                seconds += (System.nanoTime() - t) / 1e9;
                for (int i = 0; i < v.length; i++) {
                    seen.put(missing.get(i), v[i]);
                }
            }
            return texts.stream().map(seen::get).toArray(float[][]::new);
        }
    }
}
