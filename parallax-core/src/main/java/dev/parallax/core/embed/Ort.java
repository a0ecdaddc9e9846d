package dev.parallax.core.embed;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * The one way to get ONNX Runtime's environment. ONNX Runtime copies its native libraries (28 MB) out of its jar into a
 * new temporary directory at every start, and leaves that directory behind, empty, when the process exits (it marks
 * the directory for deletion on exit before the files in it, so the directory is not empty yet when its turn comes;
 * microsoft/onnxruntime#8003): one directory per run of any command. Here the libraries are copied once per user
 * into a cache directory named by their checksum, and ONNX Runtime loads them from there
 * ({@code onnxruntime.native.path}); its temporary directory then stays empty and goes at exit. Where the cache
 * cannot be written, ONNX Runtime's own copying is left to run.
 */
public final class Ort {
    private static final String NATIVE_PATH = "onnxruntime.native.path";
    private static final List<String> LIBRARIES = List.of("onnxruntime", "onnxruntime4j_jni");
    private static boolean prepared;

    private Ort() {}

    /** ONNX Runtime's environment, its native libraries loaded from the per-user cache where possible. */
    public static OrtEnvironment environment() {
        prepare();
        return OrtEnvironment.getEnvironment();
    }

    private static synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        if (System.getProperty(NATIVE_PATH) != null) {
            return; // the user's choice
        }
        String platform = platform();
        if (platform == null) {
            return;
        }
        try {
            Path dir = null;
            for (String library : LIBRARIES) {
                String name = System.mapLibraryName(library);
                URL resource = OrtEnvironment.class.getResource("/ai/onnxruntime/native/" + platform + "/" + name);
                if (resource == null) {
                    return;
                }
                URLConnection connection = resource.openConnection();
                if (!(connection instanceof JarURLConnection jar) || jar.getJarEntry().getCrc() < 0) {
                    return;
                }
                if (dir == null) { // named by the main library's checksum: another version gets another directory
                    dir = cacheRoot().resolve("onnxruntime-" + Long.toHexString(jar.getJarEntry().getCrc()));
                    Files.createDirectories(dir);
                }
                Path file = dir.resolve(name);
                if (!Files.isRegularFile(file) || Files.size(file) != jar.getJarEntry().getSize()) {
                    // copied under a private name, then moved into place: another process may be doing the same
                    Path part = Files.createTempFile(dir, name, ".part");
                    try (InputStream in = connection.getInputStream()) {
                        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                        move(part, file);
                    } finally {
                        Files.deleteIfExists(part);
                    }
                }
            }
            System.setProperty(NATIVE_PATH, dir.toString());
        } catch (IOException | RuntimeException e) {
            // the cache is a convenience: without it ONNX Runtime copies its libraries itself, as it always has
        }
    }

    private static void move(Path part, Path file) throws IOException {
        try {
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** {@code $XDG_CACHE_HOME/parallax}, else {@code ~/.cache/parallax}: the user's own, not a shared /tmp path. */
    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("parallax");
    }

    /** ONNX Runtime's name for this platform's directory of native libraries, or null for one it has none for. */
    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.contains("linux") ? "linux" : os.contains("mac") ? "osx" : os.contains("win") ? "win" : null;
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "x64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : null;
        return o == null || a == null ? null : o + "-" + a;
    }
}
