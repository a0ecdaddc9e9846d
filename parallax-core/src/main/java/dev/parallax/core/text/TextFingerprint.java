package dev.parallax.core.text;

import java.nio.charset.StandardCharsets;
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
        // A fast intrinsic copy that also tells the paths apart: UTF-8 is as long as the text only when every char is
        // ASCII (or a lone surrogate, which becomes '?' here and is a non-word on both paths).
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] words = utf8.length == text.length() ? asciiWords(utf8) : foldedWords(text);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(words, 1, words.length - 1);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * The words of ASCII text, lower-cased, each after one space (so from index 1). NFKC and root lower-casing leave
     * ASCII as it is apart from A-Z, so most news takes this path: a third of the deduplicator's cost per article was
     * the general path's code points and character classes. The digest is the same either way.
     */
    private static byte[] asciiWords(byte[] ascii) {
        byte[] out = new byte[ascii.length + 1];
        int n = 0;
        boolean inWord = false;
        for (byte b : ascii) {
            int lower = b | 0x20;
            if (lower >= 'a' && lower <= 'z' || b >= '0' && b <= '9') {
                if (!inWord) {
                    out[n++] = ' ';
                    inWord = true;
                }
                out[n++] = (byte) (b >= 'A' ? lower : b);
            } else {
                inWord = false;
            }
        }
        return n == 0 ? new byte[1] : Arrays.copyOf(out, n);
    }

    /** The words of any text, NFKC-folded and lower-cased, as UTF-8, each after one space (so from index 1). */
    private static byte[] foldedWords(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
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
                if (!inWord) {
                    words[n++] = ' ';
                }
                n = putUtf8(cp, words, n);
                inWord = true;
            } else {
                inWord = false;
            }
        }
        return n == 0 ? new byte[1] : Arrays.copyOf(words, n);
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
