package dev.parallax.spark;

import dev.parallax.core.brief.StoryBriefs;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.InvalidArticleException;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.pipeline.IngestReport;
import dev.parallax.core.pipeline.IngestReport.Outcome;
import dev.parallax.core.pipeline.IngestReport.Status;
import dev.parallax.core.pipeline.Pipeline;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.pipeline.SourceSink;
import dev.parallax.core.store.Store;
import dev.parallax.core.text.Cleaner;
import dev.parallax.core.text.NewsCleaner;
import dev.parallax.ingest.Sources;
import dev.parallax.store.ArticleJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * {@code parallax ingest} as a Spark job: the executors read the input files (one task per file) and do the
 * per-article work, which is most of an ingest's CPU (cleaning, every annotator, the embeddings), each with one
 * set of models per JVM; the driver then places the analysed articles one by one in publication order, with the
 * {@link Pipeline} the CLI uses, into any store. The stories, their ids and the duplicate lineage are therefore those
 * {@code parallax ingest} makes of the same input: placing is an online, order-dependent decision (each article joins
 * the best story among those open when it arrives), and doing it in the same order is what makes it the same.
 *
 * <p>Executors read the paths as given, so on a cluster they must name files every executor sees (absolute paths
 * on a shared file system).
 */
public final class SparkIngest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /**
     * At most this many analysed articles per sorted partition: the driver holds one partition at a time while it
     * places it (7 KB of JSON a Reuters-21578 article, several times that with the brief's sentence vectors), whatever
     * the size of the corpus.
     */
    static final int PLACING_PARTITION = 2_000;

    private SparkIngest() {}

    /**
     * @param outlet the outlet of articles whose source names none, or null
     * @param briefs whether to bring the briefs of the stories that got articles up to date (their sentences are
     *     then embedded by the executors)
     * @param partitions how many analysis tasks the articles are spread over
     * @param articlesOut where to write the analysed articles as JSON Lines ({@link ArticleJson}, in placing
     *     order, one part file per partition): a directory that does not exist yet, or any URI Hadoop can write
     *     (hdfs://, s3a://…); null for none
     */
    public record Settings(String outlet, boolean briefs, int partitions, String articlesOut) {}

    /**
     * What the job did.
     *
     * @param report one outcome per input item: unreadable items first, then the placed articles in placing order
     * @param skipped one line per source that passed over items on purpose (a web archive's non-page records)
     * @param files the files read
     * @param placingCpuSeconds CPU time of the driver thread that placed the articles (fetching and decoding them
     *     included): the sequential part of the job, which more executors do not shorten
     */
    public record Result(IngestReport report, List<String> skipped, int files, double analysisSeconds,
            double placingSeconds, double placingCpuSeconds, double briefSeconds) {}

    /** A file to read, with its index in the reading order. */
    private record FileRef(int index, String path) implements Serializable {}

    /** An item a reading task found: an article, or a rejection or skip note (article null). */
    private record Read(int file, long item, RawArticle article, String origin, String note, boolean skip)
            implements Serializable {}

    /**
     * An analysed article (key and JSON set), or an item that is not one: a rejection, or a skip note.
     */
    private record Analysed(PlacementKey key, String json, String origin, String id, String note, boolean skip)
            implements Serializable {}

    /**
     * Ingests {@code paths} into {@code store}.
     *
     * @param log told what the job is doing, one line per phase
     */
    public static Result run(JavaSparkContext spark, List<Path> paths, Store store, Settings settings,
            IntConsumer progress, PrintWriter log) {
        List<Outcome> outcomes = new ArrayList<>();
        List<FileRef> files = new ArrayList<>();
        SourceSink problems = new SourceSink() {
            @Override
            public void article(RawArticle article) {
                throw new IllegalStateException("listing files reads no article");
            }

            @Override
            public void rejected(String origin, String reason) {
                outcomes.add(new Outcome(origin, null, Status.REJECTED, null, false, reason));
            }
        };
        for (Path path : paths) {
            try {
                for (Path file : Sources.files(path, problems)) {
                    files.add(new FileRef(files.size(), file.toString()));
                }
            } catch (IOException e) {
                problems.rejected(path.toString(), oneLine(e));
            }
        }
        String outlet = settings.outlet();
        boolean briefs = settings.briefs();
        log.println("parallax spark: analysing the articles of " + files.size() + " file" + (files.size() == 1 ? ""
                : "s") + " in " + settings.partitions() + " partitions on " + spark.master());
        log.flush();
        long start = System.nanoTime();
        JavaRDD<Read> read = spark.parallelize(files, Math.max(1, Math.min(files.size(),
                        spark.defaultParallelism())))
                .flatMap(file -> read(file, outlet))
                .repartition(settings.partitions())
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        // The whole input is the cleaner's batch, as in `parallax ingest`: its pages' paragraph hashes meet here.
        Broadcast<Set<Long>> templateText = spark.broadcast(NewsCleaner.templateText(read
                .filter(r -> r.article() != null).map(r -> NewsCleaner.page(r.article())).filter(p -> p != null)
                .collect()));
        JavaRDD<Analysed> analysed = read.mapPartitions(items -> analyse(items, briefs, templateText.value()))
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        List<String> skipped = new ArrayList<>();
        try {
            // This action runs the analysis on the executors; what follows reads the persisted result.
            for (Analysed a : analysed.filter(a -> a.key() == null).collect()) {
                if (a.skip()) {
                    skipped.add("skipped in " + a.origin() + ": " + a.note());
                } else {
                    outcomes.add(new Outcome(a.origin(), a.id(), Status.REJECTED, null, false, a.note()));
                }
            }
            long articles = analysed.filter(a -> a.key() != null).count();
            double analysis = seconds(start);
            log.println("parallax spark: analysed " + articles + " article" + (articles == 1 ? "" : "s") + " in "
                    + Math.round(analysis) + " s; placing them in publication order");
            log.flush();
            long placing = System.nanoTime();
            long placingCpu = THREADS.getCurrentThreadCpuTime();
            JavaRDD<String> inPlacingOrder = analysed.filter(a -> a.key() != null)
                    .mapToPair(a -> new Tuple2<>(a.key(), a.json()))
                    .sortByKey(true, (int) Math.max(settings.partitions(),
                            (articles + PLACING_PARTITION - 1) / PLACING_PARTITION))
                    .values();
            if (settings.articlesOut() != null) { // reads the sort's shuffle output, which the placing reads again
                inPlacingOrder.saveAsTextFile(settings.articlesOut());
            }
            Iterator<String> sorted = inPlacingOrder.toLocalIterator();
            ArticleJson json = new ArticleJson();
            Iterator<Article> inOrder = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return sorted.hasNext();
                }

                @Override
                public Article next() {
                    return json.read(sorted.next());
                }
            };
            boolean undated = !analysed.filter(a -> a.key() != null && a.key().undated()).isEmpty();
            List<Outcome> placed = Pipelines.standard(store).placeAnalysed(inOrder, undated, progress);
            outcomes.addAll(placed);
            double placingSeconds = seconds(placing);
            double placingCpuSeconds = (THREADS.getCurrentThreadCpuTime() - placingCpu) / 1e9;
            double briefSeconds = 0;
            if (briefs) {
                long briefing = System.nanoTime();
                List<String> stories = new IngestReport(placed).storiesChanged();
                log.println("parallax spark: placed in " + Math.round(placingSeconds) + " s; updating the briefs of "
                        + stories.size() + " stor" + (stories.size() == 1 ? "y" : "ies"));
                log.flush();
                try (StoryBriefs stored = StoryBriefs.minilm(store)) {
                    stored.refresh(stories);
                }
                briefSeconds = seconds(briefing);
            }
            return new Result(new IngestReport(outcomes), skipped, files.size(), analysis, placingSeconds,
                    placingCpuSeconds, briefSeconds);
        } finally {
            analysed.unpersist(false);
            read.unpersist(false);
        }
    }

    /** Reads one file on an executor, as {@code parallax ingest} reads it. */
    private static Iterator<Read> read(FileRef file, String outlet) {
        List<Read> items = new ArrayList<>();
        SourceSink sink = new SourceSink() {
            @Override
            public void article(RawArticle a) {
                RawArticle article = outlet == null || a.outlet() != null ? a
                        : new RawArticle(a.id(), a.origin(), outlet, a.published(), a.url(), a.title(), a.text());
                items.add(new Read(file.index(), items.size(), article, null, null, false));
            }

            @Override
            public void rejected(String origin, String reason) {
                items.add(new Read(file.index(), items.size(), null, origin, reason, false));
            }

            @Override
            public void skipped(String origin, String what) {
                items.add(new Read(file.index(), items.size(), null, origin, what, true));
            }
        };
        try {
            Sources.open(Path.of(file.path())).read(sink);
        } catch (IOException e) { // gone since it was listed, or not visible to this executor
            sink.rejected(file.path(), oneLine(e));
        }
        return items.iterator();
    }

    /**
     * Cleans and annotates a partition's articles in chunks, as the pipeline's analysis threads do, knowing the
     * template text of the whole input ({@link NewsCleaner#templateText}).
     */
    private static Iterator<Analysed> analyse(Iterator<Read> items, boolean briefs, Set<Long> templateText) {
        Analysis analysis = Analysis.get(briefs);
        Cleaner cleaner = analysis.cleaner.withTemplateText(templateText);
        List<Analysed> out = new ArrayList<>();
        List<Article> chunk = new ArrayList<>(Pipeline.CHUNK);
        List<Read> chunkItems = new ArrayList<>(Pipeline.CHUNK);
        while (items.hasNext()) {
            Read item = items.next();
            if (item.article() == null) {
                out.add(new Analysed(null, null, item.origin(), null, item.note(), item.skip()));
                continue;
            }
            try {
                chunk.add(cleaner.clean(item.article()));
                chunkItems.add(item);
            } catch (InvalidArticleException e) {
                out.add(new Analysed(null, null, item.article().origin(), item.article().id(), e.getMessage(), false));
            }
            if (chunk.size() == Pipeline.CHUNK) {
                annotate(analysis, chunk, chunkItems, out);
            }
        }
        annotate(analysis, chunk, chunkItems, out);
        return out.iterator();
    }

    private static void annotate(Analysis analysis, List<Article> chunk, List<Read> chunkItems, List<Analysed> out) {
        List<Article> annotated = chunk.isEmpty() ? chunk : analysis.annotate(chunk);
        for (int i = 0; i < annotated.size(); i++) {
            Article a = annotated.get(i);
            out.add(new Analysed(PlacementKey.of(a, chunkItems.get(i).file(), chunkItems.get(i).item()),
                    analysis.json.write(a), null, null, null, false));
        }
        chunk.clear();
        chunkItems.clear();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** An exception's message on one line (a missing input's says "PATH: no such file or directory"). */
    static String oneLine(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
