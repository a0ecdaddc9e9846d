package dev.parallax.core.embed;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each run of a command used to leave an empty {@code onnxruntime-java…} directory in the temporary directory
 * (microsoft/onnxruntime#8003). Checked in a child JVM, since a process loads ONNX Runtime once.
 */
class OrtTest {
    @Test
    void loadingFromTheCacheLeavesNothingInTheTemporaryDirectory(@TempDir Path tmp, @TempDir Path cache)
            throws Exception {
        assertThat(child("cache", tmp, cache)).isZero();
        assertThat(list(tmp)).isEmpty();
        List<Path> dirs = list(cache.resolve("parallax"));
        assertThat(dirs).hasSize(1);
        assertThat(dirs.get(0).getFileName().toString()).startsWith("onnxruntime-");
        assertThat(list(dirs.get(0))).map(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder(System.mapLibraryName("onnxruntime"),
                        System.mapLibraryName("onnxruntime4j_jni"));

        // a second process finds the libraries in place
        assertThat(child("cache", tmp, cache)).isZero();
        assertThat(list(tmp)).isEmpty();
        assertThat(list(cache.resolve("parallax"))).isEqualTo(dirs);
    }

    /** The upstream behaviour the cache avoids: when this starts failing, ONNX Runtime cleans up after itself. */
    @Test
    void onnxRuntimeAloneLeavesAnEmptyDirectory(@TempDir Path tmp, @TempDir Path cache) throws Exception {
        assertThat(child("plain", tmp, cache)).isZero();
        List<Path> left = list(tmp);
        assertThat(left).hasSize(1);
        assertThat(left.get(0).getFileName().toString()).startsWith("onnxruntime-java");
        assertThat(list(left.get(0))).isEmpty();
    }

    private static int child(String how, Path tmp, Path cache) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp, "-cp",
                System.getProperty("java.class.path"), OrtTest.class.getName(), how);
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return pb.start().waitFor();
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** The child: loads ONNX Runtime through {@link Ort} ("cache") or directly ("plain"), then exits. */
    public static void main(String[] args) {
        OrtEnvironment env = args[0].equals("cache") ? Ort.environment() : OrtEnvironment.getEnvironment();
        System.exit(env == null ? 1 : 0);
    }
}
