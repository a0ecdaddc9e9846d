package dev.parallax.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real files that are not what their names say, as people hand them over: the rejection says what the file is and
 * what to do, where a bare "binary file" would leave them guessing.
 */
class MisnamedFilesTest {
    @TempDir
    Path dir;

    private static String seed() throws IOException {
        try (var files = Files.list(TestFiles.shared("seeds"))) {
            Path first = files.filter(p -> p.toString().endsWith(".txt")).sorted().findFirst().orElseThrow();
            return Files.readString(first, StandardCharsets.UTF_8);
        }
    }

    private static List<String> rejections(Path file) throws IOException {
        return Recorder.read(Sources.open(file)).rejections;
    }

    @Test
    void aSeedSavedAsUtf16IsToldToBeConvertedToUtf8() throws IOException {
        Path withMark = dir.resolve("seed.txt");
        Files.writeString(withMark, seed(), StandardCharsets.UTF_16); // big-endian with a byte-order mark
        Path withoutMark = dir.resolve("seed-le.txt");
        Files.writeString(withoutMark, seed(), StandardCharsets.UTF_16LE);

        assertThat(rejections(withMark)).containsExactly(withMark + ": UTF-16 text (NUL byte at byte offset 2): "
                + "articles must be UTF-8; convert it, e.g. iconv -f UTF-16 -t UTF-8");
        assertThat(rejections(withoutMark)).singleElement().asString().startsWith(withoutMark + ": UTF-16 text");
    }

    @Test
    void utf16JsonLinesAreRejectedAsAWholeFile() throws IOException {
        Path reuters = TestFiles.shared("data/bulk/reuters21578.articles.jsonl");
        Path utf16 = dir.resolve("reuters.jsonl");
        Files.writeString(utf16, String.join("\n", Files.readAllLines(reuters).subList(0, 20)),
                StandardCharsets.UTF_16LE);

        assertThat(rejections(utf16)).singleElement().asString()
                .startsWith(utf16 + ": UTF-16 text (NUL byte at byte offset 1)");
    }

    @Test
    void gzippedArticlesUnderAPlainNameAreToldTheirName() throws IOException {
        Path reuters = TestFiles.shared("data/bulk/reuters21578.articles.jsonl");
        Path gz = dir.resolve("reuters.jsonl");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(String.join("\n", Files.readAllLines(reuters).subList(0, 20)).getBytes(StandardCharsets.UTF_8));
        }

        assertThat(rejections(gz)).singleElement().asString()
                .startsWith(gz + ": binary file (NUL byte at byte offset ").endsWith(": gzip-compressed; name it *.jsonl.gz");
        Path renamed = dir.resolve("reuters.jsonl.gz");
        Files.move(gz, renamed);
        assertThat(Recorder.read(Sources.open(renamed)).articles).hasSize(20);
    }

    @Test
    void aScreenshotRenamedToJsonLinesIsNamedAnImage() throws IOException {
        Path png = dir.resolve("articles.jsonl");
        Files.copy(Path.of("../docs/screenshots/story-basil.png"), png);

        assertThat(rejections(png)).containsExactly(png + ": binary file (NUL byte at byte offset 8): a PNG image");
    }
}
