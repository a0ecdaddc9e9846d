package dev.parallax.core.dedup;

import java.util.Arrays;

/**
 * Chained hash table from 32-bit keys to entries (non-negative ints that the caller numbers, each added once): a head
 * per slot, and per entry its key and the entry added before it to the same slot. Walking a key gives its entries
 * latest first. The three indexes of the {@link Deduper} have this shape: LSH band key to (document, band) entries, the
 * exact fingerprint's low bits to documents, an id's hash to documents; where 32 bits can collide (fingerprints, ids)
 * the caller confirms each entry against what it keeps per document.
 *
 * <p>Memory: 8 bytes an entry plus a 4-byte head per slot at a load of 0.5 to 1, so 12 to 16 bytes an entry. An
 * open-addressing map keeps key and value per slot at a load of at most 0.75, and the band index needs a chain link
 * per entry besides: 16 to 29 bytes an entry, which at a million documents of 16 bands was a quarter of the index.
 * Keys must already be well mixed: the slot is the key's low bits.
 */
final class HashChains {
    private static final int NONE = -1;

    private int[] heads = filled(16);
    private int[] keys = new int[0];
    private int[] previous = new int[0];
    private int size;

    /** Adds {@code entry} (not added before) under {@code key}. */
    void add(int entry, int key) {
        if (entry >= keys.length) {
            int n = Math.max(Math.max(16, entry + 1), keys.length + (keys.length >> 1));
            keys = Arrays.copyOf(keys, n);
            previous = Arrays.copyOf(previous, n);
        }
        if (size == heads.length) {
            rehash();
        }
        int slot = key & (heads.length - 1);
        keys[entry] = key;
        previous[entry] = heads[slot];
        heads[slot] = entry;
        size++;
    }

    /** The latest entry added under {@code key}, or -1. */
    int first(int key) {
        int e = heads[key & (heads.length - 1)];
        while (e != NONE && keys[e] != key) {
            e = previous[e];
        }
        return e;
    }

    /** The entry added under the same key before {@code entry}, or -1. */
    int next(int entry) {
        int key = keys[entry];
        int e = previous[entry];
        while (e != NONE && keys[e] != key) {
            e = previous[e];
        }
        return e;
    }

    /** Entries that can be added before the entry arrays grow; callers that know their final size set it once. */
    void reserve(int entries) {
        if (entries > keys.length) {
            keys = Arrays.copyOf(keys, entries);
            previous = Arrays.copyOf(previous, entries);
        }
    }

    long bytes() {
        return 4L * heads.length + 4L * keys.length + 4L * previous.length;
    }

    /**
     * Doubles the heads. Slot s splits into s and s + old length by one more key bit; each chain is walked latest first
     * and its entries appended to the tail of their new chain, so every chain keeps its order.
     */
    private void rehash() {
        int old = heads.length;
        int[] grown = filled(old * 2);
        for (int s = 0; s < old; s++) {
            int lowTail = NONE;
            int highTail = NONE;
            for (int e = heads[s]; e != NONE; ) {
                int after = previous[e];
                previous[e] = NONE;
                if ((keys[e] & old) == 0) {
                    if (lowTail == NONE) {
                        grown[s] = e;
                    } else {
                        previous[lowTail] = e;
                    }
                    lowTail = e;
                } else {
                    if (highTail == NONE) {
                        grown[s + old] = e;
                    } else {
                        previous[highTail] = e;
                    }
                    highTail = e;
                }
                e = after;
            }
        }
        heads = grown;
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, NONE);
        return a;
    }
}
