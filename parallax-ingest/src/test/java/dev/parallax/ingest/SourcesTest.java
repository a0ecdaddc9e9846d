package dev.parallax.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallax.core.model.RawArticle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourcesTest {
    private static final String EXPECTED = "(expected .txt, .jsonl, .ndjson, .jsonl.gz, .ndjson.gz, .html, .htm, "
            + ".xhtml, .html.gz, .htm.gz, .rss, .atom, .xml, .rss.gz, .atom.gz, .xml.gz, .warc or .warc.gz)";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"a.jsonl", "a.ndjson", "a.JSONL", "a.jsonl.gz", "a.ndjson.gz"})
    void choosesJsonLinesByExtension(String name) throws IOException {
        assertThat(Sources.open(Files.createFile(dir.resolve(name)))).isInstanceOf(JsonLinesSource.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.txt", "README.TXT"})
    void choosesPlainTextByExtension(String name) throws IOException {
        assertThat(Sources.open(Files.createFile(dir.resolve(name)))).isInstanceOf(PlainTextSource.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.html", "a.htm", "a.xhtml", "a.HTML", "a.html.gz", "a.htm.gz"})
    void choosesHtmlByExtension(String name) throws IOException {
        assertThat(Sources.open(Files.createFile(dir.resolve(name)))).isInstanceOf(HtmlSource.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.rss", "a.atom", "a.xml", "a.rss.gz", "a.atom.gz", "a.xml.gz"})
    void choosesFeedsByExtension(String name) throws IOException {
        assertThat(Sources.open(Files.createFile(dir.resolve(name)))).isInstanceOf(FeedSource.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.warc", "a.warc.gz", "A.WARC.GZ"})
    void choosesWarcByExtension(String name) throws IOException {
        assertThat(Sources.open(Files.createFile(dir.resolve(name)))).isInstanceOf(WarcSource.class);
    }

    @Test
    void aDirectoryOfWebFormatsLosesNothingToABrokenFile() throws IOException {
        Files.writeString(dir.resolve("a.html"), "<html><body><article>" + Seeds.html(Seeds.paragraphs(0))
                + "</article></body></html>");
        Path broken = Files.writeString(dir.resolve("b.rss"), "<rss version=\"2.0\"><channel><item>");
        Files.writeString(dir.resolve("c.atom"), "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Wire</title>"
                + "<entry><id>urn:1</id><title>China refuses</title><summary type=\"text\">"
                + String.join("\n\n", Seeds.paragraphs(1)).replace("&", "&amp;").replace("<", "&lt;")
                + "</summary></entry></feed>");
        Files.writeString(dir.resolve("d.txt"), "A plain-text article.\n");

        Recorder r = Recorder.read(Sources.open(dir));

        assertThat(r.articles).extracting(RawArticle::origin).containsExactly(dir.resolve("a.html").toString(),
                dir.resolve("c.atom") + "#1", dir.resolve("d.txt").toString());
        assertThat(r.articles.get(1).outlet()).isEqualTo("Wire");
        assertThat(r.rejections).singleElement().asString().startsWith(broken + ": malformed XML at line 1, column ");
    }

    @Test
    void opensTheSeedsDirectory() throws IOException {
        Recorder r = Recorder.read(Sources.open(TestFiles.shared("seeds")));
        assertThat(r.rejections).isEmpty();
        assertThat(r.ids()).containsExactly("000_6ff38f1c0ac05301", "002_ffa190864f8b1c5b");
    }

    @Test
    void opensARealDatasetFile() throws IOException {
        Recorder r = Recorder.read(Sources.open(TestFiles.shared("data/basil/basil.articles.jsonl")));
        assertThat(r.rejections).isEmpty();
        assertThat(r.articles).hasSize(300);
    }

    @Test
    void anExplicitFileOfUnknownFormatIsAOneLineError() throws IOException {
        Path pdf = Files.writeString(dir.resolve("report.pdf"), "%PDF-1.7");
        assertThatThrownBy(() -> Sources.open(pdf))
                .isInstanceOf(IOException.class)
                .hasMessage(pdf + ": unknown format " + EXPECTED);
    }

    @Test
    void aMissingPathIsAOneLineError() {
        Path missing = dir.resolve("no/such/articles.jsonl");
        assertThatThrownBy(() -> Sources.open(missing))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing + ": no such file or directory");
    }

    @Test
    void aDirectoryMixesFormatsInPathOrderAndRejectsTheUnknown() throws IOException {
        Files.writeString(dir.resolve("b.txt"), "A plain-text article.\n");
        Files.createDirectories(dir.resolve("feeds"));
        Files.writeString(dir.resolve("feeds/x.jsonl"),
                "{\"id\":\"x1\",\"text\":\"First.\"}\n{\"id\":\"x2\",\"text\":\"Second.\"}\n");
        Path pdf = Files.writeString(dir.resolve("c.pdf"), "%PDF-1.7");
        Files.writeString(dir.resolve(".hidden.pdf"), "%PDF-1.7");
        Files.writeString(dir.resolve("a.ndjson"), "{\"id\":\"n1\",\"text\":\"Third.\"}\n");

        Recorder r = Recorder.read(Sources.open(dir));

        assertThat(r.ids()).containsExactly("n1", "b", "x1", "x2"); // a.ndjson, b.txt, (c.pdf), feeds/x.jsonl
        assertThat(r.articles).extracting(RawArticle::origin).containsExactly(
                dir.resolve("a.ndjson") + ":1", dir.resolve("b.txt").toString(),
                dir.resolve("feeds/x.jsonl") + ":1", dir.resolve("feeds/x.jsonl") + ":2");
        assertThat(r.rejections).containsExactly(pdf + ": unknown format " + EXPECTED);
    }

    @Test
    void aDirectoryWithoutFilesIsOneRejection() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(empty.resolve(".notes.txt"), "Hidden, so skipped.\n");

        Recorder r = Recorder.read(Sources.open(empty));

        assertThat(r.articles).isEmpty();
        assertThat(r.rejections).containsExactly(empty + ": no files in this directory (hidden ones are skipped)");
    }

    @Test
    void aBrokenLinkInADirectoryIsOneRejection() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "Still here.\n");
        Path link = Files.createSymbolicLink(dir.resolve("b.txt"), dir.resolve("deleted.txt"));
        Files.writeString(dir.resolve("c.txt"), "Also here.\n");

        Recorder r = Recorder.read(Sources.open(dir));

        assertThat(r.rejections).containsExactly(link + ": broken symbolic link");
        assertThat(r.ids()).containsExactly("a", "c");
    }

    @Test
    void aLinkedDirectoryIsFollowedButALoopIsOneRejection() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real"));
        Files.writeString(real.resolve("a.txt"), "Article.\n");
        Files.createSymbolicLink(dir.resolve("view"), real);
        Path loop = Files.createSymbolicLink(real.resolve("loop"), dir);

        Recorder r = Recorder.read(Sources.open(dir));

        assertThat(r.articles).extracting(RawArticle::origin)
                .containsExactly(real.resolve("a.txt").toString(), dir.resolve("view/a.txt").toString());
        assertThat(r.rejections).containsExactly(loop + ": symbolic link loop",
                dir.resolve("view/loop") + ": symbolic link loop");
    }
}
