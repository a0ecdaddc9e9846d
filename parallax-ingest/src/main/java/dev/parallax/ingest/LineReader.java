package dev.parallax.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream at {@code '\n'} without decoding, so that a bad line can be reported by byte offset and a line
 * longer than the limit is skipped without ever being held in memory. A trailing {@code '\r'} is dropped.
 */
final class LineReader {
    private final InputStream in;
    private final int maxLine;
    private final byte[] chunk = new byte[64 * 1024];
    private int pos;
    private int limit;
    private long consumed; // bytes of the stream before chunk[0]

    private byte[] line = new byte[8 * 1024];
    private int length;
    private long lineLength;
    private long start;
    private int number;

    LineReader(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    /** Advances to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        length = 0;
        lineLength = 0;
        start = consumed + pos;
        boolean any = false;
        while (true) {
            if (pos == limit && !fill()) {
                if (!any) {
                    return false;
                }
                break;
            }
            any = true;
            int nl = indexOf('\n', chunk, pos, limit);
            int end = nl < 0 ? limit : nl;
            append(pos, end - pos);
            pos = nl < 0 ? limit : nl + 1;
            if (nl >= 0) {
                break;
            }
        }
        number++;
        if (!tooLong() && length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return true;
    }

    private boolean fill() throws IOException {
        consumed += limit;
        pos = 0;
        limit = Math.max(0, in.read(chunk));
        return limit > 0;
    }

    private void append(int from, int n) {
        lineLength += n;
        if (lineLength > maxLine) {
            return;
        }
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLine, Math.max(length + n, line.length * 2)));
        }
        System.arraycopy(chunk, from, line, length, n);
        length += n;
    }

    private static int indexOf(char c, byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The line's bytes, valid up to {@link #length()} until the next call to {@link #next()}. */
    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    /** True when the line exceeded the limit; its bytes were then not kept. */
    boolean tooLong() {
        return lineLength > maxLine;
    }

    /** The line's full length in bytes, including any part that was not kept. */
    long fullLength() {
        return lineLength;
    }

    /** Byte offset of the line's first byte in the stream. */
    long offset() {
        return start;
    }

    /** 1-based number of the current line. */
    int number() {
        return number;
    }
}
