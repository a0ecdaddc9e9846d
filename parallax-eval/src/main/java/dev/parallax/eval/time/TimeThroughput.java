package dev.parallax.eval.time;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallax.core.analysis.quantity.QuantityAnnotator;
import dev.parallax.core.analysis.time.TimexAnnotator;
import dev.parallax.core.model.Published;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A one-off throughput measurement of the time and quantity annotators on one core:
 * {@code TimeThroughput FILE.articles.jsonl [N]} reads the first N (default 2000) articles, warms up, then times
 * several passes and prints articles per CPU-second of the measuring thread (robust when other processes share the
 * cores) and per wall-clock second. Not a unit test: timings belong in benchmarks.
 */
public final class TimeThroughput {
    private TimeThroughput() {
    }

    private record Doc(String text, LocalDate date) {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: TimeThroughput FILE.articles.jsonl [N]");
            System.exit(2);
        }
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        ObjectMapper json = new ObjectMapper();
        List<Doc> docs = new ArrayList<>();
        long chars = 0;
        try (BufferedReader r = Files.newBufferedReader(Path.of(args[0]))) {
            for (String line = r.readLine(); line != null && docs.size() < limit; line = r.readLine()) {
                JsonNode n = json.readTree(line);
                String published = n.path("published").asText(null);
                docs.add(new Doc(n.path("text").asText(""), published == null ? null
                        : Published.parse(published).date()));
                chars += docs.get(docs.size() - 1).text().length();
            }
        }
        TimexAnnotator timex = new TimexAnnotator();
        QuantityAnnotator quantities = new QuantityAnnotator();
        long found = 0;
        for (int pass = 0; pass < 3; pass++) { // warm-up
            for (Doc d : docs) {
                found += timex.find(d.text(), d.date(), false).size() + quantities.find(d.text()).size();
            }
        }
        int passes = 5;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long timexes = 0;
        long qs = 0;
        for (int pass = 0; pass < passes; pass++) {
            for (Doc d : docs) {
                timexes += timex.find(d.text(), d.date(), false).size();
                qs += quantities.find(d.text()).size();
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpuSecs = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        System.out.printf(Locale.ROOT, "%d articles (%.0f chars avg), %d passes: %.0f articles per CPU-second "
                + "(%.0f per wall-clock second on a shared machine); %d timexes and %d quantities per pass "
                + "(warm-up check %d)%n", docs.size(), (double) chars / docs.size(), passes,
                docs.size() * passes / cpuSecs, docs.size() * passes / secs, timexes / passes, qs / passes, found / 3);
    }
}
