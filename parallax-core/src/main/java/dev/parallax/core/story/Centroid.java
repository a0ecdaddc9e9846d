package dev.parallax.core.story;

import java.util.Arrays;

/**
 * The running sum of a story's unit vectors, in an open-addressing map from term id to weight, with its squared norm
 * kept up to date so a cosine costs one lookup per term of the article. Once it holds more than twice {@code cap}
 * terms it keeps only the {@code cap} heaviest: a long story's tail of rare words barely moves a cosine but would
 * make every lookup and the memory grow without bound.
 */
final class Centroid {
    private final int cap;
    private int[] keys = new int[16]; // term id + 1; 0 marks an empty slot
    private float[] values = new float[16];
    private int size;
    private double squaredNorm;

    Centroid(int cap) {
        this.cap = cap;
    }

    /** @return whether it pruned */
    boolean add(SparseVector v) {
        // |s + v|² = |s|² + 2 s·v + |v|², the dot taken before s changes
        squaredNorm += 2 * dot(v);
        float[] w = v.weights();
        int[] ids = v.ids();
        for (int i = 0; i < ids.length; i++) {
            squaredNorm += (double) w[i] * w[i];
            put(ids[i], w[i]);
        }
        if (size > 2 * cap) {
            prune();
            return true;
        }
        return false;
    }

    /** Adds another story's sum (a merge), pruning as {@link #add} does. */
    void addAll(Centroid other) {
        for (int i = 0; i < other.keys.length; i++) {
            if (other.keys[i] != 0) {
                put(other.keys[i] - 1, other.values[i]);
            }
        }
        squaredNorm = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                squaredNorm += (double) values[i] * values[i];
            }
        }
        if (size > 2 * cap) {
            prune();
        }
    }

    /** Cosine with a unit vector. */
    double cosine(SparseVector unit) {
        return squaredNorm <= 0 ? 0 : dot(unit) / Math.sqrt(squaredNorm);
    }

    private double dot(SparseVector v) {
        double d = 0;
        int[] ids = v.ids();
        float[] w = v.weights();
        for (int i = 0; i < ids.length; i++) {
            d += get(ids[i]) * w[i];
        }
        return d;
    }

    private float get(int id) {
        int mask = keys.length - 1;
        for (int slot = mix(id) & mask; ; slot = (slot + 1) & mask) {
            int k = keys[slot];
            if (k == id + 1) {
                return values[slot];
            }
            if (k == 0) {
                return 0;
            }
        }
    }

    private void put(int id, float delta) {
        if (2 * (size + 1) > keys.length) {
            rehash(keys.length * 2);
        }
        int mask = keys.length - 1;
        for (int slot = mix(id) & mask; ; slot = (slot + 1) & mask) {
            int k = keys[slot];
            if (k == id + 1) {
                values[slot] += delta;
                return;
            }
            if (k == 0) {
                keys[slot] = id + 1;
                values[slot] = delta;
                size++;
                return;
            }
        }
    }

    private void rehash(int capacity) {
        int[] oldKeys = keys;
        float[] oldValues = values;
        keys = new int[capacity];
        values = new float[capacity];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                put(oldKeys[i] - 1, oldValues[i]);
            }
        }
    }

    /** Keeps the {@code cap} heaviest terms (ties: the lower id) and recomputes the norm. */
    private void prune() {
        long[] packed = new long[size];
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                // weights are positive, so their float bits sort like the weights; the id breaks ties
                packed[n++] = ((long) Float.floatToIntBits(values[i]) << 32) | (0xffffffffL & ~(keys[i] - 1));
            }
        }
        Arrays.sort(packed);
        keys = new int[Integer.highestOneBit(cap * 4)];
        values = new float[keys.length];
        size = 0;
        squaredNorm = 0;
        for (int i = n - 1; i >= n - cap; i--) {
            int id = ~(int) packed[i];
            float w = Float.intBitsToFloat((int) (packed[i] >>> 32));
            put(id, w);
            squaredNorm += (double) w * w;
        }
    }

    private static int mix(int id) {
        int h = id * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
