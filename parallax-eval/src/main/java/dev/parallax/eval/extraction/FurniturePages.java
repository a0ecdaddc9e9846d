package dev.parallax.eval.extraction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.zip.GZIPInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * The ScrapingHub pages as a scraper that keeps every paragraph sees them: each page's text blocks in page order, each
 * labelled furniture or article text by the benchmark's gold article body. This is the labelled data of {@code
 * parallax train furniture} and {@code parallax eval furniture}; the pages are split in two halves by their order of
 * id (even places train, odd places test), the same split every run.
 */
public final class FurniturePages {
    /** Tags whose text no reader sees. */
    private static final Set<String> HIDDEN = Set.of("script", "style", "noscript", "template", "svg", "head",
            "iframe", "select", "option", "button", "input", "textarea");
    /** Tags that start and end a block of text, as a browser lays the page out. */
    private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
            "td", "th", "tr", "table", "blockquote", "section", "article", "header", "footer", "nav", "aside", "figure",
            "figcaption", "pre", "form", "dl", "dt", "dd", "br", "main", "address", "hr", "caption", "center");
    /** A block with at least this share of its 4-token shingles in the gold body is article text. */
    private static final double ARTICLE_SHARE = 0.5;
    private static final int SHINGLE = ShingleMatch.N;

    /**
     * One page.
     *
     * @param id        the benchmark's page id
     * @param blocks    the page's text blocks, in page order
     * @param furniture per block: furniture (true), or article text: the gold body holds it or it is the headline
     * @param headline  per block: the page's headline (its {@code <h1>} or title), which is article text
     * @param words     per block: its number of tokens
     * @param gold      the gold article body
     */
    public record Page(String id, List<String> blocks, boolean[] furniture, boolean[] headline, int[] words,
            String gold) {
    }

    private FurniturePages() {
    }

    /** Both halves, training first. */
    public record Halves(List<Page> train, List<Page> test) {
    }

    /**
     * @throws IllegalArgumentException with a one-line message when the folder does not hold the benchmark
     */
    public static Halves read(Path dir) throws IOException {
        Path truth = dir.resolve("ground-truth.json");
        if (!Files.isRegularFile(truth)) {
            throw new IllegalArgumentException(dir + ": no ground-truth.json (the ScrapingHub benchmark's folder, "
                    + "../shared/data/extraction/scrapinghub)");
        }
        Map<String, JsonNode> gold = new TreeMap<>();
        new ObjectMapper().readTree(truth.toFile()).properties().forEach(e -> gold.put(e.getKey(), e.getValue()));
        List<Page> train = new ArrayList<>();
        List<Page> test = new ArrayList<>();
        int k = 0;
        for (var e : gold.entrySet()) {
            Path page = dir.resolve("html").resolve(e.getKey() + ".html.gz");
            Document doc;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(page))) {
                doc = Jsoup.parse(in, null, ""); // the charset its <meta> declares, else UTF-8
            }
            Page p = page(e.getKey(), doc, e.getValue().path("articleBody").asText(""));
            (k++ % 2 == 0 ? train : test).add(p);
        }
        return new Halves(train, test);
    }

    static Page page(String id, Document doc, String gold) {
        List<String> blocks = blocks(doc);
        Set<String> headlines = new HashSet<>();
        Element h1 = doc.selectFirst("h1");
        if (h1 != null) {
            headlines.add(joined(tokens(h1.text())));
        }
        Element og = doc.selectFirst("meta[property=og:title]");
        List<String> titles = new ArrayList<>();
        titles.add(joined(tokens(doc.title())));
        if (og != null) {
            titles.add(joined(tokens(og.attr("content"))));
        }
        Set<String> goldShingles = shingles(tokens(gold));
        Set<String> goldLines = new HashSet<>();
        for (String line : gold.split("\n")) {
            goldLines.add(joined(tokens(line)));
        }
        boolean[] furniture = new boolean[blocks.size()];
        boolean[] headline = new boolean[blocks.size()];
        int[] words = new int[blocks.size()];
        for (int i = 0; i < blocks.size(); i++) {
            List<String> t = tokens(blocks.get(i));
            words[i] = t.size();
            String j = joined(t);
            headline[i] = t.size() >= 3 && (headlines.contains(j)
                    || titles.stream().anyMatch(title -> (" " + title + " ").contains(" " + j + " ")
                    && t.size() * 2 >= title.split(" ").length));
            boolean article = t.size() >= SHINGLE ? inGold(t, goldShingles) : !j.isEmpty() && goldLines.contains(j);
            furniture[i] = !article && !headline[i];
        }
        return new Page(id, blocks, furniture, headline, words, gold);
    }

    private static boolean inGold(List<String> t, Set<String> gold) {
        Set<String> own = shingles(t);
        long found = own.stream().filter(gold::contains).count();
        return found >= ARTICLE_SHARE * own.size();
    }

    /** The page's text blocks: the text between block boundaries, white space collapsed, empty ones left out. */
    static List<String> blocks(Document doc) {
        List<String> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        Runnable flush = () -> {
            String b = text.toString().replaceAll("[\\s\u00a0]+", " ").strip();
            if (!b.isEmpty()) {
                out.add(b);
            }
            text.setLength(0);
        };
        doc.body().filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof Element e) {
                    String tag = e.normalName();
                    if (HIDDEN.contains(tag)) {
                        return FilterResult.SKIP_ENTIRELY;
                    }
                    if (BLOCKS.contains(tag)) {
                        flush.run();
                    }
                } else if (node instanceof TextNode t) {
                    text.append(t.getWholeText());
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    flush.run();
                }
                return FilterResult.CONTINUE;
            }
        });
        flush.run();
        return out;
    }

    static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        Matcher m = ShingleMatch.TOKEN.matcher(s);
        while (m.find()) {
            out.add(m.group().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static String joined(List<String> tokens) {
        return String.join(" ", tokens);
    }

    private static Set<String> shingles(List<String> t) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i + SHINGLE <= t.size(); i++) {
            out.add(joined(t.subList(i, i + SHINGLE)));
        }
        return out;
    }
}
