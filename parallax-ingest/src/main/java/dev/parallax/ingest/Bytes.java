package dev.parallax.ingest;

import dev.parallax.core.model.InvalidArticleException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Checks that turn raw bytes into article text or a one-line reason: NUL bytes, a UTF-8 byte-order mark, strict
 * UTF-8. Offsets in messages are byte offsets into the file (the decompressed stream for gzip), so a person can find
 * the spot with {@code xxd -s}.
 */
final class Bytes {
    private Bytes() {
    }

    /** Length of a UTF-8 byte-order mark at {@code off}: 3 or 0. A BOM is legal but carries no text. */
    static int bomLength(byte[] b, int off, int len) {
        return len >= 3 && b[off] == (byte) 0xEF && b[off + 1] == (byte) 0xBB && b[off + 2] == (byte) 0xBF ? 3 : 0;
    }

    /** Index of the first NUL byte in the range, or -1. No text format we read contains one; binary files do. */
    static int indexOfNul(byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Why bytes holding a NUL at {@code nul} are no text we read, naming what they are where the start says so: text
     * in UTF-16 (what Windows tools call "Unicode"), or a compressed file, image or document under the wrong name.
     *
     * @param head the first bytes of the file (its decompressed stream for gzip)
     */
    static String binary(byte[] head, int len, long nul) {
        return binary(head, len, nul, "file", "*.jsonl.gz");
    }

    /**
     * As {@link #binary(byte[], int, long)} for a {@code noun} ("file", "response"), suggesting {@code gzName} for
     * gzip, or nothing when it is null.
     */
    static String binary(byte[] head, int len, long nul, String noun, String gzName) {
        String at = " (NUL byte at byte offset " + nul + ")";
        if (utf16Marked(head, len) || utf16WithoutMark(head, len)) {
            return "UTF-16 text" + at + ": articles must be UTF-8; convert it, e.g. iconv -f UTF-16 -t UTF-8";
        }
        String what = starts(head, len, 0x1F, 0x8B) ? "gzip-compressed" + (gzName == null ? "" : "; name it " + gzName)
                : starts(head, len, 0x89, 'P', 'N', 'G') ? "a PNG image"
                : starts(head, len, 0xFF, 0xD8, 0xFF) ? "a JPEG image"
                : starts(head, len, 'G', 'I', 'F', '8') ? "a GIF image"
                : starts(head, len, '%', 'P', 'D', 'F') ? "a PDF document"
                : starts(head, len, 'P', 'K', 3, 4) ? "a ZIP archive"
                : null;
        return "binary " + noun + at + (what == null ? "" : ": " + what);
    }

    /** True when the bytes start with a UTF-16 byte-order mark. */
    static boolean utf16Marked(byte[] head, int len) {
        return starts(head, len, 0xFF, 0xFE) || starts(head, len, 0xFE, 0xFF);
    }

    private static boolean starts(byte[] b, int len, int... magic) {
        if (len < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((b[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** ASCII in UTF-16 without a byte-order mark: every other byte of the first ones NUL, the others not. */
    private static boolean utf16WithoutMark(byte[] b, int len) {
        int n = Math.min(len, 64) & ~1;
        if (n < 8) {
            return false;
        }
        for (int parity = 0; parity < 2; parity++) {
            boolean all = true;
            for (int i = 0; i < n && all; i += 2) {
                all = b[i + parity] == 0 && b[i + 1 - parity] != 0;
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    /**
     * A strict UTF-8 decoder; the JDK's default replaces bad bytes with U+FFFD silently, which would hide a wrongly
     * encoded file. Not thread-safe: one per read.
     */
    static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * Decodes {@code len} bytes at {@code off}.
     *
     * @param fileOffset where {@code b[off]} sits in the file, for the message
     * @throws InvalidArticleException naming the byte offset of the first invalid sequence
     */
    static String decode(CharsetDecoder decoder, byte[] b, int off, int len, long fileOffset) {
        ByteBuffer in = ByteBuffer.wrap(b, off, len);
        CharBuffer out = CharBuffer.allocate(len); // UTF-8 never yields more chars than bytes
        decoder.reset();
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new InvalidArticleException("invalid UTF-8 at byte offset " + (fileOffset + in.position() - off));
        }
        return out.flip().toString();
    }

    /** Bytes {@code s} takes in UTF-8, without encoding it. */
    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /**
     * True when {@code s} has no visible character. Unlike {@link String#isBlank()} this counts no-break spaces
     * (U+00A0, U+202F) as blank: a body of them is as empty as one of plain spaces.
     */
    static boolean blank(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                return false;
            }
        }
        return true;
    }

    static InvalidArticleException tooLarge(String what, long bytes) {
        return new InvalidArticleException(String.format(Locale.ROOT, "%s is larger than the %d MiB limit (%,d bytes)",
                what, Sources.MAX_DOCUMENT_BYTES >> 20, bytes));
    }
}
