package dev.parallax.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.pipeline.IngestReport;
import dev.parallax.core.pipeline.IngestReport.Outcome;
import dev.parallax.core.pipeline.IngestReport.Status;
import dev.parallax.core.store.Store;
import dev.parallax.store.SqlStore;
import dev.parallax.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code parallax-spark} command: {@code parallax ingest} as a Spark job. */
@Command(name = "parallax spark", mixinStandardHelpOptions = true, versionProvider = SparkMain.Version.class,
        description = {"Ingests articles as a Spark job: executors read and analyse them (cleaning, annotators, "
                + "embeddings), the driver places them in stories in publication order, as 'parallax ingest' does, "
                + "so the stories are the same.",
                "PATH is what 'parallax ingest' reads: .txt, .jsonl(.gz), web pages, RSS/Atom feeds, WARC archives, "
                        + "or directories of them. On a cluster, give absolute paths on a file system every executor"
                        + " sees.",
                "JSON: {\"stored\",\"duplicates\",\"rejected\",\"storiesOpened\",\"storiesMerged\",\"files\",\"master\","
                        + "\"partitions\","
                        + "\"analysisSeconds\",\"placingSeconds\",\"placingCpuSeconds\",\"briefSeconds\",\"items\"}, "
                        + "one item per article or rejection."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:some input was rejected (the rest was ingested)",
                "2:bad command line (or a Spark master URL Spark does not take)",
                "3:cannot use the data directory or database", "70:internal error (a bug: please report it)"})
public final class SparkMain implements Callable<Integer> {
    static final int OK = 0;
    static final int REJECTED_INPUT = 1;
    static final int USAGE = 2;
    static final int IO = 3;
    static final int INTERNAL = 70;

    @Option(names = "--data", paramLabel = "DIR|URL", defaultValue = "parallax-data",
            description = "Data directory of the embedded store (default: ${DEFAULT-VALUE}), or a PostgreSQL database:"
                    + " postgresql://[user[:password]@]host[:port]/database[?currentSchema=NAME]. Only the driver "
                    + "writes to it.")
    String data;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: local[*] (the default, all cores of this machine), local[N], "
                    + "spark://HOST:PORT, yarn, k8s://…; under spark-submit, its --master.")
    String master;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Analysis tasks the articles are spread over (default: 4 per core Spark has).")
    Integer partitions;

    @Option(names = "--outlet", paramLabel = "NAME",
            description = "The outlet of articles whose source does not name one (plain-text files never do).")
    String outlet;

    @Option(names = "--briefs", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Bring the stored brief of every story that got articles up to date (default), the "
                    + "executors embedding the articles' sentences; with --no-briefs a brief is built when first read.")
    boolean briefs;

    @Option(names = "--articles", paramLabel = "DIR|URI",
            description = "Also write the analysed articles, layers and all, as JSON Lines in placing order (one "
                    + "part file per partition) to this new directory, or a URI Hadoop writes (hdfs://, s3a://…).")
    String articles;

    @Option(names = "--json", description = "Print the result as JSON (its fields are named above).")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories to ingest.")
    List<Path> paths;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code: the entry point tests use. */
    public static int run(String... args) {
        return new CommandLine(new SparkMain()).setExecutionExceptionHandler(SparkMain::failure).execute(args);
    }

    @Override
    public Integer call() throws IOException {
        if (partitions != null && partitions < 1) {
            throw new UsageError("--partitions must be at least 1, not " + partitions);
        }
        if (articles != null && !articles.contains("://") && Files.exists(Path.of(articles))) {
            throw new UsageError("--articles " + articles + " exists already: name a new directory");
        }
        PrintWriter err = spec.commandLine().getErr();
        // The store first: a bad URL or directory fails in a second, not after Spark has started.
        try (Store store = SqlStore.open(data)) {
            // A session already running in this JVM (an application embedding the job, a test) is used as it is.
            boolean started = SparkSession.getDefaultSession().isEmpty();
            SparkSession spark = session();
            try {
                return ingest(spark, store, err);
            } finally {
                if (started) {
                    spark.stop();
                }
            }
        }
    }

    private int ingest(SparkSession spark, Store store, PrintWriter err) {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int tasks = partitions != null ? partitions : 4 * context.defaultParallelism();
        SparkIngest.Result result = SparkIngest.run(context, paths, store,
                new SparkIngest.Settings(outlet, briefs, tasks, articles), placed -> {}, err);
        for (String line : result.skipped()) {
            err.println("parallax spark: " + line);
        }
        IngestReport report = result.report();
        for (Outcome o : report.outcomes()) {
            if (o.status() == Status.REJECTED) {
                err.println("parallax spark: rejected " + o.origin() + ": " + o.detail());
            }
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? toJson(result, context.master(), tasks) : summary(result));
        out.flush();
        return report.count(Status.REJECTED) > 0 ? REJECTED_INPUT : OK;
    }

    /** The session: the master named, else spark-submit's, else all cores of this machine. */
    private SparkSession session() {
        SparkSession.Builder builder = SparkSession.builder().appName("parallax ingest");
        String chosen = master != null ? master : System.getProperty("spark.master", "local[*]");
        builder.master(chosen);
        if (chosen.startsWith("local")) { // one machine: no web UI to bind a port for, no name lookups
            builder.config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
        }
        builder.config("spark.ui.showConsoleProgress", "false");
        try {
            return builder.getOrCreate();
        } catch (Exception e) { // SparkException is checked, and Scala throws it undeclared
            throw new UsageError("cannot start Spark with master '" + chosen + "': " + SparkIngest.oneLine(e));
        }
    }

    /** The ingest's own summary, then where the time went. */
    static String summary(SparkIngest.Result r) {
        return r.report().summary() + String.format(Locale.ROOT,
                " Analysis %.1f s, placing %.1f s (%.1f CPU s), briefs %.1f s.", r.analysisSeconds(),
                r.placingSeconds(), r.placingCpuSeconds(), r.briefSeconds());
    }

    /** The ingest's own JSON, with the job's fields added. */
    private static String toJson(SparkIngest.Result r, String master, int partitions) {
        ObjectNode root = r.report().toJson();
        root.put("files", r.files());
        root.put("master", master);
        root.put("partitions", partitions);
        root.put("analysisSeconds", r.analysisSeconds());
        root.put("placingSeconds", r.placingSeconds());
        root.put("placingCpuSeconds", r.placingCpuSeconds());
        root.put("briefSeconds", r.briefSeconds());
        return root.toString();
    }

    /** One line on stderr and an exit code for what escapes a run; a stack trace only with PARALLAX_DEBUG=1. */
    static int failure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        int code;
        if (e instanceof UsageError) {
            err.println("parallax spark: " + e.getMessage());
            code = USAGE;
        } else if (e instanceof StoreException || e instanceof IOException || e instanceof UncheckedIOException) {
            err.println("parallax spark: " + SparkIngest.oneLine(e));
            code = IO;
        } else {
            err.println("parallax spark: internal error: " + e.getClass().getSimpleName() + ": "
                    + SparkIngest.oneLine(e) + ("1".equals(System.getenv("PARALLAX_DEBUG")) ? ""
                    : " (set PARALLAX_DEBUG=1 for details)"));
            if ("1".equals(System.getenv("PARALLAX_DEBUG"))) {
                e.printStackTrace(err);
            }
            code = INTERNAL;
        }
        err.flush();
        return code;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SparkMain.class.getPackage().getImplementationVersion();
            return new String[] {"parallax spark " + (v == null ? "(development build)" : v) + ", Apache Spark "
                    + org.apache.spark.package$.MODULE$.SPARK_VERSION()};
        }
    }

    /** A command line Spark or the job cannot run with. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }
}
