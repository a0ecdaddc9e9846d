package dev.parallax.cli;

import dev.parallax.core.brief.StoryBriefs;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.StorySummary;
import dev.parallax.core.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Ingests the bundled sample corpus (81 ECB+ news articles on six events, see samples/NOTICE), "
                + "clusters it, prints the stories and the largest one, and says how to browse them."})
final class DemoCommand implements Callable<Integer> {
    static final String SAMPLE = "/samples/ecbplus-sample.articles.jsonl";

    @Mixin
    DataDir data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path sample = Files.createTempFile("parallax-sample", ".articles.jsonl");
        try {
            try (InputStream in = DemoCommand.class.getResourceAsStream(SAMPLE)) {
                if (in == null) {
                    throw new IllegalStateException("the sample corpus " + SAMPLE + " is missing from this build");
                }
                Files.copy(in, sample, StandardCopyOption.REPLACE_EXISTING);
            }
            out.println("Ingesting the bundled sample corpus into " + data.shown() + " ...");
            out.flush();
            out.println(IngestCommand.ingest(data, List.of(sample), null, true, spec.commandLine().getErr())
                    .summary());
        } finally {
            Files.deleteIfExists(sample);
        }
        try (Store store = data.openExisting()) {
            List<StorySummary> stories = store.stories();
            out.println();
            StoriesCommand.print(stories, out);
            StorySummary largest = stories.stream().max(Comparator.comparingInt(StorySummary::articleCount))
                    .orElseThrow(() -> new UncheckedIOException(new IOException("the sample produced no story")));
            out.println();
            out.println("The largest story:");
            out.println();
            List<Article> articles = store.storyArticles(largest.id());
            try (StoryBriefs briefs = StoryBriefs.minilm(store)) {
                new StoryView(largest, articles, store.duplicateLinks(largest.id()), briefs.of(largest.id()))
                        .render(StoryView.Format.TEXT, out);
            }
            String d = data.location.equals("parallax-data") ? "" : " --data " + data.shown();
            out.println();
            out.println("Browse it:");
            out.println("  ./parallax stories" + d);
            out.println("  ./parallax story " + largest.id() + d + " --format md");
            out.println("  ./parallax story " + largest.id() + d + " --format html > brief.html");
            out.println("  ./parallax ingest" + d + " PATH...    (add your own articles)");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
