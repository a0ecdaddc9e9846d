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
