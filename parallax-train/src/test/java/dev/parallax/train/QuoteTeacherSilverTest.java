package dev.parallax.train;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The silver writer's subsets: FILE@N+R are the N residues of FILE@1-in-N over the attributing texts, so FILE@8 and
 * FILE@8+4 split FILE@4 and FILE@16 lies inside FILE@8 (how round h41's silver contains round 7's).
 */
class QuoteTeacherSilverTest {

    /** 100 texts: every third without a cue word or quotation mark, one blank. */
    private static List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            texts.add(i == 50 ? " " : i % 3 == 0 ? "Shares of company " + i + " rose." : "Company " + i + " said so.");
        }
        return texts;
    }

    private static List<Integer> taken(String spec) {
        QuoteTeacherSilver.Selection s = QuoteTeacherSilver.Selection.parse(spec);
        List<String> texts = texts();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (s.take(texts.get(i))) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void subsetsNestAndSplit() {
        assertThat(taken("f.jsonl")).hasSize(99).doesNotContain(50).isEqualTo(taken("f.jsonl@1"));
        List<Integer> attributing = new ArrayList<>();
        for (int i = 0; i < texts().size(); i++) {
            if (!texts().get(i).isBlank() && QuoteTeacherSilver.attributes(texts().get(i))) {
                attributing.add(i);
            }
        }
        assertThat(attributing).hasSize(65).allMatch(i -> i % 3 != 0);
        List<Integer> four = taken("f.jsonl@4");
        List<Integer> eight = taken("f.jsonl@8");
        List<Integer> eightPlusFour = taken("f.jsonl@8+4");
        assertThat(four).hasSize(17).containsExactlyElementsOf(attributing.stream()
                .filter(i -> attributing.indexOf(i) % 4 == 0).toList());
        assertThat(eight).doesNotContainAnyElementsOf(eightPlusFour);
        List<Integer> union = new ArrayList<>(eight);
        union.addAll(eightPlusFour);
        assertThat(union).containsExactlyInAnyOrderElementsOf(four);
        assertThat(eight).containsAll(taken("f.jsonl@16"));
        assertThat(QuoteTeacherSilver.Selection.parse("dir@x/f.jsonl@3").file().toString()).isEqualTo("dir@x/f.jsonl");
    }

    @Test
    void badSubsetsAreRefused() {
        assertThatThrownBy(() -> QuoteTeacherSilver.Selection.parse("f.jsonl@8+8"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 <= R < N");
        assertThatThrownBy(() -> QuoteTeacherSilver.Selection.parse("f.jsonl@0"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
