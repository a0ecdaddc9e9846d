package dev.parallax.core.dedup;

import java.util.Arrays;

/**
 * Open-addressing map from int keys to non-negative int values, without boxing: the LSH band buckets hold one entry
 * per article and band, the largest part of the index. Band keys are 32-bit: a collision only adds a candidate, which
 * verification rejects.
 */
final class IntIntMap {
    private static final int ABSENT = -1;

    private int[] keys;
    private int[] values;
    private int size;

    IntIntMap() {
        keys = new int[16];
        values = new int[16];
        Arrays.fill(values, ABSENT);
    }

    /** The value for {@code key}, or -1. */
    int get(int key) {
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
    int put(int key, int value) {
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
        return 4L * keys.length + 4L * values.length;
    }

    private static int slot(int key, int mask) {
        return key & mask;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldValues = values;
        keys = new int[oldKeys.length * 2];
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
