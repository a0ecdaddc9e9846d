package dev.parallax.core.dedup;

/**
 * Parameters of the {@link Deduper}. {@link #DEFAULT} holds the values chosen by measurement (see {@link Deduper}).
 *
 * @param shingleWords words per shingle
 * @param bands LSH bands
 * @param rows MinHash values per band (permutations = bands * rows)
 * @param sketchSize shingle hashes kept per article for verification (bottom-k); the full set when it is smaller
 * @param nearJaccard estimated Jaccard at or above which two texts are near-duplicates
 * @param containment share of one text's shingles found in the other at or above which it is a part of the other
 * @param nearContainment when one text is a part of the other, the other's share at or above which the two are near
 *     copies rather than a part and a whole (a light edit drops and adds a little on both sides)
 * @param minShingles distinct shingles the smaller text needs before a near or containment link is made (shorter
 *     texts are linked only when exact): a two-line brief is too little evidence
 */
public record DedupConfig(int shingleWords, int bands, int rows, int sketchSize, double nearJaccard,
        double containment, double nearContainment, int minShingles) {
    public static final DedupConfig DEFAULT = new DedupConfig(4, 16, 2, 128, 0.5, 0.8, 0.75, 12);

    public DedupConfig {
        if (shingleWords < 1 || bands < 1 || rows < 1 || sketchSize < 8 || minShingles < 1) {
            throw new IllegalArgumentException("dedup config needs shingleWords, bands, rows, minShingles >= 1 and"
                    + " sketchSize >= 8, got " + shingleWords + ", " + bands + ", " + rows + ", " + minShingles
                    + ", " + sketchSize);
        }
        if (!(nearJaccard > 0 && nearJaccard <= 1 && containment > 0 && containment <= 1 && nearContainment > 0
                && nearContainment <= containment)) {
            throw new IllegalArgumentException("dedup thresholds must satisfy 0 < nearJaccard <= 1 and 0 <"
                    + " nearContainment <= containment <= 1, got " + nearJaccard + ", " + nearContainment + ", "
                    + containment);
        }
    }

    public int permutations() {
        return bands * rows;
    }
}
