package dev.parallax.eval.pairs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PairsReaderTest {

    @Test
    void readsTheSharedMrpcFile() {
        List<TextPair> pairs = PairsReader.read(SharedData.pairs("mrpc"));
        assertThat(pairs).hasSize(5801);
        assertThat(pairs.stream().filter(p -> p.split().equals("train"))).hasSize(4076);
        assertThat(pairs.getFirst()).isEqualTo(new TextPair("mrpc-train-702876-702977",
                "Amrozi accused his brother, whom he called \"the witness\", of deliberately distorting his evidence.",
                "Referring to him as only \"the witness\", Amrozi accused his brother of deliberately distorting his evidence.",
                1, "train"));
    }

    @Test
    void badLinesNameFileAndLine(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.pairs.jsonl");
        Files.writeString(file, """
                {"id":"x-1","a":"A","b":"B","label":1,"split":"train"}
                {"id":"x-2","a":"A","b":"B","label":"high","split":"train"}
                """);
        assertThatThrownBy(() -> PairsReader.read(file)).hasMessage(file + " line 2: \"label\" must be a number (Format B)");
        Files.writeString(file, "{\"id\":\"x-1\",\"a\":\"A\"\n");
        assertThatThrownBy(() -> PairsReader.read(file)).hasMessageStartingWith(file + " line 1 is not JSON");
        assertThatThrownBy(() -> PairsReader.read(dir.resolve("none.jsonl"))).hasMessageEndingWith("none.jsonl: no such file");
    }
}
