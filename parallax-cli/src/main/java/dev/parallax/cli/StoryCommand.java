package dev.parallax.cli;

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
        description = "Shows one story: its articles, cleaning notes, and the sentences other outlets share "
                + "versus those only one outlet has.")
final class StoryCommand implements Callable<Integer> {
    @Mixin
    DataDir data;

    @Parameters(index = "0", paramLabel = "ID", description = "The story id (see `parallax stories`).")
    String id;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json or md (default: ${DEFAULT-VALUE}).")
    StoryView.Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Store store = Stores.openExisting(data.path)) {
            StorySummary story = store.story(id).orElseThrow(() -> new Failures.UserError(ExitCodes.NOT_FOUND,
                    "no story '" + id + "' in " + data.path + " (list them with `parallax stories`)"));
            List<Article> articles = store.storyArticles(story.id());
            new StoryView(story, articles, store.duplicateLinks(story.id())).render(format, spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }
}
