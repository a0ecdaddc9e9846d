package dev.parallax.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.pipeline.Pipeline;
import dev.parallax.core.story.OnlineStoryClusterer;
import dev.parallax.core.text.NewsCleaner;
import dev.parallax.core.pipeline.IngestReport;
import dev.parallax.core.pipeline.IngestReport.Status;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.pipeline.SourceSink;
import dev.parallax.core.store.Store;
import dev.parallax.ingest.Sources;
import dev.parallax.store.SqliteStore;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures speed and memory on a corpus (figures belong in docs/BENCHMARKS.md).",
        subcommands = {BenchCommand.Ingest.class, BenchCommand.Clustering.class})
final class BenchCommand {
    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = {"Reads a corpus, then runs the standard pipeline (clean, annotate, dedupe, cluster, store) "
                    + "into a fresh temporary store, and reports articles/s and the peak heap in use."})
    static final class Ingest implements Callable<Integer> {
        @Option(names = "--corpus", required = true, paramLabel = "FILE", description = "Articles to ingest.")
        Path corpus;

        @Option(names = "--json", description = "Print the figures as JSON.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<RawArticle> batch = new ArrayList<>();
            AtomicLong rejected = new AtomicLong();
            Sources.open(corpus).read(new SourceSink() {
                @Override
                public void article(RawArticle article) {
                    batch.add(article);
                }

                @Override
                public void rejected(String origin, String reason) {
                    rejected.incrementAndGet();
                }
            });
            HeapSampler heap = new HeapSampler();
            long start = System.nanoTime();
            IngestReport report;
            try (Store store = SqliteStore.temporary(); Progress progress = new Progress("Ingesting", batch.size())) {
                report = Pipelines.standard(store).ingest(batch, progress);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = heap.stop();
            PrintWriter out = spec.commandLine().getOut();
            ObjectNode r = Json.object();
            r.put("corpus", corpus.toString());
            r.put("articles", batch.size());
            r.put("stored", report.count(Status.STORED));
            r.put("duplicates", report.count(Status.DUPLICATE));
            r.put("rejected", report.count(Status.REJECTED) + rejected.get());
            r.put("seconds", Math.round(seconds * 100) / 100.0);
            r.put("articlesPerSecond", Math.round(batch.size() / seconds));
            r.put("peakHeapMB", peak / (1024 * 1024));
            r.put("maxHeapMB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
            r.put("cores", Runtime.getRuntime().availableProcessors());
            r.put("java", Runtime.version().toString());
            if (json) {
                out.println(Json.write(r));
            } else {
                out.printf("%d articles in %.1f s: %d articles/s; peak heap %d MB (max %d MB), %d cores%n",
                        batch.size(), seconds, r.get("articlesPerSecond").asLong(), r.get("peakHeapMB").asLong(),
                        r.get("maxHeapMB").asLong(), r.get("cores").asInt());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "clustering", mixinStandardHelpOptions = true,
            description = {"Streams a corpus through the standard pipeline (clean, sentences, embedding, cluster, "
                    + "store) into a fresh temporary store in batches, and reports articles/s, CPU seconds, the peak "
                    + "heap, p50/p99 latency of placing one article (dedupe, cluster, store) and the share of CPU "
                    + "time spent embedding. Run with PARALLAX_JAVA_OPTS=-Xmx1g to check the heap bound."})
    static final class Clustering implements Callable<Integer> {
        @Option(names = "--corpus", required = true, paramLabel = "FILE", description = "Articles to ingest.")
        Path corpus;

        @Option(names = "--batch", defaultValue = "4000", paramLabel = "N",
                description = "Articles per pipeline batch (default ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--json", description = "Print the figures as JSON.")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (batchSize < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--batch must be at least 1");
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
            TimedAnnotator embed = new TimedAnnotator(Pipelines.annotators().get(1));
            List<Annotator> annotators = List.of(Pipelines.annotators().get(0), embed);
            long[] placeNanos = new long[corpusArticles.size()];
            int[] placed = {0};
            HeapSampler heap = new HeapSampler();
            long cpuStart = os.getProcessCpuTime();
            long start = System.nanoTime();
            long stored = 0;
            long duplicates = 0;
            long failed = rejected.get();
            try (Store store = SqliteStore.temporary()) {
                Pipeline pipeline = new Pipeline(new NewsCleaner(), annotators, new OnlineStoryClusterer(), store);
                for (int from = 0; from < corpusArticles.size(); from += batchSize) {
                    List<RawArticle> batch = corpusArticles.subList(from, Math.min(corpusArticles.size(),
                            from + batchSize));
                    // progress is told after each placed article: the gaps between calls are placement latencies
                    long[] last = {-1};
                    IngestReport report = pipeline.ingest(batch, done -> {
                        long now = System.nanoTime();
                        if (last[0] >= 0 && placed[0] < placeNanos.length) {
                            placeNanos[placed[0]++] = now - last[0];
                        }
                        last[0] = now;
                    });
                    stored += report.count(Status.STORED);
                    duplicates += report.count(Status.DUPLICATE);
                    failed += report.count(Status.REJECTED);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
            long peak = heap.stop();
            long[] latencies = java.util.Arrays.copyOf(placeNanos, placed[0]);
            java.util.Arrays.sort(latencies);
            ObjectNode r = Json.object();
            r.put("corpus", corpus.toString());
            r.put("articles", corpusArticles.size());
            r.put("stored", stored);
            r.put("duplicates", duplicates);
            r.put("rejected", failed);
            r.put("seconds", round2(seconds));
            r.put("articlesPerSecond", Math.round(corpusArticles.size() / seconds));
            r.put("cpuSeconds", round2(cpuSeconds));
            r.put("articlesPerCpuSecond", Math.round(corpusArticles.size() / cpuSeconds));
            r.put("embeddingCpuShare", round2(embed.cpuNanos() / 1e9 / cpuSeconds));
            r.put("placementP50Ms", round2(percentile(latencies, 0.50) / 1e6));
            r.put("placementP99Ms", round2(percentile(latencies, 0.99) / 1e6));
            r.put("peakHeapMB", peak / (1024 * 1024));
            r.put("maxHeapMB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
            r.put("cores", Runtime.getRuntime().availableProcessors());
            r.put("loadAverageBefore", round2(loadBefore));
            r.put("loadAverageAfter", round2(os.getSystemLoadAverage()));
            r.put("java", Runtime.version().toString());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(r));
            } else {
                out.printf("%d articles in %.1f s (%.1f CPU s): %d articles/s, %d per CPU second; embedding %.0f%% of "
                        + "CPU; placement p50 %.2f ms, p99 %.2f ms; peak heap %d MB (max %d MB); %d cores, load "
                        + "%.1f -> %.1f%n", corpusArticles.size(), seconds, cpuSeconds,
                        r.get("articlesPerSecond").asLong(), r.get("articlesPerCpuSecond").asLong(),
                        100 * r.get("embeddingCpuShare").asDouble(), r.get("placementP50Ms").asDouble(),
                        r.get("placementP99Ms").asDouble(), r.get("peakHeapMB").asLong(),
                        r.get("maxHeapMB").asLong(), r.get("cores").asInt(), loadBefore, os.getSystemLoadAverage());
            }
            out.flush();
            return ExitCodes.OK;
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

        long cpuNanos() {
            return cpuNanos.get();
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
