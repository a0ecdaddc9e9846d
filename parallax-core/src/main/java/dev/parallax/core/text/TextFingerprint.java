package dev.parallax.core.text;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The identity of a text for exact-duplicate detection: SHA-256 of its words, NFKC-folded and lower-cased, with
 * punctuation, quote styles and whitespace ignored. Two copies that differ only in typography share a fingerprint.
 */
public final class TextFingerprint {
    private TextFingerprint() {}

    public static String of(String text) {
        // NFKC and root-locale lower-casing leave ASCII as it is apart from A-Z, which the loop lowers; skipping them
        // for ASCII text (most news) halves the deduplicator's cost per article. The digest is the same either way.
        String folded = isAscii(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        // The words, space-separated, as UTF-8: written straight into bytes rather than through a String.
        byte[] words = new byte[folded.length() + 16];
        int n = 0;
        boolean inWord = false;
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (words.length - n < 5) {
                    words = Arrays.copyOf(words, words.length * 2);
                }
                if (!inWord && n > 0) {
                    words[n++] = ' ';
                }
                n = putUtf8(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp, words, n);
                inWord = true;
            } else {
                inWord = false;
            }
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(words, 0, n);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0, len = text.length(); i < len; i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Writes code point {@code cp} (not a surrogate) at {@code n} as UTF-8; returns the new end. */
    private static int putUtf8(int cp, byte[] out, int n) {
        if (cp < 0x80) {
            out[n++] = (byte) cp;
        } else if (cp < 0x800) {
            out[n++] = (byte) (0xC0 | cp >> 6);
            out[n++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            out[n++] = (byte) (0xE0 | cp >> 12);
            out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
            out[n++] = (byte) (0x80 | cp & 0x3F);
        } else {
            out[n++] = (byte) (0xF0 | cp >> 18);
            out[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
            out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
            out[n++] = (byte) (0x80 | cp & 0x3F);
        }
        return n;
    }
}
