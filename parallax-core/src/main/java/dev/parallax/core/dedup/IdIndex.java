package dev.parallax.core.dedup;

import java.util.Arrays;

/**
 * Article id to document number, as an open-addressing table of document numbers probed by the id's hash and
 * confirmed against the ids the Deduper keeps anyway: 4 bytes a slot (8 to 16 a document) where a
 * {@code HashMap<String, Integer>} costs about 52 (node, boxed value, table slot).
 */
final class IdIndex {
    private static final int EMPTY = -1;

    private int[] slots = filled(64);
    private int size;

    /** The document with this id among {@code ids}, or -1. */
    int get(String id, String[] ids) {
        int mask = slots.length - 1;
        for (int i = slot(id, mask); ; i = (i + 1) & mask) {
            int doc = slots[i];
            if (doc == EMPTY || ids[doc].equals(id)) {
                return doc;
            }
        }
    }

    /** Adds {@code doc}, whose id {@code ids[doc]} is not in the table yet. */
    void add(int doc, String[] ids) {
        if ((size + 1) * 2 > slots.length) {
            int[] old = slots;
            slots = filled(old.length * 2);
            for (int d : old) {
                if (d != EMPTY) {
                    insert(d, ids);
                }
            }
        }
        insert(doc, ids);
        size++;
    }

    long bytes() {
        return 4L * slots.length;
    }

    private void insert(int doc, String[] ids) {
        int mask = slots.length - 1;
        int i = slot(ids[doc], mask);
        while (slots[i] != EMPTY) {
            i = (i + 1) & mask;
        }
        slots[i] = doc;
    }

    private static int slot(String id, int mask) {
        return (int) TextSketch.mix64(id.hashCode()) & mask;
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, EMPTY);
        return a;
    }
}
