package dev.parallax.core.story;

/**
 * A unit TF-IDF vector: term ids in ascending order with their weights. Empty when the text had no terms.
 */
record SparseVector(int[] ids, float[] weights) {
    static final SparseVector EMPTY = new SparseVector(new int[0], new float[0]);

    boolean isEmpty() {
        return ids.length == 0;
    }
}
