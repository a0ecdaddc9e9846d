package dev.parallax.core.dedup;

import java.util.Arrays;

/**
 * Open-addressing map from long keys to non-negative int values, without boxing: the exact-fingerprint index holds
 * one entry per article, and a boxed map would cost more than the entry's sketch.
 */
final class LongIntMap {
    private static final int ABSENT = -1;

    private long[] keys;
    private int[] values;
    private int size;

    LongIntMap() {
        keys = new long[16];
        values = new int[16];
        Arrays.fill(values, ABSENT);
    }

    /** The value for {@code key}, or -1. */
    int get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (values[i] == ABSENT) {
                return ABSENT;
            }
            if (keys[i] == key) {
                return values[i];
            }
        }
    }

    /** Sets {@code key} to {@code value} (>= 0) and returns the previous value, or -1. */
    int put(long key, int value) {
        if ((size + 1) * 4 > keys.length * 3) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (values[i] == ABSENT) {
                keys[i] = key;
                values[i] = value;
                size++;
                return ABSENT;
            }
            if (keys[i] == key) {
                int old = values[i];
                values[i] = value;
                return old;
            }
        }
    }

    long bytes() {
        return 8L * keys.length + 4L * values.length;
    }

    private static int slot(long key, int mask) {
        return (int) TextSketch.mix64(key) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(values, ABSENT);
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != ABSENT) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
