package dev.parallax.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parallax.core.model.Published;
import dev.parallax.core.model.RawArticle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonLinesSourceTest {
    private static final String GOOD_A = line("a", "Lloyd Austin flew to Singapore.");
    private static final String GOOD_C = line("c", "China declined the meeting.");

    @TempDir
    Path dir;

    @Test
    void readsBasilWithItsGoldStories() throws IOException {
        Path basil = TestFiles.shared("data/basil/basil.articles.jsonl");
        Recorder r = Recorder.readLabelled(new JsonLinesSource(basil));

        assertThat(r.rejections).isEmpty();
        assertThat(r.labelled).hasSize(300).allSatisfy(l -> assertThat(l.story()).isNotBlank());
        // 100 events, each told by Fox, the NYT and HuffPost
        Map<String, List<LabelledArticle>> stories = r.labelled.stream()
                .collect(Collectors.groupingBy(LabelledArticle::story));
        assertThat(stories).hasSize(100);
        assertThat(stories.values()).allSatisfy(triplet -> assertThat(triplet)
                .extracting(l -> l.article().outlet()).containsExactlyInAnyOrder("fox", "nyt", "hpo"));

        RawArticle first = r.articles.get(0);
        assertThat(first.id()).isEqualTo("basil-6f95dcb9-e960-45ac-8c0e-91b85724c909_1");
        assertThat(first.origin()).isEqualTo(basil + ":1");
        assertThat(first.outlet()).isEqualTo("fox");
        assertThat(first.published()).isEqualTo(Published.ofDate(LocalDate.of(2010, 2, 20)));
        assertThat(first.url()).isEqualTo("http://www.foxnews.com/politics/2010/02/20/beck-encourages-conservatives");
        assertThat(first.title()).isEqualTo("Glenn Beck Rips Progressivism at CPAC");
        assertThat(first.text()).startsWith("Glenn Beck Rips Progressivism at CPAC\n\nFox News host Glenn Beck");
        assertThat(r.articles).extracting(RawArticle::id).doesNotHaveDuplicates();
        // the one article whose title the README says is null
        assertThat(r.articles).filteredOn(a -> a.title() == null).hasSize(1);
    }

    @Test
    void aFileWithoutArticlesIsOneRejection() throws IOException {
        Path empty = Files.write(dir.resolve("empty.jsonl"), new byte[0]);
        Path blank = Files.writeString(dir.resolve("blank.jsonl"), "\n  \n\n");

        assertThat(Recorder.read(new JsonLinesSource(empty)).rejections).containsExactly(empty + ": empty file");
        assertThat(Recorder.read(new JsonLinesSource(blank)).rejections)
                .containsExactly(blank + ": no articles: only blank lines");
        // a file whose only line is bad already says why; no second rejection for the same file
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{not json\n");
        assertThat(Recorder.read(new JsonLinesSource(bad)).rejections).hasSize(1);
    }

    @Test
    void sourceReadDeliversTheSameArticlesAsReadLabelled() throws IOException {
        Path basil = TestFiles.shared("data/basil/basil.articles.jsonl");
        assertThat(Recorder.read(new JsonLinesSource(basil)).articles)
                .isEqualTo(Recorder.readLabelled(new JsonLinesSource(basil)).articles);
    }

    @Test
    void streamsTheGzippedReutersHeadlines() throws IOException {
        Path gz = TestFiles.shared("data/bulk/reuters-headlines-2015q1.articles.jsonl.gz");
        long[] count = {0};
        RawArticle[] first = {null};
        long started = System.nanoTime();
        new JsonLinesSource(gz).read(new dev.parallax.core.pipeline.SourceSink() {
            @Override
            public void article(RawArticle article) {
                if (count[0]++ == 0) {
                    first[0] = article;
                }
            }

            @Override
            public void rejected(String origin, String reason) {
                throw new AssertionError(origin + ": " + reason);
            }
        });
        // a figure for the log, not a test: speed is measured by benchmarks
        System.out.printf("read %,d headlines from %s in %d ms%n", count[0], gz.getFileName(),
                (System.nanoTime() - started) / 1_000_000);

        assertThat(count[0]).isEqualTo(222_412);
        assertThat(first[0].id()).isEqualTo("reutershl-20150101-01288");
        assertThat(first[0].origin()).isEqualTo(gz + ":1");
        assertThat(first[0].published()).isEqualTo(Published.parse("2015-01-01T00:00:00Z"));
        assertThat(first[0].published().dateOnly()).isFalse();
        assertThat(first[0].text()).isEqualTo(first[0].title())
                .isEqualTo("Funds positive on UAE, Egypt stocks in era of cheap oil-survey");
    }

    @Test
    void parsesAllFourPublishedShapes() throws IOException {
        Path file = write("shapes.jsonl",
                withPublished("date", "2023-05-30"),
                withPublished("local", "1987-02-26T15:01:01.79"),
                withPublished("utc", "2014-03-10T16:52:50.698Z"),
                withPublished("offset", "2018-07-15T06:13:00-04:00"),
                line("none", "No date."));
        Recorder r = Recorder.read(new JsonLinesSource(file));

        assertThat(r.rejections).isEmpty();
        assertThat(r.articles).extracting(RawArticle::published).containsExactly(
                Published.ofDate(LocalDate.of(2023, 5, 30)),
                new Published(Instant.parse("1987-02-26T15:01:01.790Z"), LocalDate.of(1987, 2, 26), false),
                new Published(Instant.parse("2014-03-10T16:52:50.698Z"), LocalDate.of(2014, 3, 10), false),
                new Published(Instant.parse("2018-07-15T10:13:00Z"), LocalDate.of(2018, 7, 15), false),
                null);
    }

    @Test
    void toleratesExtraKeysMissingOptionalKeysCrlfAndBlankLines() throws IOException {
        Path file = write("extra.jsonl",
                "{\"id\":\"x\",\"text\":\"Body.\",\"lang\":\"en\",\"tags\":[1,2]}\r",
                "",
                "   ",
                "{\"id\":\"y\",\"text\":\"Other body.\",\"story\":\"s1\",\"title\":null}");
        Recorder r = Recorder.readLabelled(new JsonLinesSource(file));

        assertThat(r.rejections).isEmpty();
        assertThat(r.labelled).containsExactly(
                new LabelledArticle(new RawArticle("x", file + ":1", null, null, null, null, "Body."), null),
                new LabelledArticle(new RawArticle("y", file + ":4", null, null, null, null, "Other body."), "s1"));
    }

    @Test
    void stripsAByteOrderMarkOnTheFirstLine() throws IOException {
        Path file = dir.resolve("bom.jsonl");
        Files.write(file, PlainTextSourceTest.concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                (GOOD_A + "\n" + GOOD_C + "\n").getBytes(StandardCharsets.UTF_8)));
        Recorder r = Recorder.read(new JsonLinesSource(file));
        assertThat(r.rejections).isEmpty();
        assertThat(r.ids()).containsExactly("a", "c");
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("{\"id\":\"b\",\"text\":\"unterminated}", "malformed JSON at column 32: Unexpected end-of-input: was expecting closing quote for a string value"),
                Arguments.of("{\"id\":\"b\" \"text\":\"x\"}", "malformed JSON at column 11: Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries"),
                Arguments.of("{\"id\":\"b\",\"text\":\"x\"", "malformed JSON at column 21: Unexpected end-of-input: expected close marker for Object"),
                Arguments.of("{\"id\":\"b\",\"text\":\"x\"} {}", "malformed JSON at column 23: more than one value on the line"),
                Arguments.of("{\"id\":\"b\",\"text\":\"x\"}x", "malformed JSON at column 23: Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
                Arguments.of("{\"id\":\"b\",\"text\":\"x\",\"extra\":[1,{\"id\":5}],\"n\":1e3}garbage", "malformed JSON at column 58: Unrecognized token 'garbage': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"),
                Arguments.of("\"just a string\"", "not a JSON object but a string"),
                Arguments.of("{\"id\":\"b\",\"id\":\"b2\",\"text\":\"x\"}", "malformed JSON at column 15: Duplicate field 'id'"),
                Arguments.of("[\"b\",\"x\"]", "not a JSON object but an array"),
                Arguments.of("{\"text\":\"No id.\"}", "missing \"id\""),
                Arguments.of("{\"id\":null,\"text\":\"Null id.\"}", "missing \"id\""),
                Arguments.of("{\"id\":\" \",\"text\":\"Blank id.\"}", "\"id\" is empty"),
                Arguments.of("{\"id\":12,\"text\":\"Numeric id.\"}", "\"id\" must be a string, not a number"),
                Arguments.of("{\"id\":\"b\"}", "missing \"text\""),
                Arguments.of("{\"id\":\"b\",\"text\":\"  \\n\\n \\u00a0\"}", "\"text\" is empty"),
                Arguments.of("{\"id\":\"b\",\"text\":[\"para\"]}", "\"text\" must be a string, not an array"),
                Arguments.of("{\"id\":\"b\",\"text\":\"x\",\"title\":{\"main\":\"T\"}}", "\"title\" must be a string or null, not an object"),
                Arguments.of("{\"id\":\"b\",\"text\":\"x\",\"source\":true}", "\"source\" must be a string or null, not a boolean"),
                Arguments.of("{\"id\":\"b\",\"text\":\"x\",\"published\":20230530}", "\"published\" must be a string or null, not a number"),
                Arguments.of("{\"id\":\"b\",\"text\":\"x\",\"published\":\"30/05/2023\"}", "invalid \"published\": not an ISO 8601 date or date-time: '30/05/2023'"),
                Arguments.of("{\"id\":\"b\",\"text\":\"x\",\"published\":\"2023-02-30\"}", "invalid \"published\": not an ISO 8601 date or date-time: '2023-02-30'"),
                Arguments.of("{\"id\":\"b\",\"text\":\"x\",\"story\":7}", "\"story\" must be a string or null, not a number"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badLines")
    void rejectsABadLineAndReadsTheRest(String bad, String reason) throws IOException {
        Path file = write("batch.jsonl", GOOD_A, bad, GOOD_C);
        Recorder r = Recorder.read(new JsonLinesSource(file));
        assertThat(r.rejections).containsExactly(file + ":2: " + reason);
        assertThat(r.ids()).containsExactly("a", "c");
        assertThat(r.articles).extracting(RawArticle::origin).containsExactly(file + ":1", file + ":3");
    }

    @Test
    void rejectsInvalidUtf8WithItsFileOffset() throws IOException {
        byte[] first = (GOOD_A + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = PlainTextSourceTest.concat("{\"id\":\"b\",\"text\":\"Caf".getBytes(StandardCharsets.US_ASCII),
                new byte[] {(byte) 0xE9}, "\"}\n".getBytes(StandardCharsets.US_ASCII));
        Path file = dir.resolve("latin1.jsonl");
        Files.write(file, PlainTextSourceTest.concat(first, bad, (GOOD_C + "\n").getBytes(StandardCharsets.UTF_8)));

        Recorder r = Recorder.read(new JsonLinesSource(file));

        int offset = first.length + "{\"id\":\"b\",\"text\":\"Caf".length();
        assertThat(r.rejections).containsExactly(file + ":2: invalid UTF-8 at byte offset " + offset);
        assertThat(r.ids()).containsExactly("a", "c");
    }

    @Test
    void rejectsANulByteInALine() throws IOException {
        Path file = dir.resolve("nul.jsonl");
        String padding = (GOOD_A + "\n").repeat(1000); // past the binary sniff at the start
        Files.write(file, (padding + "{\"id\":\"b\",\"text\":\"x\0y\"}\n" + GOOD_C + "\n").getBytes(StandardCharsets.UTF_8));

        Recorder r = Recorder.read(new JsonLinesSource(file));

        int offset = padding.length() + "{\"id\":\"b\",\"text\":\"x".length();
        assertThat(r.rejections).containsExactly(file + ":1001: NUL byte at byte offset " + offset);
        assertThat(r.articles).hasSize(1001);
    }

    @Test
    void rejectsABinaryFileOnceAndReadsTheOtherFiles() throws IOException {
        write("a.jsonl", GOOD_A);
        Path bin = dir.resolve("b.jsonl");
        byte[] junk = new byte[100_000];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) (i * 31 % 7 == 0 ? '\n' : i % 251); // newlines too: it must not become 1000s of lines
        }
        Files.write(bin, junk);
        write("c.jsonl", GOOD_C);

        Recorder r = Recorder.read(Sources.open(dir));

        assertThat(r.rejections).containsExactly(bin + ": binary file (NUL byte at byte offset 251)");
        assertThat(r.ids()).containsExactly("a", "c");
    }

    @Test
    void rejectsATextOverTheLimit() throws IOException {
        String huge = "{\"id\":\"b\",\"text\":\"" + "x".repeat((int) Sources.MAX_DOCUMENT_BYTES + 1) + "\"}";
        Path file = write("big.jsonl", GOOD_A, huge, GOOD_C);
        Recorder r = Recorder.read(new JsonLinesSource(file));
        assertThat(r.rejections).containsExactly(file + ":2: \"text\" is larger than the 5 MiB limit (5,242,881 bytes)");
        assertThat(r.ids()).containsExactly("a", "c");
    }

    @Test
    void skipsALineOverTheLineLimitWithoutHoldingIt() throws IOException {
        Path file = dir.resolve("huge.jsonl");
        long hugeLength = JsonLinesSource.MAX_LINE_BYTES + (1L << 20);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write((GOOD_A + "\n{\"id\":\"b\",\"text\":\"").getBytes(StandardCharsets.UTF_8));
            byte[] block = new byte[1 << 20];
            Arrays.fill(block, (byte) 'x');
            for (long n = 0; n < hugeLength; n += block.length) {
                out.write(block);
            }
            out.write(("\"}\n" + GOOD_C + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Recorder r = Recorder.read(new JsonLinesSource(file));
        assertThat(r.rejections).singleElement().asString()
                .startsWith(file + ":2: line is longer than 10 MiB (")
                .endsWith(" bytes); documents are limited to 5 MiB");
        assertThat(r.ids()).containsExactly("a", "c");
        assertThat(r.articles.get(1).origin()).isEqualTo(file + ":3");
    }

    @Test
    void rejectsAnUnreadableFileAndReadsTheOtherFiles() throws IOException {
        write("a.jsonl", GOOD_A);
        Path bad = TestFiles.unreadable(dir.resolve("b.jsonl"));
        write("c.ndjson", GOOD_C);
        Recorder r = Recorder.read(Sources.open(dir));
        assertThat(r.rejections).containsExactly(bad + ": cannot read: permission denied");
        assertThat(r.ids()).containsExactly("a", "c");
    }

    @Test
    void rejectsAFileThatIsNotGzip() throws IOException {
        Path fake = write("b.jsonl.gz", GOOD_A);
        write("a.jsonl", GOOD_A);
        Recorder r = Recorder.read(Sources.open(dir));
        assertThat(r.rejections).containsExactly(fake + ": corrupt or truncated gzip: Not in GZIP format");
        assertThat(r.ids()).containsExactly("a");
    }

    @Test
    void deliversTheLinesBeforeAGzipBreaksOff() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            for (int i = 0; i < 2000; i++) {
                gz.write((line("n" + i, "Headline number " + i + " about markets.") + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] whole = bytes.toByteArray();
        Path cut = dir.resolve("cut.jsonl.gz");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));

        Recorder r = Recorder.read(new JsonLinesSource(cut));

        assertThat(r.articles).isNotEmpty().hasSizeLessThan(2000);
        assertThat(r.ids()).isEqualTo(r.ids().stream().sorted((x, y) -> Integer.compare(
                Integer.parseInt(x.substring(1)), Integer.parseInt(y.substring(1)))).toList());
        assertThat(r.rejections).containsExactly(cut + ":" + (r.articles.size() + 1)
                + ": corrupt or truncated gzip: Unexpected end of ZLIB input stream (after line " + r.articles.size() + ")");
    }

    @Test
    void readsAGzipOfSeveralMembers() throws IOException {
        Path file = dir.resolve("two.jsonl.gz");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (String l : List.of(GOOD_A, GOOD_C)) {
                ByteArrayOutputStream member = new ByteArrayOutputStream();
                try (OutputStream gz = new GZIPOutputStream(member)) {
                    gz.write((l + "\n").getBytes(StandardCharsets.UTF_8));
                }
                out.write(member.toByteArray());
            }
        }
        Recorder r = Recorder.read(new JsonLinesSource(file));
        assertThat(r.rejections).isEmpty();
        assertThat(r.ids()).containsExactly("a", "c");
        try (InputStream check = new GZIPInputStream(Files.newInputStream(file))) {
            assertThat(new String(check.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(GOOD_A + "\n" + GOOD_C + "\n");
        }
    }

    @Test
    void missingFileFailsTheWholeReadWithOneLine() {
        Path missing = dir.resolve("gone.jsonl");
        assertThatThrownBy(() -> Recorder.read(new JsonLinesSource(missing)))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage(missing + ": no such file or directory");
    }

    @Test
    void aDirectoryNamedLikeAFileIsRejectedNotThrown() throws IOException {
        Path d = Files.createDirectory(dir.resolve("odd.jsonl"));
        Recorder r = Recorder.read(new JsonLinesSource(d));
        assertThat(r.rejections).containsExactly(d + ": cannot read: Is a directory");
    }

    private static String line(String id, String text) {
        return "{\"id\":\"" + id + "\",\"source\":\"reuters\",\"published\":null,\"url\":null,\"title\":null,\"text\":\""
                + text + "\",\"story\":null}";
    }

    private static String withPublished(String id, String published) {
        return "{\"id\":\"" + id + "\",\"published\":\"" + published + "\",\"text\":\"Body of " + id + ".\"}";
    }

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

}
