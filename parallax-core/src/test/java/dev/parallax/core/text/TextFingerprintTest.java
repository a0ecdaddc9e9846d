package dev.parallax.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class TextFingerprintTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void typographyDoesNotChangeTheFingerprintButWordsDo() {
        String plain = "He said \"it's over\". The end.";
        assertThat(TextFingerprint.of("He  said \u201cit\u2019s over\u201d.\n\nThe END."))
                .isEqualTo(TextFingerprint.of(plain));
        assertThat(TextFingerprint.of("He said it is over. The end.")).isNotEqualTo(TextFingerprint.of(plain));
    }

    @Test
    void nonAsciiTextIsFoldedWithNfkcAndLowerCased() {
        assertThat(TextFingerprint.of("The \ufb01nal \u00c9COLE")).isEqualTo(TextFingerprint.of("the final \u00e9cole"));
        assertThat(TextFingerprint.of("Caf\u00e9 \u00a3200")).isEqualTo(folded("Caf\u00e9 \u00a3200"));
    }

    /** The ASCII fast path and the byte writer agree with the plain definition on every article of BBC News. */
    @Test
    void matchesTheDefinitionOnRealArticles() throws IOException {
        Path bbc = Path.of(System.getProperty("parallax.shared"), "data/bulk/bbc.articles.jsonl");
        assertThat(bbc).as("BBC News corpus (see shared/data/README.md)").exists();
        int nonAscii = 0;
        try (BufferedReader in = Files.newBufferedReader(bbc, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String text = JSON.readTree(line).get("text").asText();
                nonAscii += text.chars().anyMatch(c -> c >= 0x80) ? 1 : 0;
                assertThat(TextFingerprint.of(text)).isEqualTo(folded(text));
            }
        }
        assertThat(nonAscii).as("articles that take the NFKC path").isGreaterThan(100);
    }

    /** The definition written plainly: SHA-256 of the NFKC-folded, lower-cased words joined by single spaces. */
    private static String folded(String text) {
        String f = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder words = new StringBuilder();
        f.codePoints().forEach(cp -> words.appendCodePoint(Character.isLetterOrDigit(cp) ? cp : ' '));
        String joined = words.toString().trim().replaceAll(" +", " ");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(joined.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
