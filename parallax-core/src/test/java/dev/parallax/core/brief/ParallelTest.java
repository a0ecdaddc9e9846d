package dev.parallax.core.brief;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void runsEveryStepOnceAndNamesItsCost() {
        AtomicIntegerArray runs = new AtomicIntegerArray(7);
        List<Parallel.Step> steps = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            int at = i;
            steps.add(new Parallel.Step("step" + i, () -> runs.incrementAndGet(at)));
        }
        Parallel.Cost cost = Parallel.run(steps);
        for (int i = 0; i < 7; i++) {
            assertThat(runs.get(i)).as("step %d", i).isEqualTo(1);
        }
        assertThat(cost.names()).containsExactly("step0", "step1", "step2", "step3", "step4", "step5", "step6");
        assertThat(cost.nanos()).hasSize(7);
        assertThat(cost.bytes()).hasSize(7);
        assertThat(cost.offThread()).hasSize(7);
    }

    @Test
    void rangesCoverEveryIndexOnce() {
        AtomicIntegerArray seen = new AtomicIntegerArray(1001);
        Parallel.forRanges("r", 1001, (from, to) -> {
            for (int i = from; i < to; i++) {
                seen.incrementAndGet(i);
            }
        });
        for (int i = 0; i < 1001; i++) {
            assertThat(seen.get(i)).as("index %d", i).isEqualTo(1);
        }
        assertThat(Parallel.forRanges("none", 0, (from, to) -> {}).names()).isEmpty();
    }

    @Test
    void aStepsFailureComesOutOfRun() {
        List<Parallel.Step> steps = List.of(new Parallel.Step("ok", () -> {}),
                new Parallel.Step("bad", () -> {
                    throw new IllegalStateException("broken step");
                }));
        assertThatThrownBy(() -> Parallel.run(steps)).hasMessageContaining("broken step");
    }
}
