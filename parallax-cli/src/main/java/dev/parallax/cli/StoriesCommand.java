package dev.parallax.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.Published;
import dev.parallax.core.model.StorySummary;
import dev.parallax.core.store.Store;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "stories", mixinStandardHelpOptions = true,
        description = {"Lists the stories, latest first: id, article count, outlets, first and last date, title.",
                "JSON: an array of {\"id\",\"title\",\"articleCount\",\"outlets\",\"first\",\"last\"}."})
final class StoriesCommand implements Callable<Integer> {
    @Mixin
    DataDir data;

    @Mixin
    Output output;

    @Override
    public Integer call() {
        List<StorySummary> stories;
        try (Store store = data.openExisting()) {
            stories = store.stories();
        }
        return output.print(() -> {
            ArrayNode arr = Json.array();
            stories.forEach(s -> arr.add(s.toJson()));
            return Json.write(arr);
        }, out -> print(stories, out));
    }

    static void print(List<StorySummary> stories, PrintWriter out) {
        if (stories.isEmpty()) {
            out.println("No stories yet: ingest some articles with `parallax ingest PATH`.");
            return;
        }
        out.printf("%-16s %8s  %-34s %-23s %s%n", "STORY", "ARTICLES", "OUTLETS", "DATES", "TITLE");
        for (StorySummary s : stories) {
            out.printf("%-16s %8d  %-34s %-23s %s%n", s.id(), s.articleCount(), outlets(s.outlets(), 34),
                    dates(s.first(), s.last()), s.title());
        }
        out.println(stories.size() + " stor" + (stories.size() == 1 ? "y" : "ies") + ".");
    }

    static String outlets(List<Outlet> outlets, int width) {
        String all = outlets.stream().map(Outlet::name).collect(Collectors.joining(", "));
        if (all.length() <= width) {
            return all;
        }
        StringBuilder b = new StringBuilder();
        int shown = 0;
        for (Outlet o : outlets) {
            String more = " +" + (outlets.size() - shown - 1);
            if (b.length() + o.name().length() + 2 + more.length() > width && shown > 0) {
                break;
            }
            b.append(shown == 0 ? "" : ", ").append(o.name());
            shown++;
        }
        return shown < outlets.size() ? b + " +" + (outlets.size() - shown) : b.toString();
    }

    static String dates(Published first, Published last) {
        if (first == null) {
            return "undated";
        }
        String a = first.date().toString();
        String b = last.date().toString();
        return a.equals(b) ? a : a + ".." + b;
    }
}
