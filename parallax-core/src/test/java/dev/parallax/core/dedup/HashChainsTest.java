package dev.parallax.core.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HashChainsTest {
    /** The entries of {@code key}, walked as the Deduper walks them. */
    private static List<Integer> walk(HashChains chains, int key) {
        List<Integer> out = new ArrayList<>();
        for (int e = chains.first(key); e != -1; e = chains.next(e)) {
            out.add(e);
        }
        return out;
    }

    @Test
    void walksEveryKeysEntriesLatestFirstThroughGrowth() {
        HashChains chains = new HashChains();
        Map<Integer, List<Integer>> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        // Keys that share low bits (same slot while the table is small) and repeat (several entries a key), with gaps
        // in the entry numbers as the band index leaves them; 100,000 entries make the heads double many times.
        int entry = 0;
        for (int i = 0; i < 100_000; i++) {
            int key = random.nextInt(20_000) << random.nextInt(12);
            entry += 1 + random.nextInt(3);
            chains.add(entry, key);
            expected.computeIfAbsent(key, k -> new ArrayList<>()).add(0, entry);
            if (i % 9_973 == 0) {
                for (Map.Entry<Integer, List<Integer>> e : expected.entrySet()) {
                    assertThat(walk(chains, e.getKey())).isEqualTo(e.getValue());
                }
            }
        }
        for (Map.Entry<Integer, List<Integer>> e : expected.entrySet()) {
            assertThat(walk(chains, e.getKey())).isEqualTo(e.getValue());
        }
        for (int i = 0; i < 1_000; i++) {
            int absent = random.nextInt();
            if (!expected.containsKey(absent)) {
                assertThat(chains.first(absent)).isEqualTo(-1);
            }
        }
    }

    @Test
    void reservedEntriesKeepTheirKeys() {
        HashChains chains = new HashChains();
        chains.reserve(1_000);
        chains.add(999, -5);
        chains.add(3, -5);
        chains.add(0, 0);
        assertThat(walk(chains, -5)).containsExactly(3, 999);
        assertThat(walk(chains, 0)).containsExactly(0);
        assertThat(chains.bytes()).isEqualTo(4L * 16 + 8L * 1_000);
    }
}
