package dev.parallax.eval.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.model.InvalidArticleException;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.text.NewsCleaner;
import dev.parallax.ingest.HtmlExtractor;
import dev.parallax.ingest.WebPage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Scores {@link HtmlExtractor} on the ScrapingHub article-extraction benchmark (181 news and blog pages with their
 * gold main text), and the reference systems' stored outputs with the same code in the same run, so that every
 * figure in the table is computed alike.
 */
public final class ExtractionEvaluation {
    /** The name of our extractor in the table. */
    public static final String PARALLAX = "parallax";
    /** Our extractor, then the cleaner (credits, time stamps, in-body headings dropped): the text ingest analyses. */
    public static final String PARALLAX_CLEANED = "parallax+cleaner";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param systems ours and the peers, best F1 first
     * @param pages our per-page scores, worst first
     * @param cpuMillisPerPage CPU time of our extraction per page (parsing included)
     * @param found on how many pages we found each field: title, published, outlet, url (no gold for them)
     */
    public record Report(List<ExtractionScores> systems, List<PageScore> pages, double cpuMillisPerPage,
            Map<String, Integer> found) {
        /** {@code {"systems":[{"system","pages","p","r","f1","f1Std"}],"cpuMillisPerPage","found":{..}}}. */
        public String toJson() {
            ObjectNode root = JSON.createObjectNode();
            ArrayNode list = root.putArray("systems");
            for (ExtractionScores s : systems) {
                list.addObject().put("system", s.system()).put("pages", s.pages()).put("p", round(s.precision()))
                        .put("r", round(s.recall())).put("f1", round(s.f1())).put("f1Std", round(s.f1Std()));
            }
            root.put("cpuMillisPerPage", Math.round(cpuMillisPerPage * 10) / 10.0);
            ObjectNode fields = root.putObject("found");
            found.forEach(fields::put);
            return root.toPrettyString();
        }

        public String toText() {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-16s %5s %6s %6s %6s %7s%n",
                    "system", "pages", "P", "R", "F1", "±"));
            for (ExtractionScores s : systems) {
                out.append(String.format(Locale.ROOT, "%-16s %5d %6.3f %6.3f %6.3f %7.3f%s%n", s.system(),
                        s.pages(), s.precision(), s.recall(), s.f1(), s.f1Std(),
                        s.system().startsWith(PARALLAX) ? "   <- ours" : ""));
            }
            out.append(String.format(Locale.ROOT, "parallax: %.1f ms CPU per page (parse, metadata, main text)%n",
                    cpuMillisPerPage));
            out.append("metadata found on ").append(pages.size()).append(" pages: ").append(found.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
            return out.toString();
        }
    }

    /** Our score on one page, with the reason when the page was rejected. */
    public record PageScore(String id, String url, double precision, double recall, String rejected) {
    }

    private ExtractionEvaluation() {
    }

    /**
     * @param dir the benchmark's folder: {@code ground-truth.json}, {@code html/<id>.html.gz} and the reference
     *     outputs {@code output/<system>.json}
     * @throws IllegalArgumentException with a one-line message when the folder does not hold the benchmark
     */
    public static Report run(Path dir) throws IOException {
        Path truth = dir.resolve("ground-truth.json");
        if (!Files.isRegularFile(truth)) {
            throw new IllegalArgumentException(dir + ": no ground-truth.json (the ScrapingHub benchmark's folder, "
                    + "../shared/data/extraction/scrapinghub)");
        }
        Map<String, JsonNode> gold = bodies(JSON.readTree(truth.toFile()));
        List<ExtractionScores> systems = new ArrayList<>();
        List<PageScore> pages = new ArrayList<>();
        List<ShingleMatch> ours = new ArrayList<>();
        List<ShingleMatch> cleaned = new ArrayList<>();
        Map<String, Integer> found = new LinkedHashMap<>();
        List.of("title", "published", "outlet", "url").forEach(f -> found.put(f, 0));
        NewsCleaner cleaner = new NewsCleaner();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = 0;
        for (var e : gold.entrySet()) {
            String id = e.getKey();
            String url = e.getValue().path("url").asText(null);
            byte[] html = html(dir.resolve("html").resolve(id + ".html.gz"));
            long start = threads.getCurrentThreadCpuTime();
            WebPage page = null;
            String rejected = null;
            try {
                page = HtmlExtractor.extract(html, url);
            } catch (InvalidArticleException ex) {
                rejected = ex.getMessage();
            }
            cpu += threads.getCurrentThreadCpuTime() - start;
            if (page != null) {
                count(found, "title", page.title());
                count(found, "published", page.published());
                count(found, "outlet", page.outlet());
                count(found, "url", page.url());
            }
            String goldText = e.getValue().path("articleBody").asText("");
            ShingleMatch m = ShingleMatch.of(goldText, page == null ? "" : page.text());
            ours.add(m);
            cleaned.add(ShingleMatch.of(goldText, page == null ? "" : clean(cleaner, id, page)));
            pages.add(new PageScore(id, url, m.precision(), m.recall(), rejected));
        }
        systems.add(ExtractionScores.of(PARALLAX, ours));
        systems.add(ExtractionScores.of(PARALLAX_CLEANED, cleaned));
        for (Path output : outputs(dir.resolve("output"))) {
            String name = output.getFileName().toString().replaceFirst("\\.json$", "");
            Map<String, JsonNode> predicted = bodies(JSON.readTree(output.toFile()));
            List<ShingleMatch> matches = new ArrayList<>();
            for (var e : gold.entrySet()) {
                JsonNode p = predicted.get(e.getKey());
                matches.add(ShingleMatch.of(e.getValue().path("articleBody").asText(""),
                        p == null ? "" : p.path("articleBody").asText("")));
            }
            systems.add(ExtractionScores.of(name, matches));
        }
        systems.sort(Comparator.comparingDouble(ExtractionScores::f1).reversed());
        pages.sort(Comparator.comparingDouble(p -> Math.min(p.precision(), p.recall())));
        return new Report(systems, pages, cpu / 1e6 / gold.size(), found);
    }

    private static void count(Map<String, Integer> found, String field, Object value) {
        if (value != null) {
            found.merge(field, 1, Integer::sum);
        }
    }

    private static String clean(NewsCleaner cleaner, String id, WebPage page) {
        try {
            return cleaner.clean(new RawArticle(id, id, page.outlet(), page.published(), page.url(), page.title(),
                    page.text())).text();
        } catch (InvalidArticleException e) { // nothing left after cleaning
            return "";
        }
    }

    /** The pages of a gold or output file, by id, in id order; an output file may wrap them in "output". */
    private static Map<String, JsonNode> bodies(JsonNode root) {
        JsonNode pages = root.has("output") && root.get("output").isObject() ? root.get("output") : root;
        Map<String, JsonNode> byId = new TreeMap<>();
        pages.properties().forEach(e -> byId.put(e.getKey(), e.getValue()));
        return byId;
    }

    private static byte[] html(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static List<Path> outputs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
