package dev.parallax.core.dedup;

import dev.parallax.core.model.Article;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Online near-duplicate detection and syndication lineage. Articles are observed one at a time in arrival order; the
 * result depends only on that order.
 *
 * <p>Exact copies are found by {@code TextFingerprint}. Near copies: the text's word shingles are hashed once (64-bit,
 * Murmur3 finaliser) and permuted cheaply ({@code a*x+b} mod 2^64, top bits) into a MinHash signature, whose LSH bands
 * give candidates; each candidate is verified on bottom-k sketches that estimate Jaccard and containment both ways.
 * One text CONTAINS the other when the other's share found in it reaches {@link DedupConfig#containment} and its own
 * share in the other stays below {@link DedupConfig#nearContainment}; when both shares are that high the pair is NEAR,
 * and a symmetric edit that lowers both shares is still NEAR while Jaccard reaches {@link DedupConfig#nearJaccard}.
 *
 * <p>Lineage: an article that matches joins the family of its best match (exact, then higher Jaccard, then earlier
 * arrival); other matched families merge into it only when the article outranks their originals (see below). The family's original is its wire-credited member ({@link WireCredit}), else
 * its earliest published member, else its first arrival. When a newcomer outranks the original (an AP copy after an
 * uncredited reprint), every member is re-linked to it and the changed links are returned.
 *
 * <p>Containment candidates come from the same LSH (16 bands of 2 rows: a pair with Jaccard 0.5 becomes a candidate
 * with probability 0.99, 0.35 with 0.87, 0.25 with 0.65), so a local article may add up to about its wire copy's
 * length, and a trimmed copy may keep down to about 40% of it, before recall drops.
 *
 * <p>Rebuilding after a restart: observe the stored articles again in their stored arrival order; the links come out
 * the same.
 *
 * <h2>Parameters and the measurement behind them</h2>
 * Measured with {@code DedupTuning} (parallax-eval, test scope) on the synthetic syndication benchmark
 * ({@code DedupBenchmark}) made from BBC News and from the even-numbered half of Reuters-21578, seed 1; F1 per relation
 * (exact / near / contains / contained). Reported figures use the odd half with seed 2.
 * <ul>
 *   <li>Shingles of 4 words. BBC, 16x2 bands, k=128, both containment thresholds at 0.8: w=3
 *       1.000/1.000/.985/.996; w=4 1.000/.996/.985/.991; w=5 1.000/.983/.977/.989. Three-word shingles are as
 *       accurate but share more chance shingles between different articles (templates, boilerplate): over all of
 *       Reuters-21578 they verified 1.4 candidates per article against 0.5 for w=4 (0.3 for w=5), a load that grows
 *       with the index. Five-word shingles lose near copies (each substituted word breaks five).</li>
 *   <li>32 permutations as 16 bands x 2 rows. Verification decides, so LSH only has to propose: on BBC, contains F1
 *       was .865 (16x4), .945 (24x4), .968 (32x4), .970 (24x3), .983 (32x3), .985 (16x2), .987 (24x2). 16x2 matches
 *       the best with half the bands of 32x3 (bands dominate index memory) and a quarter of the permutations; it
 *       verified 0.5 candidates per article over all of Reuters-21578.</li>
 *   <li>Bottom-k sketch of 128 shingle hashes (512 bytes): near F1 on BBC .976 (k=64), .981 (96), .996 (128).</li>
 *   <li>containment 0.8 and nearContainment 0.75 (Reuters-even near/contains/contained F1): 0.8/0.8 .985/.986/.986,
 *       0.8/0.75 .996/.992/.991, 0.8/0.7 .963/.976/.971, 0.75/0.75 same as 0.8/0.75, 0.85/0.75 .995/.992/.991.
 *       On BBC 0.8/0.8 and 0.8/0.75 are within one pair of each other.</li>
 *   <li>nearJaccard 0.5: changes at most one pair on BBC (0.5 to 1.0); kept for symmetric rewrites.</li>
 *   <li>minShingles 12: not measurable on these sets (no benchmark text is that short); below it a text is only
 *       linked when exact, because a few shared shingles of a brief are weak evidence.</li>
 * </ul>
 * The grid above was measured with shares sampled independently from the sketches; the verifier now derives the
 * larger text's share from the smaller one's and the exact shingle counts ({@code TextSketch.compare}), with the same
 * thresholds. Result with these defaults on the odd half of Reuters-21578, seed 2 (not used for tuning), pair-level
 * P/R: exact 1.000/1.000, near 1.000/1.000, contains 1.000/.995, contained 1.000/.995 (before that change: near
 * .997/.997, contains 1.000/.992, contained .998/.995); every group of identical bodies in Reuters-21578 (247) and
 * BBC News (133) becomes one family of EXACT links.
 *
 * <p>Index memory, counted by {@link #bytesPerArticle()}: 861 bytes per article over Reuters-21578 (short wire items:
 * small sketches, but array slack at 19,043 documents), 1,041 over BBC News (2,225 documents, mostly slack); at a
 * million BBC-length documents ({@code parallax bench dedup --scale}, docs/dedup-results.md) the sketch (about 560
 * bytes) and the 16 band entries (about 190) dominate.
 */
public final class Deduper {
    private static final int NONE = -1;
    private static final long UNKNOWN_TIME = Long.MAX_VALUE;

    private final DedupConfig config;
    private final long[] mul;
    private final long[] add;
    private final int[] signature;
    private final double[] scores = new double[3];

    /** Documents by the hash of their id. */
    private final HashChains byId = new HashChains();
    /** First documents of each exact text, by the low bits of the fingerprint. */
    private final HashChains exact = new HashChains();
    /** LSH bands: entry {@code doc * bands + b} under the key of band b of the document's signature. */
    private final HashChains buckets = new HashChains();

    private int count;
    private String[] ids = new String[0];
    private TextSketch[] sketches = new TextSketch[0];
    private long[] published = new long[0];
    private boolean[] credited = new boolean[0];
    private int[] root = new int[0];
    private int[] familyHead = new int[0];
    private int[] familyNext = new int[0];
    private int[] familyLast = new int[0];
    private byte[] relation = new byte[0];
    private float[] jaccard = new float[0];
    private float[] containment = new float[0];
    private int[] seen = new int[0];
    private long verified;
    /** Verified candidates of the article being observed. */
    private int[] matches = new int[16];
    private int matchCount;

    public Deduper() {
        this(DedupConfig.DEFAULT);
    }

    public Deduper(DedupConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        int k = config.permutations();
        mul = new long[k];
        add = new long[k];
        // Fixed seed: signatures, hence results, must be the same in every run.
        SplittableRandom random = new SplittableRandom(0x5eed_dedbL);
        for (int p = 0; p < k; p++) {
            mul[p] = random.nextLong() | 1L;
            add[p] = random.nextLong();
        }
        signature = new int[k];
    }

    public DedupConfig config() {
        return config;
    }

    /**
     * Records {@code article} and decides whether it duplicates one seen before.
     *
     * @throws IllegalArgumentException when an article with the same id was observed already
     */
    public Observation observe(Article article) {
        if (docOf(article.id()) != NONE) {
            throw new IllegalArgumentException("article " + article.id() + " was already given to the deduplicator");
        }
        TextSketch sketch = TextSketch.of(article.text(), config.shingleWords(), config.sketchSize(), mul, add,
                signature);
        int doc = append(article, sketch);

        matchCount = 0;
        int match = exactCopyOf(sketch.fingerprint);
        if (match == NONE) {
            exact.add(doc, (int) sketch.fingerprint);
            if (sketch.shingles >= config.minShingles()) {
                match = bestCandidate(doc);
                index(doc);
            }
        } else {
            sketches[doc] = sketches[match]; // same words, same shingles: share the sketch
        }
        if (match == NONE) {
            return new Observation(Optional.empty(), List.of());
        }
        int original = root[match];
        join(doc, original);
        List<DuplicateLink> relinked = new ArrayList<>();
        if (outranks(doc, original)) {
            familyHead[doc] = familyHead[original];
            familyLast[doc] = familyLast[original];
            for (int m = familyHead[doc]; m != NONE; m = familyNext[m]) {
                root[m] = doc;
            }
            for (int m = familyHead[doc]; m != NONE; m = familyNext[m]) {
                if (m != doc) {
                    relate(m, doc);
                    relinked.add(link(m));
                }
            }
            relation[doc] = NONE;
        } else {
            relate(doc, original);
        }
        // A late original (published first, arriving after its copies) may match copies that never matched each
        // other, such as two local articles around the same wire copy: it gathers their families under its own.
        // A later article that merely matches two families (one embedding two wire stories) merges nothing.
        for (int i = 0; i < matchCount; i++) {
            int other = root[matches[i]];
            if (other != root[doc] && outranks(doc, other)) {
                merge(other, root[doc], relinked);
            }
        }
        return new Observation(root[doc] == doc ? Optional.empty() : Optional.of(link(doc)), relinked);
    }

    /** The link of an observed article to its family original, or empty when it is an original (or unknown). */
    public Optional<DuplicateLink> linkOf(String articleId) {
        int doc = docOf(articleId);
        return doc == NONE || root[doc] == doc ? Optional.empty() : Optional.of(link(doc));
    }

    /** The family an observed article belongs to (a family of one when it has no duplicates). */
    public Family familyOf(String articleId) {
        int doc = docOf(articleId);
        if (doc == NONE) {
            throw new IllegalArgumentException("article " + articleId + " was not given to the deduplicator");
        }
        int original = root[doc];
        int[] members = new int[8];
        int n = 0;
        for (int m = familyHead[original]; m != NONE; m = familyNext[m]) {
            if (m != original) {
                members = n == members.length ? Arrays.copyOf(members, n * 2) : members;
                members[n++] = m;
            }
        }
        Arrays.sort(members, 0, n); // merged families are appended, so restore arrival order
        List<DuplicateLink> copies = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            copies.add(link(members[i]));
        }
        return new Family(ids[original], copies);
    }

    /** Every current link, in the copies' arrival order. */
    public List<DuplicateLink> links() {
        List<DuplicateLink> out = new ArrayList<>();
        for (int d = 0; d < count; d++) {
            if (root[d] != d) {
                out.add(link(d));
            }
        }
        return out;
    }

    public int size() {
        return count;
    }

    /** LSH candidates verified on sketches so far: the query cost that grows with the index. */
    public long candidatesVerified() {
        return verified;
    }

    /**
     * Bytes held by the index per observed article, counted from the arrays and sketches it allocates (object headers
     * at 16 bytes, references at 4), without the article ids, which the store holds anyway.
     */
    public double bytesPerArticle() {
        if (count == 0) {
            return 0;
        }
        long bytes = byId.bytes() + exact.bytes() + buckets.bytes();
        int slots = ids.length;
        // ids, sketches (references), published, credited, root, family head/next/last, relation, jaccard,
        // containment, seen
        bytes += (long) slots * (4 + 4 + 8 + 1 + 4 + 4 + 4 + 4 + 1 + 4 + 4 + 4);
        TextSketch last = null;
        for (int d = 0; d < count; d++) {
            if (sketches[d] != last) {
                bytes += 16 + 8 + 4 + 4 + 1 + 16 + 4L * sketches[d].bottom.length;
            }
            last = sketches[d];
        }
        return (double) bytes / count;
    }

    private int append(Article article, TextSketch sketch) {
        if (count == ids.length) {
            int n = Math.max(64, count * 2);
            ids = Arrays.copyOf(ids, n);
            sketches = Arrays.copyOf(sketches, n);
            published = Arrays.copyOf(published, n);
            credited = Arrays.copyOf(credited, n);
            root = Arrays.copyOf(root, n);
            familyHead = Arrays.copyOf(familyHead, n);
            familyNext = Arrays.copyOf(familyNext, n);
            familyLast = Arrays.copyOf(familyLast, n);
            relation = Arrays.copyOf(relation, n);
            jaccard = Arrays.copyOf(jaccard, n);
            containment = Arrays.copyOf(containment, n);
            seen = Arrays.copyOf(seen, n);
            byId.reserve(n);
            exact.reserve(n);
            buckets.reserve(n * config.bands());
        }
        int doc = count++;
        ids[doc] = article.id();
        sketches[doc] = sketch;
        published[doc] = article.published() == null ? UNKNOWN_TIME : article.published().instant().getEpochSecond();
        credited[doc] = WireCredit.of(article).isPresent();
        root[doc] = doc;
        familyHead[doc] = doc;
        familyNext[doc] = NONE;
        familyLast[doc] = doc;
        relation[doc] = NONE;
        seen[doc] = NONE;
        byId.add(doc, idKey(article.id()));
        return doc;
    }

    private int docOf(String id) {
        int d = byId.first(idKey(id));
        while (d != NONE && !ids[d].equals(id)) {
            d = byId.next(d);
        }
        return d;
    }

    private static int idKey(String id) {
        return (int) TextSketch.mix64(id.hashCode());
    }

    /** The first document with this fingerprint (its low 32 bits are the key), or -1. */
    private int exactCopyOf(long fingerprint) {
        int d = exact.first((int) fingerprint);
        while (d != NONE && sketches[d].fingerprint != fingerprint) {
            d = exact.next(d);
        }
        return d;
    }

    /** The best verified LSH candidate for {@code doc}, or -1. */
    private int bestCandidate(int doc) {
        int best = NONE;
        double bestScore = 0;
        int bands = config.bands();
        for (int b = 0; b < bands; b++) {
            for (int e = buckets.first(bandKey(b)); e != NONE; e = buckets.next(e)) {
                int candidate = e / bands;
                if (seen[candidate] == doc) {
                    continue;
                }
                seen[candidate] = doc;
                verified++;
                TextSketch other = sketches[candidate];
                if (other.shingles < config.minShingles()) {
                    continue;
                }
                TextSketch.compare(sketches[doc], other, scores);
                if (classify(scores[0], scores[1], scores[2]) == null) {
                    continue;
                }
                if (matchCount == matches.length) {
                    matches = Arrays.copyOf(matches, matchCount * 2);
                }
                matches[matchCount++] = candidate;
                double score = Math.max(scores[0], Math.max(scores[1], scores[2])) + scores[0];
                if (score > bestScore || score == bestScore && candidate < best) {
                    best = candidate;
                    bestScore = score;
                }
            }
        }
        return best;
    }

    private void index(int doc) {
        int bands = config.bands();
        for (int b = 0; b < bands; b++) {
            buckets.add(doc * bands + b, bandKey(b));
        }
    }

    /** Key of band {@code b} of the current signature (already mixed, so its low bits index the table). */
    private int bandKey(int b) {
        int rows = config.rows();
        long h = b;
        for (int r = b * rows, end = r + rows; r < end; r++) {
            h = h * 0x9E3779B97F4A7C15L + signature[r];
        }
        return (int) TextSketch.mix64(h);
    }

    /**
     * NEAR, CONTAINS (a holds b), CONTAINED (a is held by b), or null when the scores make no duplicate. Containment
     * decides first: when one text's share in the other reaches {@link DedupConfig#containment} it is a part of the
     * other, unless the other's share reaches {@link DedupConfig#nearContainment} too (then both are near copies); a
     * symmetric edit that lowers both shares (word substitutions, reordering) is still near while Jaccard stays high.
     */
    private Relation classify(double j, double aInB, double bInA) {
        double c = config.containment();
        double near = config.nearContainment();
        if (aInB >= c && bInA >= near || bInA >= c && aInB >= near) {
            return Relation.NEAR;
        }
        if (bInA >= c) {
            return Relation.CONTAINS;
        }
        if (aInB >= c) {
            return Relation.CONTAINED;
        }
        return j >= config.nearJaccard() ? Relation.NEAR : null;
    }

    /** Sets the relation of {@code copy} to {@code original} from their sketches. */
    private void relate(int copy, int original) {
        TextSketch c = sketches[copy];
        TextSketch o = sketches[original];
        if (c.fingerprint == o.fingerprint) {
            relation[copy] = (byte) Relation.EXACT.ordinal();
            jaccard[copy] = 1;
            containment[copy] = 1;
            return;
        }
        TextSketch.compare(c, o, scores);
        Relation r = classify(scores[0], scores[1], scores[2]);
        if (r == null) {
            // Joined through another member and weakly related to this original: say which way the overlap leans.
            r = scores[2] >= scores[1] ? Relation.CONTAINS : Relation.CONTAINED;
        }
        relation[copy] = (byte) r.ordinal();
        jaccard[copy] = (float) scores[0];
        containment[copy] = (float) (c.shingles <= o.shingles ? scores[1] : scores[2]);
    }

    private void join(int doc, int original) {
        int last = familyLast[original];
        familyNext[last] = doc;
        familyLast[original] = doc;
        root[doc] = original;
    }

    /** Moves every member of the family of {@code from} into the family of {@code to}, relating each to {@code to}. */
    private void merge(int from, int to, List<DuplicateLink> relinked) {
        for (int m = familyHead[from]; m != NONE; m = familyNext[m]) {
            root[m] = to;
            relate(m, to);
            relinked.add(link(m));
        }
        familyNext[familyLast[to]] = familyHead[from];
        familyLast[to] = familyLast[from];
    }

    /** Wire-credited first, then earlier publication; ties keep the incumbent (earlier arrival). */
    private boolean outranks(int doc, int incumbent) {
        if (credited[doc] != credited[incumbent]) {
            return credited[doc];
        }
        return published[doc] < published[incumbent];
    }

    private DuplicateLink link(int doc) {
        return new DuplicateLink(ids[doc], ids[root[doc]], Relation.values()[relation[doc]], jaccard[doc],
                containment[doc]);
    }
}
