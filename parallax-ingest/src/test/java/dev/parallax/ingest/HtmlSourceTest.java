package dev.parallax.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallax.core.model.Published;
import dev.parallax.core.model.RawArticle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved web pages built around the seeds' text, as news sites lay them out, and files that are no page at all. */
class HtmlSourceTest {
    @TempDir
    Path dir;

    /**
     * A news page: navigation, headline, byline, schema.org properties repeated as hidden text, photo with caption,
     * the article, sharing bar, related links.
     */
    static String newsPage(String head, List<String> paragraphs) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head>
                %s
                </head><body>
                <header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
                <li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li></ul></nav></header>
                <main><article>
                <h1>China declines Austin meeting in Singapore</h1>
                <div class="byline">By Staff Reporter</div>
                <div itemprop="headline">China declines Austin meeting in Singapore</div>
                <div itemprop="keywords">China, United States, Lloyd Austin, Li Shangfu</div>
                <figure><img src="ryder.jpg" alt=""><figcaption>Pentagon spokesman Air Force Brig. Gen. Patrick Ryder.
                Photo via AP/Andrew Harnik</figcaption></figure>
                %s
                <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
                </article>
                <aside class="related"><h2>More from World</h2><ul>
                <li><a href="/a">Singapore hosts the Shangri-La Dialogue</a></li>
                <li><a href="/b">Pentagon renews call for military talks</a></li></ul></aside>
                </main>
                <footer><p>&copy; 2023 The Example Post. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
                </body></html>
                """.formatted(head, Seeds.html(paragraphs));
    }

    private static final String HEAD = """
            <meta charset="utf-8">
            <title>China declines US defence meeting | The Example Post</title>
            <meta property="og:title" content="China declines Austin meeting in Singapore">
            <meta property="og:site_name" content="The Example Post">
            <meta property="article:published_time" content="2023-05-30T06:15:00-04:00">
            <link rel="canonical" href="https://www.example.com/world/china-declines-meeting">""";

    private Path write(String name, String content, Charset charset) throws IOException {
        return Files.write(dir.resolve(name), content.getBytes(charset));
    }

    private static RawArticle only(Recorder r) {
        assertThat(r.rejections).isEmpty();
        assertThat(r.articles).hasSize(1);
        return r.articles.get(0);
    }

    @Test
    void takesTheArticleOutOfANewsPageWithItsMetadata() throws IOException {
        List<String> seed = Seeds.paragraphs(0);
        Path page = write("china-declines.html", newsPage(HEAD, seed), StandardCharsets.UTF_8);

        RawArticle a = only(Recorder.read(Sources.open(page)));

        assertThat(a.id()).matches("example\\.com-[0-9a-f]{16}");
        assertThat(a.origin()).isEqualTo(page.toString());
        // the paragraphs, each whole, and nothing of the navigation, headline, byline, caption, sharing or footer
        assertThat(a.text()).isEqualTo(String.join("\n\n", seed));
        assertThat(a.title()).isEqualTo("China declines Austin meeting in Singapore");
        assertThat(a.outlet()).isEqualTo("The Example Post");
        assertThat(a.url()).isEqualTo("https://www.example.com/world/china-declines-meeting");
        assertThat(a.published()).isEqualTo(new Published(Instant.parse("2023-05-30T10:15:00Z"),
                LocalDate.of(2023, 5, 30), false));
    }

    @Test
    void theUrlAPageStatesNamesIt() throws IOException {
        String page = newsPage(HEAD, Seeds.paragraphs(0));
        Path saved = write("index.html", page, StandardCharsets.UTF_8);
        Path again = Files.createDirectories(dir.resolve("copy")).resolve("index.html");
        Files.writeString(again, page);
        Path other = Files.createDirectories(dir.resolve("other")).resolve("index.html");
        Files.writeString(other, page.replace("world/china-declines-meeting", "world/china-refuses"));

        String id = only(Recorder.read(Sources.open(saved))).id();

        assertThat(only(Recorder.read(Sources.open(again))).id()).isEqualTo(id);
        assertThat(only(Recorder.read(Sources.open(other))).id()).isNotEqualTo(id);
    }

    @Test
    void aPageThatStatesNothingAboutItselfGivesTextOnly() throws IOException {
        List<String> seed = Seeds.paragraphs(1);
        Path page = write("002.htm", "<html><body><div id=\"story\">\n" + Seeds.html(seed) + "</div></body></html>",
                StandardCharsets.UTF_8);

        RawArticle a = only(Recorder.read(Sources.open(page)));

        assertThat(a.id()).isEqualTo("002");
        assertThat(a.text()).isEqualTo(String.join("\n\n", seed));
        assertThat(a.title()).isNull();
        assertThat(a.outlet()).isNull();
        assertThat(a.url()).isNull();
        assertThat(a.published()).isNull();
    }

    @Test
    void readsTheDateAndPublisherFromJsonLdAndTheOffsetKeepsTheOutletsCalendarDate() throws IOException {
        String head = """
                <title>China turns down Austin</title>
                <meta property="og:url" content="https://www.straits.example.org/asia/china-austin">
                <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
                {"@type":"NewsArticle","datePublished":"2023-05-31T07:30:00+0800",
                 "publisher":{"@type":"Organization","name":"Straits Example"}}]}</script>""";
        Path page = write("a.html", newsPage(head, Seeds.paragraphs(1)), StandardCharsets.UTF_8);

        RawArticle a = only(Recorder.read(Sources.open(page)));

        assertThat(a.title()).isEqualTo("China turns down Austin");
        assertThat(a.outlet()).isEqualTo("Straits Example");
        assertThat(a.url()).isEqualTo("https://www.straits.example.org/asia/china-austin");
        // 23:30 UTC on the 30th, but the 31st where it was published
        assertThat(a.published()).isEqualTo(new Published(Instant.parse("2023-05-30T23:30:00Z"),
                LocalDate.of(2023, 5, 31), false));
    }

    @Test
    void fallsBackToTimeElementAndTheUrlsHost() throws IOException {
        String head = "<meta property=\"og:url\" content=\"https://www.example.org/p/1\">";
        String body = "<time datetime=\"not a date\">yesterday</time><time datetime=\"2023-05-31\">31 May</time>";
        Path page = write("b.html", newsPage(head, Seeds.paragraphs(1)).replace("<main>", "<main>" + body),
                StandardCharsets.UTF_8);

        RawArticle a = only(Recorder.read(Sources.open(page)));

        assertThat(a.outlet()).isEqualTo("example.org");
        assertThat(a.published()).isEqualTo(Published.ofDate(LocalDate.of(2023, 5, 31)));
        assertThat(a.title()).as("no og:title, no <title>: the first <h1>")
                .isEqualTo("China declines Austin meeting in Singapore");
    }

    @Test
    void aPageInsideOneFormStillGivesItsText() throws IOException {
        // ASP.NET Web Forms pages wrap the whole body in one <form>, which Readability drops as page furniture
        List<String> seed = Seeds.paragraphs(1);
        String page = newsPage(HEAD, seed).replace("<body>", "<body><form method=\"post\" id=\"aspnetForm\">")
                .replace("</body>", "</form></body>");

        RawArticle a = only(Recorder.read(Sources.open(write("webforms.html", page, StandardCharsets.UTF_8))));

        assertThat(a.text()).isEqualTo(String.join("\n\n", seed));
    }

    @Test
    void readsEachCharsetThePageDeclaresOrAnUndeclaredLegacyOne() throws IOException {
        List<String> seed = Seeds.paragraphs(0); // curly quotes and apostrophes: not ASCII
        String expected = String.join("\n\n", seed);
        Charset cp1252 = Charset.forName("windows-1252");
        String undeclared = newsPage("<title>China declines</title>", seed);
        String declared = newsPage("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">",
                seed);
        List<Path> pages = List.of(write("legacy.html", undeclared, cp1252), write("declared.html", declared, cp1252),
                write("utf16.html", "\uFEFF" + undeclared, StandardCharsets.UTF_16LE));

        for (Path page : pages) {
            assertThat(only(Recorder.read(Sources.open(page))).text()).as(page.toString()).isEqualTo(expected);
        }
    }

    @Test
    void readsAGzippedPage() throws IOException {
        Path gz = dir.resolve("page.html.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(newsPage(HEAD, Seeds.paragraphs(0)).getBytes(StandardCharsets.UTF_8));
        }

        RawArticle a = only(Recorder.read(Sources.open(gz)));

        assertThat(a.url()).isEqualTo("https://www.example.com/world/china-declines-meeting");
        assertThat(a.text()).isEqualTo(String.join("\n\n", Seeds.paragraphs(0)));
    }

    @Test
    void filesThatAreNoPageAreOneLineRejections() throws IOException {
        Path empty = write("empty.html", "", StandardCharsets.UTF_8);
        Path blank = write("blank.html", " \n\t\n", StandardCharsets.UTF_8);
        Path png = Files.copy(Path.of("../docs/screenshots/story-basil.png"), dir.resolve("shot.html"));
        Path gzipped = dir.resolve("zipped.html");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            out.write(newsPage(HEAD, Seeds.paragraphs(0)).getBytes(StandardCharsets.UTF_8));
        }
        Path noText = write("menu.html", "<html><head><title>Menu</title></head><body><nav><ul><li><a href=\"/\">Home"
                + "</a></li><li><a href=\"/world\">World</a></li></ul></nav></body></html>", StandardCharsets.UTF_8);

        assertThat(Recorder.read(Sources.open(empty)).rejections).containsExactly(empty + ": empty file");
        assertThat(Recorder.read(Sources.open(blank)).rejections).containsExactly(blank + ": file holds only whitespace");
        assertThat(Recorder.read(Sources.open(png)).rejections)
                .containsExactly(png + ": binary file (NUL byte at byte offset 8): a PNG image");
        assertThat(Recorder.read(Sources.open(gzipped)).rejections).singleElement().asString()
                .startsWith(gzipped + ": binary file (NUL byte at byte offset ")
                .endsWith("): gzip-compressed; name it *.html.gz");
        assertThat(Recorder.read(Sources.open(noText)).rejections)
                .containsExactly(noText + ": no article text found in the page");
    }

    @Test
    void aTruncatedGzipIsARejection() throws IOException {
        Path whole = dir.resolve("whole.html.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(whole))) {
            out.write(newsPage(HEAD, Seeds.paragraphs(0)).getBytes(StandardCharsets.UTF_8));
        }
        byte[] b = Files.readAllBytes(whole);
        Path cut = Files.write(dir.resolve("cut.html.gz"), Arrays.copyOf(b, b.length / 2));

        assertThat(Recorder.read(Sources.open(cut)).rejections)
                .containsExactly(cut + ": corrupt or truncated gzip: Unexpected end of ZLIB input stream");
    }

    @Test
    void aPageOverTheLimitIsRejectedUnreadAndSoIsOneThatInflatesPastIt() throws IOException {
        String padding = "<!-- " + "x".repeat((int) Sources.MAX_DOCUMENT_BYTES) + " -->";
        Path huge = write("huge.html", newsPage(HEAD, Seeds.paragraphs(0)) + padding, StandardCharsets.UTF_8);
        Path bomb = dir.resolve("bomb.html.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bomb))) {
            out.write(padding.getBytes(StandardCharsets.UTF_8));
        }

        assertThat(Recorder.read(Sources.open(huge)).rejections).singleElement().asString()
                .startsWith(huge + ": file is larger than the 5 MiB limit (");
        assertThat(Recorder.read(Sources.open(bomb)).rejections).containsExactly(
                bomb + ": decompressed file is larger than the 5 MiB limit (5,242,881 bytes)");
    }

    @Test
    void aMissingPageNamedExplicitlyFailsTheRead() {
        Path missing = dir.resolve("gone.html");
        assertThatThrownBy(() -> new HtmlSource(missing).read(new Recorder()))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing + ": no such file or directory");
    }
}
