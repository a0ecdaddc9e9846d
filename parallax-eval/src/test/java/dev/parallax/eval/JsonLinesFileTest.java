package dev.parallax.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every evaluation reader of JSON Lines goes through this: records in order, one-line failures naming the line. */
class JsonLinesFileTest {

    private static List<String> ids(Path file) {
        List<String> out = new ArrayList<>();
        JsonLinesFile.forEach(file, (number, o) -> out.add(number + ":" + o.path("id").asText()));
        return out;
    }

    @Test
    void readsPlainAndGzippedFilesSkippingBlankLines(@TempDir Path dir) throws Exception {
        String text = "{\"id\":\"a\"}\n\n  \n{\"id\":\"b\"}\n";
        Path plain = Files.writeString(dir.resolve("x.jsonl"), text);
        Path gz = dir.resolve("x.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(ids(plain)).containsExactly("1:a", "4:b");
        assertThat(ids(gz)).containsExactly("1:a", "4:b");
    }

    @Test
    void badInputFailsWithOneLineNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"id\":\"a\"}\n{\"id\":\n");
        assertThatThrownBy(() -> ids(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + " line 2 is not JSON");
        Files.writeString(file, "{\"id\":\"a\"}\n[1, 2]\n");
        assertThatThrownBy(() -> ids(file)).hasMessage(file + " line 2 is not a JSON object");
        Files.write(file, new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
        assertThatThrownBy(() -> ids(file)).hasMessage("cannot read " + file + ": not UTF-8 text");
        Path gz = Files.writeString(dir.resolve("not-gzip.jsonl.gz"), "{\"id\":\"a\"}\n");
        assertThatThrownBy(() -> ids(gz)).hasMessageStartingWith("cannot read " + gz + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> ids(dir.resolve("missing.jsonl")))
                .hasMessage("cannot read " + dir.resolve("missing.jsonl") + ": no such file");
    }
}
