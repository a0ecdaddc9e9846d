package dev.parallax.ingest;

import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.model.Published;
import dev.parallax.core.model.RawArticle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.HttpRequest;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;
import org.netpreserve.jwarc.Warcinfo;

/** Web archives written by jwarc's own writer, as a crawler leaves them: pages among requests, images, redirects. */
class WarcSourceTest {
    private static final Instant CRAWLED = Instant.parse("2024-02-01T12:00:00Z");
    private static final String FIRST = "https://www.example.com/world/china-declines-meeting";
    private static final String SECOND = "https://news.example.net/china-refuses?utm_source=rss";

    @TempDir
    Path dir;

    /** Byte offset of each record written, in order. */
    private final List<Long> offsets = new ArrayList<>();

    /** The first page states no date (the crawl date must not stand in); the second comes gzip-encoded. */
    private Path crawl(String name, WarcCompression compression) throws IOException {
        Path warc = dir.resolve(name);
        String undated = HtmlSourceTest.newsPage("<meta charset=\"utf-8\"><title>China declines</title>",
                Seeds.paragraphs(0));
        String dated = HtmlSourceTest.newsPage("""
                <meta property="og:site_name" content="Example Wire">
                <meta property="article:published_time" content="2023-05-31T08:00:00Z">
                <link rel="canonical" href="https://news.example.net/china-refuses">""", Seeds.paragraphs(1));
        try (WarcWriter w = new WarcWriter(FileChannel.open(warc, CREATE_NEW, WRITE), compression)) {
            write(w, new Warcinfo.Builder().date(CRAWLED).filename(name).build());
            write(w, new WarcRequest.Builder(FIRST).date(CRAWLED)
                    .body(new HttpRequest.Builder("GET", "/world/china-declines-meeting")
                            .addHeader("Host", "www.example.com").build()).build());
            write(w, response(FIRST, 200, "text/html; charset=utf-8", undated.getBytes(StandardCharsets.UTF_8), false));
            write(w, response("https://www.example.com/ryder.png", 200, "image/png",
                    Files.readAllBytes(Path.of("../docs/screenshots/story-basil.png")), false));
            write(w, response("https://www.example.com/old-url", 301, "text/html",
                    "<html><body>Moved</body></html>".getBytes(StandardCharsets.UTF_8), false));
            write(w, response(SECOND, 200, "text/html", dated.getBytes(StandardCharsets.UTF_8), true));
        }
        return warc;
    }

    private void write(WarcWriter w, org.netpreserve.jwarc.WarcRecord record) throws IOException {
        offsets.add(w.position());
        w.write(record);
    }

    private static WarcResponse response(String url, int status, String type, byte[] body, boolean gzip)
            throws IOException {
        HttpResponse.Builder http = new HttpResponse.Builder(status, status == 200 ? "OK" : "Moved Permanently");
        if (gzip) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(zipped)) {
                out.write(body);
            }
            http.addHeader("Content-Encoding", "gzip");
            body = zipped.toByteArray();
        }
        return new WarcResponse.Builder(url).date(CRAWLED).body(http.body(MediaType.parse(type), body).build())
                .build();
    }

    @Test
    void everyHtmlPageOfTheArchiveIsAnArticleAndTheRestIsCounted() throws IOException {
        for (WarcCompression compression : List.of(WarcCompression.GZIP, WarcCompression.NONE)) {
            offsets.clear();
            Path warc = crawl(compression == WarcCompression.GZIP ? "crawl.warc.gz" : "crawl.warc", compression);

            Recorder r = Recorder.read(Sources.open(warc));

            assertThat(r.rejections).isEmpty();
            assertThat(r.skipped).containsExactly(warc + ": 4 records that hold no HTML page: 1 request, "
                    + "1 response image/png, 1 response status 301, 1 warcinfo");
            assertThat(r.articles).hasSize(2);
            RawArticle first = r.articles.get(0);
            assertThat(first.origin()).isEqualTo(warc + "@" + offsets.get(2));
            assertThat(first.id()).matches("example\\.com-[0-9a-f]{16}");
            assertThat(first.text()).isEqualTo(String.join("\n\n", Seeds.paragraphs(0)));
            assertThat(first.url()).as("no canonical link: the target URI").isEqualTo(FIRST);
            assertThat(first.outlet()).isEqualTo("example.com");
            assertThat(first.published()).as("the crawl time is no publication time").isNull();
            RawArticle second = r.articles.get(1);
            assertThat(second.origin()).isEqualTo(warc + "@" + offsets.get(5));
            assertThat(second.text()).as("gzip content encoding undone")
                    .isEqualTo(String.join("\n\n", Seeds.paragraphs(1)));
            assertThat(second.url()).isEqualTo("https://news.example.net/china-refuses");
            assertThat(second.outlet()).isEqualTo("Example Wire");
            assertThat(second.published()).isEqualTo(Published.parse("2023-05-31T08:00:00Z"));
        }
    }

    @Test
    void theCharsetOfTheHttpHeaderComesBeforeTheGuess() throws IOException {
        // ISO-8859-15 writes the euro sign as 0xA4, which windows-1252 (the guess for undeclared pages) reads as '¤'
        // (the seed's curly quotes are not in ISO-8859-15: straight ones stand in)
        List<String> seed = new ArrayList<>(Seeds.paragraphs(1).stream()
                .map(p -> p.replaceAll("[‘’]", "'").replaceAll("[“”]", "\"")).toList());
        seed.add("The Pentagon put the cost of the meeting's security at €2m.");
        Charset latin9 = Charset.forName("ISO-8859-15");
        assertThat(seed).allSatisfy(p -> assertThat(latin9.newEncoder().canEncode(p)).as(p).isTrue());
        byte[] page = ("<html><body><article>" + Seeds.html(seed) + "</article></body></html>").getBytes(latin9);
        Path warc = dir.resolve("euro.warc");
        try (WarcWriter w = new WarcWriter(FileChannel.open(warc, CREATE_NEW, WRITE), WarcCompression.NONE)) {
            w.write(response(FIRST, 200, "text/html; charset=ISO-8859-15", page, false));
        }

        Recorder r = Recorder.read(Sources.open(warc));

        assertThat(r.articles).singleElement().extracting(RawArticle::text)
                .isEqualTo(String.join("\n\n", seed));
    }

    @Test
    void aTruncatedArchiveKeepsTheRecordsBeforeTheBreak() throws IOException {
        Path whole = crawl("whole.warc.gz", WarcCompression.GZIP);
        byte[] b = Files.readAllBytes(whole);
        long lastStart = offsets.get(5);
        Path cut = Files.write(dir.resolve("cut.warc.gz"),
                Arrays.copyOf(b, (int) (lastStart + (b.length - lastStart) / 2)));

        Recorder r = Recorder.read(Sources.open(cut));

        assertThat(r.articles).extracting(RawArticle::url).containsExactly(FIRST);
        assertThat(r.rejections).singleElement().asString()
                .startsWith(cut + ": corrupt or truncated gzip: ")
                .endsWith(" after the record at byte offset " + offsets.get(4)
                        + "; the 5 records before it were read, the rest of the file is not");
    }

    @Test
    void aResponseWithoutValidHttpIsOneRejectionAndTheNextRecordIsRead() throws IOException {
        Path warc = dir.resolve("odd.warc");
        try (WarcWriter w = new WarcWriter(FileChannel.open(warc, CREATE_NEW, WRITE), WarcCompression.NONE)) {
            write(w, new WarcResponse.Builder("https://www.example.com/odd").date(CRAWLED)
                    .body(MediaType.HTTP_RESPONSE, "\u0000\u0001 not an HTTP response".getBytes(StandardCharsets.UTF_8))
                    .build());
            write(w, response(FIRST, 200, "text/html", HtmlSourceTest.newsPage("", Seeds.paragraphs(0))
                    .getBytes(StandardCharsets.UTF_8), false));
        }

        Recorder r = Recorder.read(Sources.open(warc));

        assertThat(r.rejections).singleElement().asString().startsWith(warc + "@0: response record of "
                + "https://www.example.com/odd holds no valid HTTP response: ");
        assertThat(r.articles).extracting(RawArticle::url).containsExactly(FIRST);
    }

    @Test
    void filesThatAreNoArchiveAreOneLineRejections() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.warc"));
        Path text = Files.writeString(dir.resolve("notes.warc"), "These are notes, not an archive.\n");
        Path seedAsGzip = dir.resolve("seed.warc.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(seedAsGzip))) {
            out.write(String.join("\n\n", Seeds.paragraphs(0)).getBytes(StandardCharsets.UTF_8));
        }

        assertThat(Recorder.read(Sources.open(empty)).rejections)
                .containsExactly(empty + ": no WARC records (empty file)");
        assertThat(Recorder.read(Sources.open(text)).rejections).singleElement().asString()
                .startsWith(text + ": not a WARC archive: ");
        assertThat(Recorder.read(Sources.open(seedAsGzip)).rejections).singleElement().asString()
                .startsWith(seedAsGzip + ": not a WARC archive: ");
    }

    @Test
    void anUncompressedArchiveCutInsideItsFirstHeaderIsATruncatedRecordNotAGzipFault() throws IOException {
        Path cut = Files.writeString(dir.resolve("cut.warc"), "WARC/1.0\r\nWARC-Type: resp");

        assertThat(Recorder.read(Sources.open(cut)).rejections)
                .containsExactly(cut + ": not a WARC archive: truncated WARC record (the file ends inside it)");
    }
}
