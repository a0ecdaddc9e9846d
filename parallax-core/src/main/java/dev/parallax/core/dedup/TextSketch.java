package dev.parallax.core.dedup;

import dev.parallax.core.text.TextFingerprint;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What the {@link Deduper} keeps of one text: its exact fingerprint, its distinct word-shingle count and a bottom-k
 * sketch of its shingle hashes (the k smallest, sorted; the whole set when it has at most k shingles). Bottom-k, not
 * the MinHash signature, is kept because it estimates containment as well as Jaccard: below a common threshold both
 * sketches hold every shingle of their texts, so the overlap there is a uniform sample of the true overlap.
 */
final class TextSketch {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    final long fingerprint;
    final int shingles;
    final int[] bottom;
    /** True when {@link #bottom} is the whole shingle set. */
    final boolean complete;

    private TextSketch(long fingerprint, int shingles, int[] bottom, boolean complete) {
        this.fingerprint = fingerprint;
        this.shingles = shingles;
        this.bottom = bottom;
        this.complete = complete;
    }

    /**
     * Sketches {@code text} and writes its MinHash signature (one value per permutation) into {@code signature}.
     *
     * <p>Cost, for a full-length article of about 380 shingles: the signature takes each permutation's minimum over the
     * shingles in its own loop, which the JIT vectorises (a third of the time of one loop over shingles updating all
     * 32 minima). A minimum needs no distinct values, so the shingles are made distinct only for the count and the
     * sketch: through a hash set, and the sketch values (31-bit ints) are then sorted, several times cheaper than
     * sorting the 64-bit shingles.
     */
    static TextSketch of(String text, int shingleWords, int sketchSize, long[] mul, long[] add, int[] signature) {
        long fingerprint = HexFormat.fromHexDigitsToLong(TextFingerprint.of(text), 0, 16);
        long[] shingles = shingles(tokenHashes(text), shingleWords);
        for (int p = 0; p < signature.length; p++) {
            long m = mul[p];
            long a = add[p];
            int min = Integer.MAX_VALUE;
            for (long x : shingles) {
                min = Math.min(min, (int) ((x * m + a) >>> 33));
            }
            signature[p] = min;
        }
        int[] values = distinctValues(shingles);
        int distinctShingles = values.length;
        // The sketch values are the shingles' top 31 bits: two distinct shingles rarely share them, but when they do
        // the sketch keeps the value once.
        Arrays.sort(values);
        int kept = 0;
        for (int i = 0; i < values.length && kept < sketchSize; i++) {
            if (kept == 0 || values[i] != values[kept - 1]) {
                values[kept++] = values[i];
            }
        }
        boolean complete = distinctShingles <= sketchSize;
        return new TextSketch(fingerprint, distinctShingles, Arrays.copyOf(values, kept), complete);
    }

    /** Hashes of the lower-cased letter-or-digit runs of {@code text}, in order. */
    static long[] tokenHashes(String text) {
        long[] tokens = new long[Math.max(16, text.length() / 5)];
        int n = 0;
        long h = FNV_OFFSET;
        boolean inToken = false;
        for (char c : text.toCharArray()) { // an array loop skips charAt's bounds checks
            // ASCII first, by arithmetic: the Character methods below give the same answers for it, more slowly.
            int lower = c | 0x20;
            boolean word = c < 0x80
                    ? lower >= 'a' && lower <= 'z' || c >= '0' && c <= '9'
                    : Character.isLetterOrDigit(c);
            if (word) {
                h = (h ^ (c < 0x80 ? (c >= 'A' ? lower : c) : Character.toLowerCase(c))) * FNV_PRIME;
                inToken = true;
            } else if (inToken) {
                if (n == tokens.length) {
                    tokens = Arrays.copyOf(tokens, n * 2);
                }
                tokens[n++] = h;
                h = FNV_OFFSET;
                inToken = false;
            }
        }
        if (inToken) {
            if (n == tokens.length) {
                tokens = Arrays.copyOf(tokens, n + 1);
            }
            tokens[n++] = h;
        }
        return Arrays.copyOf(tokens, n);
    }

    /** Hashes of the {@code w}-token windows, in text order (one window of all tokens when there are fewer). */
    static long[] shingles(long[] tokens, int w) {
        if (tokens.length == 0) {
            return tokens;
        }
        int width = Math.min(w, tokens.length);
        long[] out = new long[tokens.length - width + 1];
        for (int i = 0; i < out.length; i++) {
            long s = tokens[i];
            for (int j = 1; j < width; j++) {
                s = s * GOLDEN + tokens[i + j];
            }
            out[i] = mix64(s);
        }
        return out;
    }

    /**
     * The top 31 bits of each distinct shingle, in no order: one value per distinct 64-bit shingle (the array's length
     * is the distinct count). An open-addressing set at load at most a half; shingles are mixed, so their low bits
     * index it, and zero, its empty mark, is tracked apart.
     */
    static int[] distinctValues(long[] shingles) {
        int[] values = new int[shingles.length];
        int n = 0;
        long[] set = new long[Integer.highestOneBit(Math.max(1, shingles.length)) << 2];
        int mask = set.length - 1;
        boolean zero = false;
        for (long x : shingles) {
            if (x == 0) {
                if (!zero) {
                    zero = true;
                    values[n++] = 0;
                }
                continue;
            }
            int i = (int) x & mask;
            while (set[i] != 0 && set[i] != x) {
                i = (i + 1) & mask;
            }
            if (set[i] == 0) {
                set[i] = x;
                values[n++] = (int) (x >>> 33);
            }
        }
        return Arrays.copyOf(values, n);
    }

    /** MurmurHash3's 64-bit finaliser: spreads every input bit over the output. */
    static long mix64(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /**
     * Estimates {@code [jaccard, share of a in b, share of b in a]} from the two sketches. Below the lower of the two
     * sketch thresholds each sketch holds all of its text's shingles, so counts there sample the true sets. Only the
     * smaller text's share is taken from the sample; the overlap it implies, with both texts' exact shingle counts,
     * gives the larger text's share and Jaccard. A sampled share p has variance p(1-p)/n, so the smaller text's share
     * (the one nearer 1) is the precise one: a trimmed copy wholly inside its original samples to exactly 1, and the
     * original's share in it is then the exact size ratio rather than a second noisy estimate, which near the
     * near/contains boundary made a 70% trim look like a near copy.
     */
    static void compare(TextSketch a, TextSketch b, double[] out) {
        if (a.shingles == 0 || b.shingles == 0) {
            Arrays.fill(out, 0);
            return;
        }
        int limit = Math.min(a.threshold(), b.threshold());
        int[] x = a.bottom;
        int[] y = b.bottom;
        int i = 0;
        int j = 0;
        int na = 0;
        int nb = 0;
        int both = 0;
        while (i < x.length && j < y.length && (x[i] <= limit || y[j] <= limit)) {
            if (x[i] < y[j]) {
                if (x[i] <= limit) {
                    na++;
                }
                i++;
            } else if (x[i] > y[j]) {
                if (y[j] <= limit) {
                    nb++;
                }
                j++;
            } else {
                na++;
                nb++;
                both++;
                i++;
                j++;
            }
        }
        for (; i < x.length && x[i] <= limit; i++) {
            na++;
        }
        for (; j < y.length && y[j] <= limit; j++) {
            nb++;
        }
        boolean aSmaller = a.shingles <= b.shingles;
        int sampled = aSmaller ? na : nb;
        double overlap = sampled == 0 ? 0 : (double) both / sampled * (aSmaller ? a.shingles : b.shingles);
        out[0] = overlap / (a.shingles + b.shingles - overlap);
        out[1] = overlap / a.shingles;
        out[2] = overlap / b.shingles;
    }

    private int threshold() {
        return complete ? Integer.MAX_VALUE : bottom[bottom.length - 1];
    }
}
