package dev.parallax.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.model.Published;
import dev.parallax.core.model.RawArticle;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RSS and Atom feeds carrying the seeds' text the ways feeds carry articles, and files that are no feed. */
class FeedSourceTest {
    @TempDir
    Path dir;

    private static String cdata(String s) {
        return "<![CDATA[" + s + "]]>";
    }

    private static String escaped(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** RSS 2.0: full text in content:encoded, an item with no text at all, an aggregated item with its source. */
    private static String rss() throws IOException {
        List<String> first = Seeds.paragraphs(0);
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
                <channel>
                <title>The Example Post: World</title>
                <link>https://www.example.com/world</link>
                <description>World news</description>
                <item>
                  <title>China declines Austin meeting in Singapore</title>
                  <link>https://www.example.com/world/china-declines-meeting</link>
                  <guid isPermaLink="false">example-2023-0530-001</guid>
                  <pubDate>Tue, 30 May 2023 21:15:00 -0400</pubDate>
                  <description>%s</description>
                  <content:encoded>%s</content:encoded>
                </item>
                <item>
                  <title>Watch: the Shangri-La Dialogue opens</title>
                  <link>https://www.example.com/video/shangri-la</link>
                  <pubDate>Wed, 31 May 2023 06:00:00 -0400</pubDate>
                </item>
                <item>
                  <title>China refuses defence talks with the US</title>
                  <link>https://news.example.net/china-refuses</link>
                  <source url="https://news.example.net/rss">Example Wire</source>
                  <pubDate>Wed, 31 May 2023 08:00:00 GMT</pubDate>
                  <description>%s</description>
                </item>
                </channel></rss>
                """.formatted(escaped(first.get(0)), cdata(Seeds.html(first)), escaped(Seeds.html(Seeds.paragraphs(1))));
    }

    @Test
    void readsOneArticlePerRssItemAndRejectsTheItemWithoutText() throws IOException {
        Path feed = Files.writeString(dir.resolve("world.rss"), rss());

        Recorder r = Recorder.read(Sources.open(feed));

        assertThat(r.rejections).containsExactly(feed + "#2: item \"Watch: the Shangri-La Dialogue opens\" has no "
                + "text (neither content nor a description)");
        assertThat(r.articles).hasSize(2);
        RawArticle full = r.articles.get(0);
        assertThat(full.origin()).isEqualTo(feed + "#1");
        assertThat(full.id()).matches("example\\.com-[0-9a-f]{16}");
        assertThat(full.text()).as("content:encoded, not the teaser").isEqualTo(String.join("\n\n",
                Seeds.paragraphs(0)));
        assertThat(full.title()).isEqualTo("China declines Austin meeting in Singapore");
        assertThat(full.url()).isEqualTo("https://www.example.com/world/china-declines-meeting");
        assertThat(full.outlet()).isEqualTo("The Example Post: World");
        assertThat(full.published()).as("late on the 30th in New York, the 31st in UTC").isEqualTo(new Published(
                Instant.parse("2023-05-31T01:15:00Z"), LocalDate.of(2023, 5, 30), false));

        RawArticle wire = r.articles.get(1);
        assertThat(wire.origin()).isEqualTo(feed + "#3");
        assertThat(wire.id()).matches("news\\.example\\.net-[0-9a-f]{16}");
        assertThat(wire.text()).as("escaped HTML in the description").isEqualTo(String.join("\n\n",
                Seeds.paragraphs(1)));
        assertThat(wire.outlet()).isEqualTo("Example Wire");
        assertThat(wire.published()).isEqualTo(Published.parse("2023-05-31T08:00:00Z"));
    }

    @Test
    void theSameItemGetsTheSameIdOnEveryRead() throws IOException {
        Path feed = Files.writeString(dir.resolve("world.rss"), rss());
        Path copy = Files.writeString(dir.resolve("world-again.xml"), rss());

        assertThat(Recorder.read(Sources.open(copy)).ids()).isEqualTo(Recorder.read(Sources.open(feed)).ids())
                .doesNotHaveDuplicates();
    }

    @Test
    void readsAtomEntriesWithPlainTextSummariesAndHtmlContent() throws IOException {
        List<String> first = Seeds.paragraphs(0);
        String wrapped = String.join("\n\n", first.stream().map(p -> p.replaceFirst(" ", "\n  ")).toList());
        String atom = """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom">
                  <title>Example Atom News</title><id>urn:example:feed</id><updated>2023-05-31T10:00:00Z</updated>
                  <entry>
                    <title>China declines Austin meeting</title><id>tag:example.org,2023:1</id>
                    <link href="https://example.org/2023/05/china-declines"/>
                    <published>2023-05-30T18:00:00+02:00</published><updated>2023-05-31T09:00:00Z</updated>
                    <summary type="text">%s</summary>
                  </entry>
                  <entry>
                    <title>China refuses talks</title><id>tag:example.org,2023:2</id>
                    <link href="https://example.org/2023/05/china-refuses"/>
                    <updated>2023-05-31T09:30:00Z</updated>
                    <content type="html">%s</content>
                  </entry>
                </feed>
                """.formatted(escaped(wrapped), escaped(Seeds.html(Seeds.paragraphs(1))));
        Path feed = Files.writeString(dir.resolve("news.atom"), atom);

        Recorder r = Recorder.read(Sources.open(feed));

        assertThat(r.rejections).isEmpty();
        assertThat(r.articles).extracting(RawArticle::text).containsExactly(String.join("\n\n", first),
                String.join("\n\n", Seeds.paragraphs(1)));
        assertThat(r.articles).extracting(RawArticle::outlet).containsOnly("Example Atom News");
        assertThat(r.articles).extracting(RawArticle::url).containsExactly(
                "https://example.org/2023/05/china-declines", "https://example.org/2023/05/china-refuses");
        assertThat(r.articles).extracting(RawArticle::published).containsExactly(
                Published.parse("2023-05-30T18:00:00+02:00"), Published.parse("2023-05-31T09:30:00Z"));
    }

    @Test
    void readsTheEncodingTheXmlDeclares() throws IOException {
        String latin = """
                <?xml version="1.0" encoding="ISO-8859-1"?>
                <rss version="2.0"><channel><title>Le Monde Exemple</title><link>https://example.fr/</link>
                <description>x</description><item><title>Pékin décline</title><link>https://example.fr/a</link>
                <description>Pékin a décliné l'invitation du secrétaire à la Défense.</description></item>
                </channel></rss>
                """;
        Path feed = Files.write(dir.resolve("fr.rss"), latin.getBytes(Charset.forName("ISO-8859-1")));

        RawArticle a = Recorder.read(Sources.open(feed)).articles.get(0);

        assertThat(a.title()).isEqualTo("Pékin décline");
        assertThat(a.text()).isEqualTo("Pékin a décliné l'invitation du secrétaire à la Défense.");
        assertThat(a.published()).isNull();
    }

    @Test
    void filesThatAreNoFeedAreOneLineRejections() throws IOException {
        Path timeMl = Files.writeString(dir.resolve("wsj_0006.xml"),
                "<?xml version=\"1.0\"?>\n<TimeML><DOCID>wsj_0006</DOCID><TEXT>Pacific First Financial Corp. said "
                        + "shareholders approved its acquisition.</TEXT></TimeML>\n");
        String whole = rss();
        Path cut = Files.writeString(dir.resolve("cut.rss"), whole.substring(0, whole.indexOf("<item>") + 40));
        Path doctype = Files.writeString(dir.resolve("xxe.rss"), """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <rss version="2.0"><channel><title>t</title><link>https://x.example/</link><description>d</description>
                <item><title>x</title><description>&secret;</description></item></channel></rss>
                """);
        Path noItems = Files.writeString(dir.resolve("quiet.rss"), "<rss version=\"2.0\"><channel><title>Quiet</title>"
                + "<link>https://q.example/</link><description>nothing yet</description></channel></rss>");
        Path empty = Files.writeString(dir.resolve("empty.atom"), "");
        Path png = Files.copy(Path.of("../docs/screenshots/story-basil.png"), dir.resolve("feed.rss"));

        assertThat(Recorder.read(Sources.open(timeMl)).rejections)
                .containsExactly(timeMl + ": not an RSS or Atom feed (its root element is <TimeML>)");
        assertThat(Recorder.read(Sources.open(cut)).rejections).singleElement().asString()
                .startsWith(cut + ": malformed XML at line ");
        assertThat(Recorder.read(Sources.open(doctype)).rejections).singleElement().asString()
                .startsWith(doctype + ": malformed XML at line 2, column ").contains("DOCTYPE");
        assertThat(Recorder.read(Sources.open(noItems)).rejections).containsExactly(noItems + ": the feed has no items");
        assertThat(Recorder.read(Sources.open(empty)).rejections).containsExactly(empty + ": empty file");
        assertThat(Recorder.read(Sources.open(png)).rejections)
                .containsExactly(png + ": binary file (NUL byte at byte offset 8): a PNG image");
    }
}
