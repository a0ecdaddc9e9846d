package dev.parallax.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.model.Article;
import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Paragraph;
import dev.parallax.core.model.Removal;
import dev.parallax.core.model.Sentence;
import dev.parallax.core.testing.Seeds;
import dev.parallax.core.text.NewsCleaner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cleaner and the splitter together on the real seeds. */
class SeedSentencesTest {
    private final NewsCleaner cleaner = new NewsCleaner();
    private final SentenceSplitter splitter = new SentenceSplitter();

    private Article seed(String name) {
        return splitter.annotate(cleaner.clean(Seeds.load(name)));
    }

    @Test
    void seed000() {
        Article a = seed("000");
        List<String> sentences = SentenceSplitterTest.texts(a);
        // 8 paragraphs: 2 + 1 + 1 + 1 + 2 + 2 + 2 + 3 sentences, counted by hand
        assertThat(sentences).hasSize(14);
        assertThat(sentences.get(0)).isEqualTo("China rejected a US proposal for a meeting in Singapore between Defence"
                + " Secretary Lloyd Austin and his Chinese counterpart Li Shangfu, according to the Pentagon.");
        assertThat(sentences).contains("Pentagon spokesman Brigadier General Pat Ryder said…",
                "A senior US defence official remarked that the declined invitation was “just the latest in a litany"
                        + " of excuses.”",
                "He cited the spy balloon incident as a factor that had heightened tensions.");
        assertThat(sentences).filteredOn(s -> s.startsWith("“Overnight")).singleElement()
                .satisfies(s -> assertThat(s).endsWith("in Singapore this week.”"));
    }

    @Test
    void seed002() {
        Article a = seed("002");
        List<String> sentences = SentenceSplitterTest.texts(a);
        // 5 paragraphs after the heading goes: 2 + 2 + 2 + 1 + 2 sentences
        assertThat(sentences).hasSize(9);
        assertThat(sentences).contains("“The PRC’s concerning unwillingness to engage in meaningful"
                + " military-to-military discussions will not diminish the Department of Defense’s commitment to seeking"
                + " open lines of communication with the People’s Liberation Army (PLA) at multiple levels as part of"
                + " responsibly managing the relationship,” Pentagon Press Secretary Brig. Gen. Patrick Ryder said in"
                + " the statement.");
        Removal heading = a.removals().stream().filter(r -> r.kind() == Removal.Kind.HEADING).findFirst().orElseThrow();
        assertThat(sentences).noneMatch(s -> s.contains("Human Rights in Xinjiang"));
        assertThat(a.layer(LayerKey.SENTENCES)).anySatisfy(s -> assertThat(s.start()).isEqualTo(heading.cleanOffset()));
    }

    @Test
    void sentencesStayInsideParagraphsAndAreTrimmed() {
        for (var raw : Seeds.all()) {
            Article a = splitter.annotate(cleaner.clean(raw));
            List<Paragraph> paragraphs = a.layer(LayerKey.PARAGRAPHS);
            for (Sentence s : a.layer(LayerKey.SENTENCES)) {
                assertThat(paragraphs).anySatisfy(p -> assertThat(s.start() >= p.start() && s.end() <= p.end()).isTrue());
                assertThat(a.textOf(s)).isEqualTo(a.textOf(s).strip()).isNotEmpty();
            }
            // every non-space character of the clean text is in exactly one sentence
            long covered = a.layer(LayerKey.SENTENCES).stream().mapToLong(s -> a.textOf(s).chars()
                    .filter(c -> !Character.isWhitespace(c)).count()).sum();
            assertThat(covered).isEqualTo(a.text().chars().filter(c -> !Character.isWhitespace(c)).count());
        }
    }
}
