package dev.parallax.cli;

import dev.parallax.core.model.RawArticle;
import dev.parallax.core.brief.StoryBriefs;
import dev.parallax.core.pipeline.IngestReport;
import dev.parallax.core.pipeline.IngestReport.Outcome;
import dev.parallax.core.pipeline.IngestReport.Status;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.pipeline.SourceSink;
import dev.parallax.core.store.Store;
import dev.parallax.ingest.Sources;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Ingests articles, cleans and analyses them, and places each in a story.",
                "PATH is a plain-text article in the seeds' format (.txt), a JSON Lines file of articles "
                        + "(.jsonl, .jsonl.gz), a saved web page (.html, .htm, .html.gz), an RSS or Atom feed "
                        + "(.rss, .atom, .xml, gzipped or not), a web archive (.warc, .warc.gz), or a directory of "
                        + "them (read recursively).",
                "Bad items are reported one per line on stderr and the rest is still ingested; articles already "
                        + "stored (same id or same text) are skipped.",
                "JSON: {\"stored\",\"duplicates\",\"rejected\",\"storiesOpened\",\"storiesMerged\",\"items\"}, one "
                        + "item per article or rejection: its story at the end of the run, and the earlier stories "
                        + "placing it merged into that one (\"merged\", when any)."})
final class IngestCommand implements Callable<Integer> {
    @Mixin
    DataDir data;

    @Option(names = "--outlet", paramLabel = "NAME",
            description = "The outlet of articles whose source does not name one (plain-text files never do).")
    String outlet;

    @Option(names = "--briefs", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Bring the stored brief of every story that got articles up to date (default), embedding "
                    + "the new articles' sentences during their analysis; with --no-briefs a brief is built when it "
                    + "is first read.")
    boolean briefs;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories to ingest.")
    List<Path> paths;

    @Mixin
    Output output;

    @Override
    public Integer call() {
        IngestReport report = ingest(data, paths, outlet, briefs, output.err());
        output.print(() -> Json.write(report.toJson()), out -> out.println(report.summary()));
        return report.count(Status.REJECTED) > 0 ? ExitCodes.REJECTED_INPUT : ExitCodes.OK;
    }

    /** How a URL reads once taken as a path ("https://a/b" becomes "https:/a/b"). */
    private static final Pattern WEB_ADDRESS = Pattern.compile("(?i)(https?|ftp):/.*");

    /**
     * Reads the paths and ingests what they hold into the store {@code data} names; reports rejections on err.
     *
     * @param outlet the outlet of articles whose source names none, or null
     * @param briefs whether to bring the stored briefs of the stories that got articles up to date
     */
    static IngestReport ingest(DataDir data, List<Path> paths, String outlet, boolean briefs, PrintWriter err) {
        Batch batch = new Batch(outlet, err);
        for (Path path : paths) {
            if (WEB_ADDRESS.matcher(path.toString()).matches() && !Files.exists(path)) {
                batch.rejected(path.toString(), "a web address, not a file: ingest reads files and directories; "
                        + "`parallax follow URL` fetches a feed from the web");
                continue;
            }
            try {
                Sources.open(path).read(batch);
            } catch (IOException e) {
                batch.rejected(path.toString(), Failures.oneLine(e));
            }
        }
        try (Store store = data.open()) {
            return ingest(store, batch, briefs, err);
        }
    }

    /** The articles a source handed over, and what it could not read: one ingest's worth. */
    static final class Batch implements SourceSink {
        private final String outlet;
        private final PrintWriter err;
        private final List<RawArticle> articles = new ArrayList<>();
        private final List<Outcome> unread = new ArrayList<>();

        /** @param outlet the outlet of articles whose source names none, or null */
        Batch(String outlet, PrintWriter err) {
            this.outlet = outlet;
            this.err = err;
        }

        @Override
        public void article(RawArticle a) {
            articles.add(outlet == null || a.outlet() != null ? a
                    : new RawArticle(a.id(), a.origin(), outlet, a.published(), a.url(), a.title(), a.text()));
        }

        @Override
        public void rejected(String origin, String reason) {
            unread.add(new Outcome(origin, null, Status.REJECTED, null, false, reason));
        }

        @Override
        public void skipped(String origin, String what) {
            err.println("parallax: skipped in " + origin + ": " + what);
        }
    }

    /** Ingests the batch into the open store; reports rejections on err. */
    static IngestReport ingest(Store store, Batch batch, boolean briefs, PrintWriter err) {
        IngestReport report;
        try (StoryBriefs stored = StoryBriefs.minilm(store)) {
            // With briefs, the articles' sentences are embedded in the parallel analysis, not in the brief update.
            try (Progress progress = new Progress("Ingesting", batch.articles.size())) {
                report = Pipelines.standard(store, briefs ? stored.unitEmbedding() : Optional.empty())
                        .ingest(batch.articles, progress);
            }
            if (briefs) {
                try (Progress briefing = new Progress("Briefing", report.storiesChanged().size())) {
                    stored.refresh(report.storiesChanged(), briefing);
                }
            }
        }
        List<Outcome> all = new ArrayList<>(batch.unread);
        all.addAll(report.outcomes());
        for (Outcome o : all) {
            if (o.status() == Status.REJECTED) {
                err.println("parallax: rejected " + o.origin() + ": " + o.detail());
            }
        }
        err.flush();
        return new IngestReport(all);
    }
}
