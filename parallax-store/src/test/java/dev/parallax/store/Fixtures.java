package dev.parallax.store;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Layers;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.Paragraph;
import dev.parallax.core.model.Published;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.model.Removal;
import dev.parallax.core.model.Sentence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Articles built by hand from the shared seed texts (the cleaner is not this module's concern). */
final class Fixtures {
    static final String PENTAGON = "000_6ff38f1c0ac05301.txt";
    static final String SHANGRI_LA = "002_ffa190864f8b1c5b.txt";

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?”])\\s+(?=[A-Z“])");

    private Fixtures() {}

    static String seed(String name) {
        String shared = System.getProperty("parallax.shared");
        if (shared == null) {
            fail("system property parallax.shared is not set: run the tests through Maven");
        }
        Path p = Path.of(shared, "seeds", name);
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return fail("seed text " + p + " is missing: " + e);
        }
    }

    /** The text of a BASIL article (../shared/data/basil), by id. */
    static String basilText(String id) {
        return basil(Integer.MAX_VALUE).stream().filter(a -> a.id().equals(id)).findFirst().map(RawArticle::text)
                .orElseGet(() -> fail("no BASIL article " + id));
    }

    /** The first {@code n} BASIL articles (../shared/data/basil): one event told by three outlets in each three. */
    static List<RawArticle> basil(int n) {
        return articles(Path.of(System.getProperty("parallax.shared"), "data", "basil", "basil.articles.jsonl"), n);
    }

    /**
     * The sample corpus the demo ingests (samples/ at the repository's root): 81 ECB+ articles about six events, nine
     * of them undated.
     */
    static List<RawArticle> ecbSample() {
        return articles(Path.of("..", "samples", "ecbplus-sample.articles.jsonl"), Integer.MAX_VALUE);
    }

    /** The first {@code n} articles of a JSON Lines file of the shared data's format. */
    private static List<RawArticle> articles(Path p, int n) {
        ObjectMapper json = new ObjectMapper();
        List<RawArticle> out = new ArrayList<>();
        try (Stream<String> lines = Files.lines(p, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines.limit(n)::iterator) {
                JsonNode a = json.readTree(line);
                String published = field(a, "published");
                out.add(new RawArticle(field(a, "id"), p + "#" + (out.size() + 1), field(a, "source"),
                        published == null ? null : Published.parse(published), field(a, "url"), field(a, "title"),
                        field(a, "text")));
            }
        } catch (IOException e) {
            return fail("articles " + p + " are not readable: " + e);
        }
        return out;
    }

    /** A string field, or null where the line has none or a JSON null (as the ingest's JSON Lines reader reads). */
    private static String field(JsonNode line, String key) {
        JsonNode v = line.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    /**
     * The Pentagon seed with its scraping residue taken out: the first paragraph holds a metadata line, a photo caption
     * and a photo credit, recorded as removals against the raw text.
     */
    static Article pentagon(String id, Published published) {
        String raw = seed(PENTAGON);
        String residue = raw.substring(0, raw.indexOf("\n\n"));
        String text = raw.substring(residue.length()).strip();
        String metadata = " date 2023-05-30";
        String credit = "Photo via AP/Andrew Harnik";
        int creditAt = residue.indexOf(credit);
        List<Removal> removals = List.of(
                new Removal(Removal.Kind.METADATA, 0, metadata.length(), 0, metadata, "scraper metadata line"),
                new Removal(Removal.Kind.CAPTION, metadata.length() + 1, creditAt - 1, 0,
                        residue.substring(metadata.length() + 1, creditAt - 1), "photo caption"),
                new Removal(Removal.Kind.CREDIT, creditAt, creditAt + credit.length(), 0, credit, "photo credit"));
        return annotated(new Article(id, "seeds/" + PENTAGON, new Outlet("newsexpress"), published,
                "https://example.org/pentagon", "China declines meeting with Austin", text, raw, removals,
                Layers.empty()));
    }

    /** An article whose raw text is its clean text, with paragraph and sentence layers. */
    static Article article(String id, String outlet, Published published, String title, String text) {
        return annotated(new Article(id, id, Outlet.of(outlet), published, null, title, text, text, List.of(),
                Layers.empty()));
    }

    static Article annotated(Article a) {
        return a.with(LayerKey.PARAGRAPHS, paragraphs(a.text())).with(LayerKey.SENTENCES, sentences(a.text()));
    }

    static List<Paragraph> paragraphs(String text) {
        List<Paragraph> out = new ArrayList<>();
        int start = 0;
        for (int i; (i = text.indexOf("\n\n", start)) >= 0; start = i + 2) {
            out.add(new Paragraph(start, i));
        }
        out.add(new Paragraph(start, text.length()));
        return out;
    }

    /** Rough sentence spans (cut after end punctuation before a capital): test data, not a splitter under test. */
    static List<Sentence> sentences(String text) {
        List<Sentence> out = new ArrayList<>();
        int start = 0;
        Matcher m = SENTENCE_END.matcher(text);
        while (m.find()) {
            out.add(new Sentence(start, m.start()));
            start = m.end();
        }
        out.add(new Sentence(start, text.length()));
        return out;
    }

    /** The seed's paragraphs, each a short text of its own. */
    static List<String> seedParagraphs(String name) {
        return List.of(seed(name).strip().split("\n\n"));
    }

    /** Runs statements on a store file directly, as another program (or an attacker) could. */
    static void sql(Path db, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.executeUpdate(s);
            }
        }
    }

    static List<String> query(Path db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
