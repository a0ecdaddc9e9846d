package dev.parallax.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.analysis.SentenceSplitter;
import dev.parallax.core.dedup.Deduper;
import dev.parallax.core.embed.Embedder;
import dev.parallax.core.embed.EmbedderChoice;
import dev.parallax.core.embed.EmbeddingAnnotator;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.InvalidArticleException;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.pipeline.IngestReport.Status;
import dev.parallax.core.pipeline.IngestReport;
import dev.parallax.core.pipeline.Pipeline;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.pipeline.SourceSink;
import dev.parallax.core.store.Store;
import dev.parallax.core.story.OnlineStoryClusterer;
import dev.parallax.core.text.Cleaner;
import dev.parallax.eval.EmbeddingCache;
import dev.parallax.core.brief.StoryBriefs;
import dev.parallax.eval.brief.BriefBench;
import dev.parallax.eval.dedup.DedupEvaluation;
import dev.parallax.eval.dedup.DedupThroughput;
import dev.parallax.ingest.Sources;
import dev.parallax.store.PostgresStore;
import dev.parallax.store.SqliteStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures speed and memory on a corpus (figures belong in docs/BENCHMARKS.md).",
        subcommands = {BenchCommand.Ingest.class, BenchCommand.Analysis.class, BenchCommand.Dedup.class,
                BenchServe.class, BenchCommand.BriefOfStory.class, BenchCommand.Clustering.class,
                BenchCommand.Embed.class})
final class BenchCommand {
    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = {"Reads a corpus, then runs the standard pipeline (clean, annotate, dedupe, cluster, store) "
                    + "into a fresh temporary store, and reports articles/s, this process's CPU time and the peak heap "
                    + "in use."})
    static final class Ingest implements Callable<Integer> {
        @Option(names = "--corpus", required = true, paramLabel = "FILE", description = "Articles to ingest.")
        Path corpus;

        @Option(names = "--postgres", paramLabel = "URL",
                description = "Ingest into this PostgreSQL database (an empty store: postgresql://…, as --data takes)"
                        + " instead of a temporary SQLite store. The server's own CPU time is not counted.")
        String postgres;

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            List<RawArticle> batch = read(corpus);
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            HeapSampler heap = new HeapSampler();
            long start = System.nanoTime(), cpuStart = os.getProcessCpuTime();
            IngestReport report;
            try (Store store = postgres == null ? SqliteStore.temporary() : PostgresStore.open(postgres);
                    Progress progress = new Progress("Ingesting", batch.size())) {
                if (store.articleCount() > 0) {
                    throw new Failures.UserError(ExitCodes.USAGE, "the store at " + PostgresStore.shown(postgres)
                            + " is not empty: the benchmark measures a fresh store");
                }
                report = Pipelines.standard(store).ingest(batch, progress);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
            long peak = heap.stop();
            ObjectNode r = Json.object();
            r.put("corpus", corpus.toString());
            r.put("articles", batch.size());
            r.put("stored", report.count(Status.STORED));
            r.put("duplicates", report.count(Status.DUPLICATE));
            r.put("rejected", report.count(Status.REJECTED));
            r.put("store", postgres == null ? "sqlite" : "postgresql");
            r.put("seconds", Math.round(seconds * 100) / 100.0);
            r.put("cpuSeconds", Math.round(cpuSeconds * 100) / 100.0);
            r.put("articlesPerSecond", Math.round(batch.size() / seconds));
            r.put("peakHeapMB", peak / (1024 * 1024));
            r.put("maxHeapMB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
            r.put("cores", Runtime.getRuntime().availableProcessors());
            r.put("java", Runtime.version().toString());
            return output.print(() -> Json.write(r), out -> out.printf(
                    "%d articles in %.1f s (CPU %.1f s): %d articles/s; peak heap %d MB (max %d MB), %d cores%n",
                    batch.size(), seconds, cpuSeconds, r.get("articlesPerSecond").asLong(),
                    r.get("peakHeapMB").asLong(), r.get("maxHeapMB").asLong(), r.get("cores").asInt()));
        }
    }

    @Command(name = "analysis", mixinStandardHelpOptions = true,
            description = {"Cleans and annotates every article of a corpus on ONE thread, after a warm-up pass, and "
                    + "reports articles/s per core for the whole analysis and the CPU time of each stage. "
                    + "Nothing is stored; no embeddings."})
    static final class Analysis implements Callable<Integer> {
        @Option(names = "--corpus", required = true, paramLabel = "FILE", description = "Articles to analyse.")
        Path corpus;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
                description = "Analyse only the first N articles (0: all).")
        int limit;

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            List<RawArticle> batch = read(corpus);
            if (limit > 0 && batch.size() > limit) {
                batch = batch.subList(0, limit);
            }
            Cleaner cleaner = Pipelines.cleaner();
            List<Annotator> annotators = Pipelines.annotators().stream()
                    .filter(a -> !(a instanceof EmbeddingAnnotator)).toList();
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            long[] nanos = new long[annotators.size() + 1];
            int failed = 0;
            for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT and is not counted
                Arrays.fill(nanos, 0);
                failed = 0;
                for (RawArticle raw : batch) {
                    long t = cpu.getCurrentThreadCpuTime();
                    Article a;
                    try {
                        a = cleaner.clean(raw);
                    } catch (InvalidArticleException e) {
                        failed++;
                        continue;
                    }
                    long u = cpu.getCurrentThreadCpuTime();
                    nanos[0] += u - t;
                    for (int i = 0; i < annotators.size(); i++) {
                        a = annotators.get(i).annotate(a);
                        long v = cpu.getCurrentThreadCpuTime();
                        nanos[i + 1] += v - u;
                        u = v;
                    }
                }
            }
            long total = Arrays.stream(nanos).sum();
            int n = batch.size() - failed;
            ObjectNode r = Json.object();
            r.put("corpus", corpus.toString());
            r.put("articles", n);
            r.put("cpuSeconds", Math.round(total / 1e7) / 100.0);
            r.put("articlesPerCoreSecond", Math.round(n / (total / 1e9)));
            ObjectNode stages = r.putObject("stagesArticlesPerCoreSecond");
            stages.put("cleaner", Math.round(n / (nanos[0] / 1e9)));
            for (int i = 0; i < annotators.size(); i++) {
                stages.put(annotators.get(i).getClass().getSimpleName(), Math.round(n / (nanos[i + 1] / 1e9)));
            }
            int articles = n;
            return output.print(() -> Json.write(r), out -> {
                out.printf("%d articles: %d articles per core-second for cleaning and all annotators%n", articles,
                        r.get("articlesPerCoreSecond").asLong());
                stages.fields().forEachRemaining(e -> out.printf("  %-22s %8d articles/core-s%n", e.getKey(),
                        e.getValue().asLong()));
            });
        }
    }

    @Command(name = "dedup", mixinStandardHelpOptions = true,
            description = {"Measures the near-duplicate detector on ONE thread, in CPU time of that thread: documents "
                    + "per core-second for sketch + LSH query + verification + insertion, and index memory per "
                    + "document (counted from its arrays, and retained heap after GC including the ids it keeps). "
                    + "Without --scale: the corpus texts as given (warm-up, best of 3 passes), plus the time to "
                    + "rebuild the index from a store holding them (what a pipeline pays at start). With --scale N: "
                    + "N synthetic documents made deterministically from the corpus (words replaced at random, one "
                    + "in ten a light edit of a recent one); give the JVM heap for it (PARALLAX_JAVA_OPTS=-Xmx4g)."})
    static final class Dedup implements Callable<Integer> {
        @Option(names = "--corpus", required = true, paramLabel = "FILE", description = "Articles JSON Lines.")
        Path corpus;

        @Option(names = "--scale", paramLabel = "N", defaultValue = "0",
                description = "Observe N synthetic documents made from the corpus instead (0: the corpus itself).")
        int scale;

        @Mixin
        Output output;

        @Override
        public Integer call() {
            if (scale < 0) {
                throw new Failures.UserError(ExitCodes.USAGE, "--scale must be 0 or more, got " + scale);
            }
            List<Article> articles;
            try {
                articles = DedupEvaluation.read(corpus);
            } catch (IllegalArgumentException e) {
                throw new Failures.UserError(ExitCodes.IO, e.getMessage());
            }
            long start = System.nanoTime();
            DedupThroughput.Result r;
            if (scale == 0) {
                r = DedupThroughput.corpus(articles);
            } else {
                try (Progress progress = new Progress("Observing", scale)) {
                    r = DedupThroughput.scaled(articles, scale, progress);
                }
            }
            double total = (System.nanoTime() - start) / 1e9;
            ObjectNode o = Json.object();
            o.put("corpus", corpus.toString());
            o.put("synthetic", scale > 0);
            o.put("documents", r.docs());
            o.put("docsPerCoreSecond", Math.round(r.docsPerCoreSecond()));
            o.put("cpuSeconds", Math.round(r.cpuSeconds() * 100) / 100.0);
            o.put("indexBytesPerDoc", Math.round(r.indexBytesPerDoc()));
            o.put("heapBytesPerDoc", Math.round(r.heapBytesPerDoc()));
            o.put("indexGBPerMillionDocs", Math.round(r.indexBytesPerDoc()) / 1000.0);
            o.put("heapGBPerMillionDocs", Math.round(r.heapBytesPerDoc()) / 1000.0);
            o.put("candidatesVerifiedPerDoc", Math.round(r.candidatesPerDoc() * 100) / 100.0);
            o.put("links", r.links());
            if (r.replaySeconds() >= 0) {
                o.put("replaySeconds", Math.round(r.replaySeconds() * 100) / 100.0);
            }
            o.put("totalSeconds", Math.round(total * 10) / 10.0);
            o.put("maxHeapMB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
            return output.print(() -> Json.write(o), out -> {
                out.printf(Locale.ROOT, "%,d %sdocuments: %,d docs per core-second; index %d bytes/doc"
                        + " (%.2f GB per 1M), retained heap %d bytes/doc; %.2f candidates verified/doc; %d links%s;"
                        + " %.1f s in all%n", r.docs(), scale > 0 ? "synthetic " : "", Math.round(r.docsPerCoreSecond()),
                        Math.round(r.indexBytesPerDoc()), r.indexBytesPerDoc() / 1e3, Math.round(r.heapBytesPerDoc()),
                        r.candidatesPerDoc(), r.links(), r.replaySeconds() < 0 ? "" : String.format(Locale.ROOT,
                                "; rebuild from store %.2f s", r.replaySeconds()), total);
            });
        }
    }

    static List<RawArticle> read(Path corpus) throws java.io.IOException {
        // A benchmark measures what can be read; the ingest command reports what cannot.
        return Sources.readAll(corpus, (origin, reason) -> { });
    }

    /**
     * The articles as the pipeline cleans them and splits them into sentences, in parallel; those the cleaner rejects
     * are left out (the pipeline drops them too).
     */
    static List<Article> cleanedAndSplit(List<RawArticle> raw) {
        Cleaner cleaner = Pipelines.cleaner();
        SentenceSplitter sentences = new SentenceSplitter();
        return raw.parallelStream().map(r -> {
            try {
                return sentences.annotate(cleaner.clean(r));
            } catch (InvalidArticleException e) {
                return null;
            }
        }).filter(Objects::nonNull).toList();
    }

    @Command(name = "brief", mixinStandardHelpOptions = true,
            description = {"Times the brief of one story of a labelled corpus (default: helsinki-2018, 612 articles): "
                    + "a cold build (sentence embedding included and reported apart), a full build with vectors "
                    + "cached, and incremental updates after one more article; then the stored path (a temporary "
                    + "store): the first stored brief, a current one served, a stale one rebuilt by a new process "
                    + "from stored vectors, and one more article ingested at a time in a running process (analysis "
                    + "with the embedding of its sentences, placement and save, the brief's update and the store's "
                    + "write of its changed parts), each part in wall-clock and CPU time."})
    static final class BriefOfStory implements Callable<Integer> {
        @Option(names = "--corpus", required = true, paramLabel = "FILE",
                description = "Articles JSON Lines with a `story` label.")
        Path corpus;

        @Option(names = "--story", paramLabel = "ID", defaultValue = "helsinki-2018",
                description = "The gold story to brief (default: ${DEFAULT-VALUE}).")
        String story;

        @Mixin
        Output output;

        @Option(names = "--lexical", description = "Align claims by words only (no sentence embedding): times the "
                + "brief's own work without the 20 minutes a loaded machine needs to embed 25k sentences.")
        boolean lexical;

        @Option(names = "--updates", paramLabel = "N", defaultValue = "" + BriefBench.INCREMENTS,
                description = "Articles added one at a time at the end of the story, each timed (default: "
                        + "${DEFAULT-VALUE}); more give a steadier p90 and maximum.")
        int updates;

        @Option(names = "--warm-up", paramLabel = "N", defaultValue = "0",
                description = "Articles the stored path ingests one at a time before the timed ones, as a running "
                        + "process has (default: ${DEFAULT-VALUE}); their updates are reported apart (warmUp).")
        int warmUp;

        @Option(names = "--embedding-cache", paramLabel = "FILE", description = "Keep the story's sentence vectors "
                + "in FILE across runs (one file per embedder: a file with another embedder's vectors is refused), so "
                + "that a re-run does not embed 25k sentences again; the articles added one at a time are still "
                + "embedded for real.")
        Path embeddingCache;

        @Option(names = "--claim-band", paramLabel = "LOW,HIGH", split = ",", description = "Instead of the timings: "
                + "count the candidate pairs whose claim-model log-odds lie in [LOW, HIGH) (full brief, and each "
                + "one-article update) and time the cross-encoder on " + BAND_TIMED + " of them: what deciding that "
                + "band by the cross-encoder would cost.")
        double[] claimBand;

        private static final int BAND_TIMED = 320;

        @Option(names = "--embedder", paramLabel = "NAME", description = "The sentence embedder of the brief's units: "
                + "minilm (float32), minilm-q (int8), minilm-claims-q (int8, fine-tuned), bge-q or static (default: the "
                + "shipped one, ${DEFAULT-VALUE}).")
        String embedder = StoryBriefs.EMBEDDER.label();

        @Override
        public Integer call() {
            if (updates < 1 || warmUp < 0) {
                throw new Failures.UserError(ExitCodes.USAGE, "--updates must be at least 1 and --warm-up at least 0");
            }
            if (claimBand != null && (claimBand.length != 2 || lexical)) {
                throw new Failures.UserError(ExitCodes.USAGE, "--claim-band takes LOW,HIGH and the MiniLM claim model");
            }
            List<dev.parallax.core.model.Article> articles;
            try {
                articles = BriefBench.story(corpus, story);
            } catch (IllegalArgumentException e) {
                throw new Failures.UserError(ExitCodes.IO, e.getMessage());
            }
            EmbedderChoice choice;
            try {
                choice = EmbedderChoice.named(embedder);
            } catch (IllegalArgumentException e) {
                throw new Failures.UserError(ExitCodes.USAGE, e.getMessage());
            }
            if (claimBand != null) {
                try (Embedder model = choice.open(1)) {
                    EmbeddingCache cache = embeddingCache == null ? null : new EmbeddingCache(model, embeddingCache);
                    BriefBench.Band b = BriefBench.band(articles, model, cache == null ? model : cache, updates,
                            claimBand[0], claimBand[1], BAND_TIMED);
                    if (cache != null) {
                        cache.save();
                    }
                    return output.print(() -> Json.write(Json.tree(b)), text -> text.println(Json.write(Json.tree(b))));
                }
            }
            BriefBench.Result r;
            if (lexical) {
                r = BriefBench.run(articles, null, null, null, updates, warmUp);
            } else {
                // One intra-op thread: the model then runs on the calling thread, whose CPU time is what is reported.
                try (Embedder model = choice.open(1)) {
                    EmbeddingCache cache = embeddingCache == null ? null : new EmbeddingCache(model, embeddingCache);
                    r = BriefBench.run(articles, choice.label(), model, cache == null ? model : cache, updates, warmUp);
                    if (cache != null) {
                        cache.save();
                    }
                }
            }
            ObjectNode n = (ObjectNode) Json.tree(r);
            n.put("story", story);
            n.put("lexical", lexical);
            n.put("embedder", lexical ? "none" : choice.label());
            n.put("incrementalMedianMillis", Math.round(BriefBench.median(r.incrementalMillis()) * 10) / 10.0);
            n.put("incrementalMedianCpuMillis", Math.round(BriefBench.median(r.incrementalCpuMillis()) * 10) / 10.0);
            // Medians and spread over the articles that changed the story: one that changed none updated nothing.
            List<BriefBench.Update> u = r.stored().updates().stream().filter(BriefBench.Update::storyChanged).toList();
            n.put("updatesWithoutChange", r.stored().updates().size() - u.size());
            ObjectNode medians = n.putObject("ingestOneArticleMedians");
            Map<String, ToDoubleFunction<BriefBench.Update>> figures = new LinkedHashMap<>();
            figures.put("totalMillis", BriefBench.Update::totalMillis);
            figures.put("totalCpuMillis", BriefBench.Update::totalCpuMillis);
            figures.put("ingestMillis", BriefBench.Update::ingestMillis);
            figures.put("analysisCpuMillis", BriefBench.Update::analysisCpuMillis);
            figures.put("embedMillis", BriefBench.Update::embedMillis);
            figures.put("embedCpuMillis", BriefBench.Update::embedCpuMillis);
            figures.put("placeCpuMillis", BriefBench.Update::placeCpuMillis);
            figures.put("refreshMillis", BriefBench.Update::refreshMillis);
            figures.put("refreshCpuMillis", BriefBench.Update::refreshCpuMillis);
            figures.put("refreshOffThreadCpuMillis", BriefBench.Update::refreshOffThreadCpuMillis);
            figures.put("writeMillis", BriefBench.Update::writeMillis);
            figures.put("writeCpuMillis", BriefBench.Update::writeCpuMillis);
            figures.put("processCpuMillis", BriefBench.Update::processCpuMillis);
            figures.put("refreshAllocatedMb", BriefBench.Update::refreshAllocatedMb);
            figures.put("writeAllocatedMb", BriefBench.Update::writeAllocatedMb);
            figures.forEach((name, f) -> medians.put(name, Math.round(BriefBench.median(u, f) * 10) / 10.0));
            // The update's spread, not only its middle: one slow update is what a reader waits for.
            ObjectNode spread = n.putObject("updateSpread");
            for (String name : List.of("refreshMillis", "refreshCpuMillis", "refreshAllocatedMb", "writeMillis",
                    "writeCpuMillis")) {
                ObjectNode s = spread.putObject(name);
                for (int p : new int[] {50, 90, 100}) {
                    s.put(p == 100 ? "max" : "p" + p,
                            Math.round(BriefBench.percentile(u, figures.get(name), p) * 10) / 10.0);
                }
            }
            n.put("cores", Runtime.getRuntime().availableProcessors());
            n.put("java", Runtime.version().toString());
            return output.print(() -> Json.write(n), out -> {
                out.printf("%s: %d articles, %d claims (%d consensus, %d partial, %d unique); units embedded by %s%n",
                        story, r.articles(), r.claims(), r.consensus(), r.partial(), r.unique(),
                        lexical ? "none (lexical)" : choice.label());
                out.printf("cold build %.1f s (embedding %.1f s); full build with vectors cached %.2f s (CPU %.2f s,"
                        + " %.0f MB allocated); incremental (one more article) median %.0f ms (CPU %.0f ms), max %.0f"
                        + " ms; %d cores%n",
                        r.coldSeconds(), r.embedSeconds(), r.fullCachedSeconds(), r.fullCachedCpuSeconds(),
                        r.fullCachedAllocatedMb(),
                        BriefBench.median(r.incrementalMillis()), BriefBench.median(r.incrementalCpuMillis()),
                        Arrays.stream(r.incrementalMillis()).max().orElse(0),
                        Runtime.getRuntime().availableProcessors());
                BriefBench.Stored st = r.stored();
                out.printf("stored: first brief %.2f s; served when current %.0f ms (CPU %.0f ms); stale brief"
                        + " rebuilt by a new process from stored vectors %.2f s (CPU %.2f s); brief JSON %d chars,"
                        + " SHA-256 %s%n",
                        st.firstSeconds(), st.servedMillis(), st.servedCpuMillis(), st.reopenedSeconds(),
                        st.reopenedCpuSeconds(), st.briefJsonChars(), st.briefSha256());
                out.println("one more article ingested (running process), wall / CPU ms: total = ingest (analysis incl."
                        + " unit embedding, then clean+dedupe+place+save) + brief update (incl. store write)");
                for (BriefBench.Update x : r.stored().updates()) {
                    if (!x.storyChanged()) {
                        out.printf("  (an article that changed no story: ingest %.0f ms; left out of the figures below)%n",
                                x.ingestMillis());
                        continue;
                    }
                    out.printf("  total %.0f / %.0f; ingest %.0f, analysis CPU %.0f of which unit embedding %.0f / %.0f"
                            + " (%d texts), clean+place+save CPU %.0f; update %.0f / %.0f (%.1f MB allocated) of which"
                            + " store write %.0f / %.0f (%d parts, %d k characters written, %d deleted); process CPU"
                            + " %.0f%n",
                            x.totalMillis(),
                            x.totalCpuMillis(), x.ingestMillis(), x.analysisCpuMillis(), x.embedMillis(),
                            x.embedCpuMillis(), x.embeddedTexts(), x.placeCpuMillis(), x.refreshMillis(),
                            x.refreshCpuMillis(), x.refreshAllocatedMb(), x.writeMillis(), x.writeCpuMillis(), x.partsWritten(),
                            x.charsWritten() / 1000, x.partsDeleted(), x.processCpuMillis());
                    StringBuilder steps = new StringBuilder();
                    x.buildCpuMillis().forEach((step, ms) -> steps.append(String.format(" %s %.0f", step, ms)));
                    out.printf("    builder CPU ms:%s%n", steps);
                    StringBuilder bytes = new StringBuilder();
                    x.buildAllocatedMb().forEach((step, mb) -> bytes.append(String.format(" %s %.1f", step, mb)));
                    out.printf("    builder MB allocated:%s; store write %.1f%n", bytes, x.writeAllocatedMb());
                }
                for (BriefBench.Update x : st.warmUp()) {
                    out.printf("  (warm-up, before the timed articles: update %.0f / %.0f of which store write %.0f /"
                            + " %.0f)%n", x.refreshMillis(), x.refreshCpuMillis(), x.writeMillis(), x.writeCpuMillis());
                }
                out.printf("  median: total %.0f / %.0f; update without embedding %.0f / %.0f; with the unit embedding"
                        + " %.0f / %.0f%n", BriefBench.median(u, BriefBench.Update::totalMillis),
                        BriefBench.median(u, BriefBench.Update::totalCpuMillis),
                        BriefBench.median(u, BriefBench.Update::refreshMillis),
                        BriefBench.median(u, BriefBench.Update::refreshCpuMillis),
                        BriefBench.median(u, x -> x.refreshMillis() + x.embedMillis()),
                        BriefBench.median(u, x -> x.refreshCpuMillis() + x.embedCpuMillis()));
                out.printf("  brief update (incl. store write) over %d articles, wall / CPU ms: p50 %.0f / %.0f, p90"
                        + " %.0f / %.0f, max %.0f / %.0f%n", u.size(),
                        BriefBench.percentile(u, BriefBench.Update::refreshMillis, 50),
                        BriefBench.percentile(u, BriefBench.Update::refreshCpuMillis, 50),
                        BriefBench.percentile(u, BriefBench.Update::refreshMillis, 90),
                        BriefBench.percentile(u, BriefBench.Update::refreshCpuMillis, 90),
                        BriefBench.percentile(u, BriefBench.Update::refreshMillis, 100),
                        BriefBench.percentile(u, BriefBench.Update::refreshCpuMillis, 100));
                out.printf("  brief update, MB allocated: p50 %.1f, p90 %.1f, max %.1f%n",
                        BriefBench.percentile(u, BriefBench.Update::refreshAllocatedMb, 50),
                        BriefBench.percentile(u, BriefBench.Update::refreshAllocatedMb, 90),
                        BriefBench.percentile(u, BriefBench.Update::refreshAllocatedMb, 100));
            });
        }
    }

    @Command(name = "clustering", mixinStandardHelpOptions = true,
            description = {"Streams a corpus through the standard pipeline (clean, annotate including the "
                    + "headline+lead embedding, dedupe, cluster, store) into a fresh temporary store in batches, and reports articles/s, CPU seconds, the peak "
                    + "heap, p50/p99 interval between articles coming out stored (the store's writes trail placement by a "
                    + "chunk), the share of CPU "
                    + "time spent embedding and the share spent on the placing thread, the number of stories and a SHA-256 of every "
                    + "article's outcome and story (equal digests: equal decisions). Run with PARALLAX_JAVA_OPTS=-Xmx1g to check the heap bound."})
    static final class Clustering implements Callable<Integer> {
        @Option(names = "--corpus", required = true, paramLabel = "FILE", description = "Articles to ingest.")
        Path corpus;

        @Option(names = "--batch", defaultValue = "4000", paramLabel = "N",
                description = "Articles per pipeline batch (default ${DEFAULT-VALUE}).")
        int batchSize;

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            if (batchSize < 1) {
                throw new picocli.CommandLine.ParameterException(output.spec.commandLine(), "--batch must be at least 1");
            }
            List<RawArticle> corpusArticles = new ArrayList<>();
            AtomicLong rejected = new AtomicLong();
            Sources.open(corpus).read(new SourceSink() {
                @Override
                public void article(RawArticle article) {
                    corpusArticles.add(article);
                }

                @Override
                public void rejected(String origin, String reason) {
                    rejected.incrementAndGet();
                }
            });
            Pipelines.embedder(); // loaded before the clock starts: a one-off cost of the process, not per article
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            double loadBefore = os.getSystemLoadAverage();
            List<TimedAnnotator> timed = new ArrayList<>();
            List<Annotator> annotators = new ArrayList<>();
            for (Annotator a : Pipelines.annotators()) {
                if (a instanceof EmbeddingAnnotator) {
                    timed.add(new TimedAnnotator(a));
                    annotators.add(timed.get(0));
                } else {
                    annotators.add(a);
                }
            }
            TimedAnnotator embed = timed.get(0);
            long[] placeNanos = new long[corpusArticles.size()];
            int[] placed = {0};
            HeapSampler heap = new HeapSampler();
            long cpuStart = os.getProcessCpuTime();
            long placerCpuStart = TimedAnnotator.THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            long stored = 0;
            long duplicates = 0;
            long failed = rejected.get();
            // every article's outcome and story in input order: equal digests mean equal decisions
            java.security.MessageDigest decisions = java.security.MessageDigest.getInstance("SHA-256");
            long stories;
            double seconds;
            double cpuSeconds;
            double placerCpuSeconds;
            try (Store store = SqliteStore.temporary()) {
                Pipeline pipeline = new Pipeline(Pipelines.cleaner(), annotators, new OnlineStoryClusterer(),
                        new Deduper(), store);
                for (int from = 0; from < corpusArticles.size(); from += batchSize) {
                    List<RawArticle> batch = corpusArticles.subList(from, Math.min(corpusArticles.size(),
                            from + batchSize));
                    // progress is told once before placing (the rejected count) and after each article is written
                    // (on the store writer, a chunk after its placement): the gaps between calls are the writer's
                    // intervals, except before the first article of a chunk, where the gap also holds the wait for
                    // that chunk's analysis and placement
                    long[] last = {-1};
                    int[] first = {-1};
                    IngestReport report = pipeline.ingest(batch, done -> {
                        long now = System.nanoTime();
                        if (first[0] < 0) {
                            first[0] = done;
                        } else if ((done - first[0] - 1) % Pipeline.CHUNK != 0) {
                            placeNanos[placed[0]++] = now - last[0];
                        }
                        last[0] = now;
                    });
                    stored += report.count(Status.STORED);
                    duplicates += report.count(Status.DUPLICATE);
                    failed += report.count(Status.REJECTED);
                    for (IngestReport.Outcome o : report.outcomes()) {
                        decisions.update((o.articleId() + "\t" + o.status() + "\t" + o.storyId() + "\n")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
                seconds = (System.nanoTime() - start) / 1e9;
                cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
                placerCpuSeconds = (TimedAnnotator.THREADS.getCurrentThreadCpuTime() - placerCpuStart) / 1e9;
                stories = store.stories().size(); // after the clock: merged stories count once
            }
            long peak = heap.stop();
            long[] latencies = Arrays.copyOf(placeNanos, placed[0]);
            Arrays.sort(latencies);
            ObjectNode r = Json.object();
            r.put("corpus", corpus.toString());
            r.put("articles", corpusArticles.size());
            r.put("stored", stored);
            r.put("duplicates", duplicates);
            r.put("rejected", failed);
            r.put("stories", stories);
            r.put("decisionsSha256", HexFormat.of().formatHex(decisions.digest()));
            r.put("seconds", round2(seconds));
            r.put("articlesPerSecond", Math.round(corpusArticles.size() / seconds));
            r.put("cpuSeconds", round2(cpuSeconds));
            r.put("articlesPerCpuSecond", Math.round(corpusArticles.size() / cpuSeconds));
            r.put("embeddingCpuShare", round2(embed.cpuNanos() / 1e9 / cpuSeconds));
            r.put("placementCpuShare", round2(placerCpuSeconds / cpuSeconds));
            r.put("placementP50Ms", round2(percentile(latencies, 0.50) / 1e6));
            r.put("placementP99Ms", round2(percentile(latencies, 0.99) / 1e6));
            r.put("peakHeapMB", peak / (1024 * 1024));
            r.put("maxHeapMB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
            r.put("cores", Runtime.getRuntime().availableProcessors());
            r.put("loadAverageBefore", round2(loadBefore));
            r.put("loadAverageAfter", round2(os.getSystemLoadAverage()));
            r.put("java", Runtime.version().toString());
            return output.print(() -> Json.write(r), out -> {
                out.printf("%d articles in %.1f s (%.1f CPU s): %d articles/s, %d per CPU second; embedding %.0f%% of "
                        + "CPU, placement thread %.0f%%; placement p50 %.2f ms, p99 %.2f ms; peak heap %d MB (max %d "
                        + "MB); %d cores, load %.1f -> %.1f%n", corpusArticles.size(), seconds, cpuSeconds,
                        r.get("articlesPerSecond").asLong(), r.get("articlesPerCpuSecond").asLong(),
                        100 * r.get("embeddingCpuShare").asDouble(), 100 * r.get("placementCpuShare").asDouble(),
                        r.get("placementP50Ms").asDouble(),
                        r.get("placementP99Ms").asDouble(), r.get("peakHeapMB").asLong(),
                        r.get("maxHeapMB").asLong(), r.get("cores").asInt(), loadBefore, os.getSystemLoadAverage());
            });
        }

        private static long percentile(long[] sorted, double q) {
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
        }

        private static double round2(double v) {
            return Math.round(v * 100) / 100.0;
        }
    }

    /** Counts the CPU time its annotator spends on the calling threads (the ONNX session runs on them). */
    static final class TimedAnnotator implements Annotator {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private final Annotator inner;
        private final AtomicLong cpuNanos = new AtomicLong();

        TimedAnnotator(Annotator inner) {
            this.inner = inner;
        }

        @Override
        public Article annotate(Article article) {
            long before = THREADS.getCurrentThreadCpuTime();
            try {
                return inner.annotate(article);
            } finally {
                cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - before);
            }
        }

        @Override
        public List<Article> annotateAll(List<Article> articles) {
            long before = THREADS.getCurrentThreadCpuTime();
            try {
                return inner.annotateAll(articles);
            } finally {
                cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - before);
            }
        }

        @Override
        public Article current(Article stored) {
            return inner.current(stored);
        }

        long cpuNanos() {
            return cpuNanos.get();
        }
    }

    @Command(name = "embed", mixinStandardHelpOptions = true,
            description = {"Times one embedder on what the pipeline embeds: each article's headline and first two "
                    + "sentences (EmbeddingAnnotator), --batch articles per call (the pipeline passes chunks), on --threads threads "
                    + "(ONNX models one intra-op thread each). Cleaning and sentence splitting run first, untimed, and "
                    + "a warm-up of 200 articles is not counted. Reports items/s, CPU seconds, p50/p99 per item and "
                    + "the peak heap. No cache."})
    static final class Embed implements Callable<Integer> {
        @Option(names = "--corpus", required = true, paramLabel = "FILE", description = "Articles to embed.")
        Path corpus;

        @Option(names = "--embedder", defaultValue = "minilm", paramLabel = "NAME",
                description = "minilm, minilm-q, bge-q or static (default ${DEFAULT-VALUE}).")
        String embedder;

        @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
                description = "Embedding threads (0: one per core).")
        int threads;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
                description = "Embed only the first N articles (0: all).")
        int limit;

        @Option(names = "--batch", paramLabel = "N", defaultValue = "1",
                description = "Articles per annotator call (default ${DEFAULT-VALUE}; the pipeline hands over chunks "
                        + "of 64, which minilm embeds in batches of up to 16, minilm-q one text per ONNX call); an "
                        + "item's latency is then its call's time divided by the articles in it.")
        int batch;

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            EmbedderChoice choice;
            try {
                choice = EmbedderChoice.named(embedder);
            } catch (IllegalArgumentException e) {
                throw new Failures.UserError(ExitCodes.USAGE, e.getMessage());
            }
            if (threads < 0 || limit < 0 || batch < 1) {
                throw new Failures.UserError(ExitCodes.USAGE,
                        "--threads and --limit must be 0 or more, --batch at least 1");
            }
            int workers = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
            List<RawArticle> raw = read(corpus);
            if (limit > 0 && raw.size() > limit) {
                raw = raw.subList(0, limit);
            }
            List<Article> articles = cleanedAndSplit(raw);
            raw = null; // only the analysed articles stay in memory while timing
            if (articles.isEmpty()) {
                throw new Failures.UserError(ExitCodes.IO, corpus + " has no article with a body to embed");
            }
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            ObjectNode r = Json.object();
            try (Embedder model = choice.open(1)) {
                EmbeddingAnnotator annotator = new EmbeddingAnnotator(model);
                for (Article a : articles.subList(0, Math.min(200, articles.size()))) {
                    annotator.annotate(a);
                }
                long[] latency = new long[articles.size()];
                AtomicInteger next = new AtomicInteger();
                double loadBefore = os.getSystemLoadAverage();
                HeapSampler heap = new HeapSampler();
                long cpuStart = os.getProcessCpuTime();
                long start = System.nanoTime();
                List<Thread> pool = new ArrayList<>();
                for (int t = 0; t < workers; t++) {
                    pool.add(Thread.ofPlatform().name("embed-" + t).start(() -> {
                        for (int i = next.getAndAdd(batch); i < latency.length; i = next.getAndAdd(batch)) {
                            int end = Math.min(latency.length, i + batch);
                            long t0 = System.nanoTime();
                            annotator.annotateAll(articles.subList(i, end));
                            Arrays.fill(latency, i, end, (System.nanoTime() - t0) / (end - i));
                        }
                    }));
                }
                for (Thread t : pool) {
                    t.join();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
                long peak = heap.stop();
                Arrays.sort(latency);
                r.put("corpus", corpus.toString());
                r.put("embedder", choice.label());
                r.put("dimension", model.dimension());
                r.put("items", articles.size());
                r.put("threads", workers);
                r.put("batch", batch);
                r.put("seconds", Clustering.round2(seconds));
                r.put("itemsPerSecond", Math.round(articles.size() / seconds));
                r.put("cpuSeconds", Clustering.round2(cpuSeconds));
                r.put("itemsPerCpuSecond", Math.round(articles.size() / cpuSeconds));
                r.put("p50Ms", Math.round(Clustering.percentile(latency, 0.50) / 1e4) / 100.0);
                r.put("p99Ms", Math.round(Clustering.percentile(latency, 0.99) / 1e4) / 100.0);
                r.put("peakHeapMB", peak / (1024 * 1024));
                r.put("maxHeapMB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
                r.put("cores", Runtime.getRuntime().availableProcessors());
                r.put("loadAverageBefore", Clustering.round2(loadBefore));
                r.put("loadAverageAfter", Clustering.round2(os.getSystemLoadAverage()));
            }
            return output.print(() -> Json.write(r), out -> {
                out.printf(Locale.ROOT, "%s: %d items in %.1f s on %d threads (%.1f CPU s): %d items/s, %d "
                        + "per CPU second; p50 %.2f ms, p99 %.2f ms per item; peak heap %d MB; load %.1f -> %.1f%n",
                        r.get("embedder").asText(), r.get("items").asInt(), r.get("seconds").asDouble(), workers,
                        r.get("cpuSeconds").asDouble(), r.get("itemsPerSecond").asLong(),
                        r.get("itemsPerCpuSecond").asLong(), r.get("p50Ms").asDouble(), r.get("p99Ms").asDouble(),
                        r.get("peakHeapMB").asLong(), r.get("loadAverageBefore").asDouble(),
                        r.get("loadAverageAfter").asDouble());
            });
        }
    }

    /** Samples the heap in use every 20 ms: the peak a run needed, which pool-level peaks over-count. */
    static final class HeapSampler {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;
        private volatile boolean running = true;

        HeapSampler() {
            thread = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
                while (running) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return Math.max(peak.get(), memory.getHeapMemoryUsage().getUsed());
        }
    }
}
