package dev.parallax.core.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The identity of a text for exact-duplicate detection: SHA-256 of its words, NFKC-folded and lower-cased, with
 * punctuation, quote styles and whitespace ignored. Two copies that differ only in typography share a fingerprint.
 */
public final class TextFingerprint {
    private TextFingerprint() {}

    public static String of(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder words = new StringBuilder(folded.length());
        boolean inWord = false;
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (!inWord && !words.isEmpty()) {
                    words.append(' ');
                }
                words.appendCodePoint(cp);
                inWord = true;
            } else {
                inWord = false;
            }
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(words.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
