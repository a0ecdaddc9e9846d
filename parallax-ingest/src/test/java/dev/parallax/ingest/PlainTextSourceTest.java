package dev.parallax.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallax.core.model.RawArticle;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainTextSourceTest {
    private static final String GOOD = "China rejected a US proposal for a meeting in Singapore.\n\nThe Pentagon said so.\n";

    @TempDir
    Path dir;

    @Test
    void readsTheSeedsAsWholeFilesInPathOrder() throws IOException {
        Path seeds = TestFiles.shared("seeds");
        Recorder r = Recorder.read(new PlainTextSource(seeds));

        assertThat(r.rejections).isEmpty();
        assertThat(r.ids()).containsExactly("000_6ff38f1c0ac05301", "002_ffa190864f8b1c5b");
        RawArticle first = r.articles.get(0);
        Path firstFile = seeds.resolve("000_6ff38f1c0ac05301.txt");
        assertThat(first.origin()).isEqualTo(firstFile.toString());
        // the metadata line stays: taking it apart is the cleaner's job
        assertThat(first.text()).isEqualTo(Files.readString(firstFile)).startsWith(" date 2023-05-30 Pentagon");
        assertThat(first.outlet()).isNull();
        assertThat(first.published()).isNull();
        assertThat(first.url()).isNull();
        assertThat(first.title()).isNull();
        assertThat(r.articles.get(1).text()).startsWith("China has outrightly declined");
    }

    @Test
    void readsOneFile() throws IOException {
        Path seed = TestFiles.shared("seeds/002_ffa190864f8b1c5b.txt");
        Recorder r = Recorder.read(new PlainTextSource(seed));
        assertThat(r.ids()).containsExactly("002_ffa190864f8b1c5b");
        assertThat(r.articles.get(0).text()).isEqualTo(Files.readString(seed));
    }

    @Test
    void walksSubdirectoriesInPathOrderAndSkipsHiddenFiles() throws IOException {
        write("b.txt", GOOD);
        Files.createDirectories(dir.resolve("a"));
        write("a/c.txt", GOOD);
        write("a.txt", GOOD);
        write(".DS_Store", "\0\0junk");
        Files.createDirectories(dir.resolve(".git"));
        write(".git/HEAD.txt", GOOD);

        Recorder r = Recorder.read(new PlainTextSource(dir));

        assertThat(r.rejections).isEmpty();
        assertThat(r.ids()).containsExactly("a", "c", "b"); // a.txt < a/c.txt < b.txt
    }

    @Test
    void rejectsFilesOfAnotherFormatInADirectory() throws IOException {
        write("a.txt", GOOD);
        write("notes.md", GOOD);
        write("z.txt", GOOD);

        Recorder r = Recorder.read(new PlainTextSource(dir));

        assertThat(r.ids()).containsExactly("a", "z");
        assertThat(r.rejections).containsExactly(dir.resolve("notes.md") + ": unknown format (expected .txt)");
    }

    @Test
    void missingPathFailsTheWholeReadWithOneLine() {
        Path missing = dir.resolve("nope.txt");
        assertThatThrownBy(() -> Recorder.read(new PlainTextSource(missing)))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing + ": no such file or directory");
        Path missingDir = dir.resolve("nope");
        assertThatThrownBy(() -> Recorder.read(new PlainTextSource(missingDir)))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(missingDir + ": no such file or directory");
    }

    @Test
    void stripsAByteOrderMark() throws IOException {
        writeBytes("bom.txt", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, GOOD.getBytes(StandardCharsets.UTF_8)));
        Recorder r = Recorder.read(new PlainTextSource(dir));
        assertThat(r.rejections).isEmpty();
        assertThat(r.articles).singleElement().extracting(RawArticle::text).isEqualTo(GOOD);
    }

    @Test
    void rejectsAnUnreadableFile() throws IOException {
        Path bad = TestFiles.unreadable(dir.resolve("b.txt"));
        assertBatch(bad, "cannot read: permission denied");
    }

    @Test
    void rejectsInvalidUtf8AtItsByteOffset() throws IOException {
        // "Caf\xE9" is Latin-1, not UTF-8; after a 3-byte BOM the bad byte sits at file offset 3 + 3
        byte[] latin1 = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "Caf".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xE9}, " au lait\n".getBytes(StandardCharsets.US_ASCII));
        assertBatch(writeBytes("b.txt", latin1), "invalid UTF-8 at byte offset 6");
    }

    @Test
    void rejectsAnEncodedSurrogateAsInvalidUtf8() throws IOException {
        byte[] cesu = concat("ok ".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        assertBatch(writeBytes("b.txt", cesu), "invalid UTF-8 at byte offset 3");
    }

    @Test
    void rejectsABinaryFile() throws IOException {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertBatch(writeBytes("b.txt", png), "binary file (NUL byte at byte offset 8): a PNG image");
    }

    @Test
    void rejectsAnEmptyFile() throws IOException {
        assertBatch(write("b.txt", ""), "empty file");
    }

    @Test
    void rejectsAFileOfWhitespace() throws IOException {
        assertBatch(write("b.txt", " \n\t\r\n\u00A0\u2003\n"), "file holds only whitespace");
    }

    @Test
    void rejectsAFileOverTheLimitWithoutReadingIt() throws IOException {
        Path big = dir.resolve("b.txt");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(Sources.MAX_DOCUMENT_BYTES + 1); // sparse: reading it would show NULs, not the size
        }
        assertBatch(big, "file is larger than the 5 MiB limit (5,242,881 bytes)");
    }

    @Test
    void acceptsAFileOfExactlyTheLimit() throws IOException {
        Path file = write("a.txt", "x".repeat((int) Sources.MAX_DOCUMENT_BYTES));
        Recorder r = Recorder.read(new PlainTextSource(file));
        assertThat(r.rejections).isEmpty();
        assertThat(r.articles).singleElement().satisfies(a -> assertThat(a.text()).hasSize((int) Sources.MAX_DOCUMENT_BYTES));
    }

    /** Reads a.txt, {@code bad} (named b.txt) and c.txt: exactly one rejection, for b, and both good articles. */
    private void assertBatch(Path bad, String reason) throws IOException {
        write("a.txt", GOOD);
        write("c.txt", GOOD);
        Recorder r = Recorder.read(new PlainTextSource(dir));
        assertThat(r.rejections).containsExactly(bad + ": " + reason);
        assertThat(r.ids()).containsExactly("a", "c");
        assertThat(r.articles).allSatisfy(a -> assertThat(a.text()).isEqualTo(GOOD));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private Path writeBytes(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
