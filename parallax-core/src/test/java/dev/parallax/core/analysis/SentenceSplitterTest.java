package dev.parallax.core.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.model.Article;
import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Layers;
import dev.parallax.core.model.Outlet;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.text.NewsCleaner;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SentenceSplitterTest {
    private final SentenceSplitter splitter = new SentenceSplitter();

    static Stream<Arguments> cases() {
        return Stream.of(
                // titles before names never end a sentence
                split("Pentagon spokesman Brig. Gen. Pat Ryder said the talks failed. China declined.",
                        "Pentagon spokesman Brig. Gen. Pat Ryder said the talks failed.", "China declined."),
                split("Lt. Col. Smith and Sgt. Jones met Sen. Warren, Rep. Ocasio-Cortez and Gov. Newsom.",
                        "Lt. Col. Smith and Sgt. Jones met Sen. Warren, Rep. Ocasio-Cortez and Gov. Newsom."),
                split("Dr. Ruth met Mr. and Mrs. Smith, Ms. Lee, Prof. Chu and Rev. Al Sharpton today.",
                        "Dr. Ruth met Mr. and Mrs. Smith, Ms. Lee, Prof. Chu and Rev. Al Sharpton today."),
                split("Adm. Mullen, Capt. Kirk, Maj. Reno, Cpl. Klinger, Pres. Lincoln and Supt. Jones came.",
                        "Adm. Mullen, Capt. Kirk, Maj. Reno, Cpl. Klinger, Pres. Lincoln and Supt. Jones came."),
                // Jr., Sr., St. and company suffixes end a sentence only before a sentence opener
                split("Martin Luther King Jr. Day is a holiday. He spoke in St. Louis.",
                        "Martin Luther King Jr. Day is a holiday.", "He spoke in St. Louis."),
                split("The deal was made with Apple Inc. The company said so.",
                        "The deal was made with Apple Inc.", "The company said so."),
                split("Acme Corp. Chief Executive Jane Doe and Smith & Co. Ltd. Director John Roe agreed.",
                        "Acme Corp. Chief Executive Jane Doe and Smith & Co. Ltd. Director John Roe agreed."),
                // U.S., U.K., U.N., a.m., p.m.: split only before a typical sentence opener
                split("The U.S. Army and the U.K. Foreign Office briefed the U.N. Security Council.",
                        "The U.S. Army and the U.K. Foreign Office briefed the U.N. Security Council."),
                split("Austin said China must talk to the U.S. The refusal raised concerns.",
                        "Austin said China must talk to the U.S.", "The refusal raised concerns."),
                split("The vote is at 9 a.m. Tuesday and ends at 5 p.m. The count follows.",
                        "The vote is at 9 a.m. Tuesday and ends at 5 p.m.", "The count follows."),
                split("He flew to the U.S. on Monday.", "He flew to the U.S. on Monday."),
                // months and numbers
                split("It happened on Jan. 5 and again on Sept. 11. Feb. 26 was quiet.",
                        "It happened on Jan. 5 and again on Sept. 11.", "Feb. 26 was quiet."),
                split("They won in Aug. The next season was worse.", "They won in Aug.",
                        "The next season was worse."),
                split("The No. 1 seed beat No. 9 Drake.", "The No. 1 seed beat No. 9 Drake."),
                split("He is charged in case No. VA089897 filed by Deputy Dist. Atty. Hilary Williams today.",
                        "He is charged in case No. VA089897 filed by Deputy Dist. Atty. Hilary Williams today."),
                split("Born Oct. 11, 1928, in Athens, Tex. His father lived in Biloxi, Miss. He was 75.",
                        "Born Oct. 11, 1928, in Athens, Tex.", "His father lived in Biloxi, Miss.", "He was 75."),
                split("Profit rose 3.5 percent to $1.2 billion in 2018. Sales fell.",
                        "Profit rose 3.5 percent to $1.2 billion in 2018.", "Sales fell."),
                // initials
                split("John F. Kennedy and J.K. Rowling never met. Nor did H. G. Wells.",
                        "John F. Kennedy and J.K. Rowling never met.", "Nor did H. G. Wells."),
                // quotes and brackets close the sentence they end
                split("He called it “just the latest in a litany of excuses.” Since 2021, China has declined.",
                        "He called it “just the latest in a litany of excuses.”", "Since 2021, China has declined."),
                split("“We will go,” he said. \"They won't.\" (The talks failed.) Then it rained.",
                        "“We will go,” he said.", "\"They won't.\"", "(The talks failed.)", "Then it rained."),
                split("She said ‘no.’ Then she left.", "She said ‘no.’", "Then she left."),
                // a question or exclamation followed by a lower-case word does not end the sentence
                split("“Why?” he asked. “Now!” she shouted!", "“Why?” he asked.", "“Now!” she shouted!"),
                // ellipses
                split("Pentagon spokesman Brigadier General Pat Ryder said…",
                        "Pentagon spokesman Brigadier General Pat Ryder said…"),
                split("Pentagon spokesman Brig. Gen. Pat Ryder said… “Overnight, the PRC declined.”",
                        "Pentagon spokesman Brig. Gen. Pat Ryder said…", "“Overnight, the PRC declined.”"),
                split("I waited... and waited. Nothing... Then the door opened.",
                        "I waited... and waited.", "Nothing...", "Then the door opened."),
                // no space after the stop: web addresses, "U.S.-led"
                split("See example.com for the U.S.-led plan.", "See example.com for the U.S.-led plan."),
                // whitespace is trimmed from spans
                split("  One.   Two.  ", "One.", "Two."),
                // a line without a final stop is still a sentence
                split("Terms were not disclosed", "Terms were not disclosed"));
    }

    private static Arguments split(String text, String... sentences) {
        return Arguments.of(text, List.of(sentences));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void splits(String text, List<String> expected) {
        assertThat(texts(splitter.annotate(article(text)))).containsExactlyElementsOf(expected);
    }

    @Test
    void neverCrossesAParagraph() {
        Article clean = new NewsCleaner().clean(new RawArticle("p", null, null, null, null, null,
                "Pentagon Press Secretary Brig.\n\nGen. Ryder said no\n\nThe end"));
        assertThat(texts(splitter.annotate(clean)))
                .containsExactly("Pentagon Press Secretary Brig.", "Gen. Ryder said no", "The end");
    }

    @Test
    void emptyTextHasNoSentences() {
        assertThat(splitter.annotate(article("")).layer(LayerKey.SENTENCES)).isEmpty();
    }

    static Article article(String text) {
        return new Article("t", "t", Outlet.UNKNOWN, null, null, null, text, text, List.of(), Layers.empty());
    }

    static List<String> texts(Article a) {
        return a.layer(LayerKey.SENTENCES).stream().map(a::textOf).toList();
    }
}
