package dev.parallax.cli;

import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.StoryBriefs;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.StorySummary;
import dev.parallax.core.store.Store;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "story", mixinStandardHelpOptions = true,
        description = "Shows one story and its cross-source brief: a cited summary, the claims all, some or one of "
                + "its outlets make, who said what where, discrepancies, a timeline of event times and how the "
                + "wording differs. The stored brief is shown when it is current (ingest keeps it so); otherwise "
                + "it is built from the stored articles and sentence vectors, and stored.")
final class StoryCommand implements Callable<Integer> {
    @Mixin
    DataDir data;

    @Parameters(index = "0", paramLabel = "ID", description = "The story id (see `parallax stories`).")
    String id;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json, md or html (a standalone page; default: ${DEFAULT-VALUE}).")
    StoryView.Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Store store = data.openExisting()) {
            StorySummary story = store.story(id).orElseThrow(() -> new Failures.UserError(ExitCodes.NOT_FOUND,
                    "no story '" + id + "' in " + data.shown() + " (list them with `parallax stories`)"));
            List<Article> articles = store.storyArticles(story.id());
            Brief brief;
            try (StoryBriefs briefs = StoryBriefs.minilm(store)) {
                brief = briefs.of(story.id());
            }
            new StoryView(story, articles, store.duplicateLinks(story.id()), brief)
                    .render(format, spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }
}
