package dev.parallax.core.analysis.quote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class WordClassesTest {
    private static final List<String> SPEECH = List.of("said", "stated", "claimed", "argued");
    private static final List<String> FRUIT = List.of("apple", "pear", "plum", "peach");
    private static final List<String> CITIES = List.of("paris", "rome", "oslo", "lima");
    private static final List<String> PEOPLE = List.of("Officials", "Critics", "Lawyers", "Analysts");

    /** Words met only between the same neighbours end up in one class; the others in other classes. */
    private static WordClasses fromSentences() {
        WordClasses.Builder builder = new WordClasses.Builder();
        for (String who : PEOPLE) {
            for (int k = 0; k < 4; k++) {
                builder.add(who + " " + SPEECH.get(k) + " that taxes will rise. "
                        + "She ate a " + FRUIT.get(k) + " for lunch. "
                        + "They flew to " + CITIES.get(k) + " on Monday. "
                        + who + " " + SPEECH.get((k + 1) % 4) + " that rates will fall.");
            }
        }
        return builder.classes(7, 8, 3);
    }

    @Test
    void wordsSharingNeighboursShareAClass() {
        WordClasses classes = fromSentences();
        for (List<String> group : List.of(SPEECH, FRUIT, CITIES)) {
            for (String w : group) {
                assertThat(classes.fine(w)).as(w).isEqualTo(classes.fine(group.get(0))).isPositive();
            }
        }
        assertThat(classes.fine("said")).isNotEqualTo(classes.fine("apple")).isNotEqualTo(classes.fine("paris"));
        assertThat(classes.fine("apple")).isNotEqualTo(classes.fine("paris"));
        assertThat(classes.fine("unseen")).isZero();
        assertThat(classes.coarse("unseen")).isZero();
    }

    @Test
    void resourceReadsBackToTheSameClasses() throws IOException {
        WordClasses classes = fromSentences();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(classes.resource().getBytes(StandardCharsets.UTF_8));
        }
        WordClasses read = WordClasses.read(new ByteArrayInputStream(bytes.toByteArray()));
        for (String w : List.of("said", "apple", "paris", "officials", "that", ".")) {
            assertThat(read.fine(w)).as(w).isEqualTo(classes.fine(w)).isPositive();
            assertThat(read.coarse(w)).as(w).isEqualTo(classes.coarse(w)).isPositive();
        }
    }

    @Test
    void shippedClassesGroupAttributionVerbs() {
        WordClasses shipped = WordClasses.shipped();
        assertThat(shipped.fine("told")).isEqualTo(shipped.fine("said")).isPositive();
        assertThat(shipped.fine("said")).isNotEqualTo(shipped.fine("president"));
    }
}
