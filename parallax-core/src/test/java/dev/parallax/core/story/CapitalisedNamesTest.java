package dev.parallax.core.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CapitalisedNamesTest {
    @Test
    void findsNamesInsideSentencesOfASeed() {
        // seed 000_6ff38f1c0ac05301, second paragraph, first sentence
        List<String> names = CapitalisedNames.of("China rejected a US proposal for a meeting in Singapore between "
                + "Defence Secretary Lloyd Austin and his Chinese counterpart Li Shangfu, according to the Pentagon.");

        assertThat(names).containsExactly("us", "singapore", "defence secretary lloyd austin", "austin", "chinese",
                "li shangfu", "shangfu", "pentagon");
    }

    @Test
    void aSentenceInitialWordCountsWhenTheTextAlsoCapitalisesItMidSentence() {
        List<String> names = CapitalisedNames.of("China declined. Officials said China would not attend. They left.");

        assertThat(names).containsExactly("china", "china");
    }

    @Test
    void titleCaseHeadlinesAndMonthsAreNotNames() {
        assertThat(CapitalisedNames.of("Fed Official Says Weak Data Caused By Weather")).isEmpty();
        assertThat(CapitalisedNames.of("The talks were held in June.")).isEmpty();
    }
}
