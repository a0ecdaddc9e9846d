package dev.parallax.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.pipeline.IngestReport;
import dev.parallax.core.pipeline.IngestReport.Status;
import dev.parallax.core.store.Store;
import dev.parallax.ingest.FeedFollower;
import dev.parallax.ingest.FeedFollower.FeedPoll;
import dev.parallax.ingest.FeedFollower.FeedStatus;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

@Command(name = "follow", mixinStandardHelpOptions = true,
        description = {"Polls RSS or Atom feeds on the web and ingests their new articles, as ingest does a saved feed.",
                "Each new item's page is fetched and its main text taken out (--feed-text keeps the feed's own text "
                        + "instead). robots.txt is obeyed, and one host gets at most one request per --delay. A feed "
                        + "is asked for conditionally, so an unchanged one costs one short answer. When a page "
                        + "cannot be had for good (robots.txt, a client error, no article in it) the feed's text "
                        + "stands in; when it may come later (no connection, a server error) the item waits for the "
                        + "next poll.",
                "Polls every --every until interrupted; --once polls once and exits (for cron).",
                "JSON: one line per poll (JSON Lines): {\"at\",\"feeds\":[{\"url\",\"status\",\"items\",\"new\",\"deferred\"}],"
                        + "\"stored\",\"duplicates\",\"rejected\",\"storiesOpened\",\"storiesMerged\",\"items\"} "
                        + "(items as for ingest)."})
final class FollowCommand implements Callable<Integer> {
    private static final Duration MIN_EVERY = Duration.ofMinutes(1);

    @Mixin
    DataDir data;

    @Option(names = "--every", paramLabel = "DURATION", defaultValue = "15m", converter = DurationConverter.class,
            description = "Time from the start of one poll to the start of the next: 90s, 15m, 2h "
                    + "(default: ${DEFAULT-VALUE}; at least 1m).")
    Duration every;

    @Option(names = "--once", description = "Poll once and exit: 0 when all went in, 1 when something was rejected, "
            + "3 when no feed could be fetched.")
    boolean once;

    @Option(names = "--delay", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
            description = "Least time between two requests to one host (default: ${DEFAULT-VALUE}); a longer "
                    + "Crawl-delay in robots.txt wins, up to a minute.")
    Duration delay;

    @Option(names = "--feed-text", description = "Take each item's text from the feed (its full content, else its "
            + "description) and fetch no pages: for feeds that carry whole articles.")
    boolean feedText;

    @Option(names = "--outlet", paramLabel = "NAME",
            description = "The outlet of items whose feed names none (no <source> and no feed title).")
    String outlet;

    @Option(names = "--briefs", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Bring the stored brief of every story that got articles up to date (default).")
    boolean briefs;

    @Parameters(arity = "1..*", paramLabel = "URL", description = "Feed URLs (http or https).")
    List<String> urls;

    @Mixin
    Output output;

    @Override
    public Integer call() throws InterruptedException {
        List<URI> feeds = urls.stream().map(FollowCommand::feedUrl).toList();
        if (!once && every.compareTo(MIN_EVERY) < 0) {
            throw new Failures.UserError(ExitCodes.USAGE, "--every " + every.toSeconds() + "s is too often: poll "
                    + "a feed at most once a minute");
        }
        FeedFollower follower = new FeedFollower(feeds, !feedText, delay, userAgent());
        while (true) {
            Instant started = Instant.now();
            int exit = poll(follower, started);
            if (once) {
                return exit;
            }
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), started.plus(every)).toMillis()));
        }
    }

    /** One poll of every feed and the ingest of what it brought; returns the exit code it would end with. */
    private int poll(FeedFollower follower, Instant started) {
        PrintWriter err = output.err();
        IngestCommand.Batch batch = new IngestCommand.Batch(outlet, err);
        List<FeedPoll> polls;
        IngestReport report;
        try (Store store = data.open()) {
            polls = follower.poll(id -> store.storyOf(id).isPresent(), batch);
            report = IngestCommand.ingest(store, batch, briefs, err);
        }
        output.print(() -> Json.line(toJson(started, polls, report)),
                out -> out.println(started.truncatedTo(ChronoUnit.SECONDS) + " " + feedSummary(polls) + " "
                        + report.summary()));
        return polls.stream().allMatch(p -> p.status() == FeedStatus.FAILED) ? ExitCodes.IO
                : report.count(Status.REJECTED) > 0 ? ExitCodes.REJECTED_INPUT : ExitCodes.OK;
    }

    private static URI feedUrl(String text) {
        try {
            return FeedFollower.feedUrl(text);
        } catch (IllegalArgumentException e) {
            throw new Failures.UserError(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** "parallax/VERSION": the product token robots.txt rules name. */
    private static String userAgent() {
        String version = FollowCommand.class.getPackage().getImplementationVersion();
        return "parallax/" + (version == null ? "dev" : version) + " (news reader; obeys robots.txt)";
    }

    private static String feedSummary(List<FeedPoll> polls) {
        long read = polls.stream().filter(p -> p.status() == FeedStatus.READ).count();
        long unchanged = polls.stream().filter(p -> p.status() == FeedStatus.UNCHANGED).count();
        int fresh = polls.stream().mapToInt(FeedPoll::fresh).sum();
        int deferred = polls.stream().mapToInt(FeedPoll::deferred).sum();
        return "Polled " + polls.size() + " feed" + (polls.size() == 1 ? "" : "s") + " (" + read + " read, "
                + unchanged + " unchanged, " + (polls.size() - read - unchanged) + " failed): " + fresh + " new item"
                + (fresh == 1 ? "" : "s") + (deferred > 0 ? ", " + deferred + " left for the next poll" : "") + ".";
    }

    private static ObjectNode toJson(Instant started, List<FeedPoll> polls, IngestReport report) {
        ObjectNode root = Json.object();
        root.put("at", started.truncatedTo(ChronoUnit.MILLIS).toString());
        ArrayNode feeds = root.putArray("feeds");
        for (FeedPoll p : polls) {
            ObjectNode feed = feeds.addObject();
            feed.put("url", p.feed().toString());
            feed.put("status", p.status().name().toLowerCase(Locale.ROOT));
            feed.put("items", p.items());
            feed.put("new", p.fresh());
            feed.put("deferred", p.deferred());
        }
        root.setAll(report.toJson());
        return root;
    }

    /** A duration as people write one (90s, 15m, 2h, 1d), or ISO-8601 (PT15M). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h|d)");

        @Override
        public Duration convert(String value) {
            Matcher m = SHORT.matcher(value.strip().toLowerCase(Locale.ROOT));
            try {
                if (m.matches()) {
                    long n = Long.parseLong(m.group(1));
                    return switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    };
                }
                return Duration.parse(value.strip());
            } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a duration (such as 30s, 15m, 2h)");
            }
        }
    }
}
