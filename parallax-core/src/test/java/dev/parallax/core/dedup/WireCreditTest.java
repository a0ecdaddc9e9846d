package dev.parallax.core.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parallax.core.model.Article;
import org.junit.jupiter.api.Test;

class WireCreditTest {
    private static Article text(String outlet, String text) {
        return ReutersArticles.article("x", outlet, null, text);
    }

    @Test
    void findsAgencyDatelines() {
        assertThat(WireCredit.of(text("gazette", "WASHINGTON (AP) \u2014 The Senate voted on Tuesday.")))
                .contains("AP");
        assertThat(WireCredit.of(text("gazette", "LONDON (Reuters) - Shares fell sharply."))).contains("Reuters");
        assertThat(WireCredit.of(text("gazette", "PARIS (AFP) - Strikes closed the metro."))).contains("AFP");
    }

    @Test
    void findsCopyrightLinesAndReutersWireFormat() {
        assertThat(WireCredit.of(text("gazette", "The council met.\n\nCopyright 2024 The Associated Press. All rights"
                + " reserved."))).contains("AP");
        assertThat(WireCredit.of(text("gazette", "SALVADOR, Feb 26 - Showers continued.\n\nReuter")))
                .contains("Reuters");
        assertThat(WireCredit.of(text("reuters", "Anything at all."))).contains("Reuters");
    }

    @Test
    void findsEveryCopyrightOpeningAtTheTopAndTheFoot() {
        String body = "The council met on Tuesday and agreed the budget. ".repeat(40);
        assertThat(WireCredit.of(text("gazette", body + "\n(C) 2024 Reuters"))).contains("Reuters");
        assertThat(WireCredit.of(text("gazette", body + "\n\u00a9 Agence France-Presse"))).contains("AFP");
        assertThat(WireCredit.of(text("gazette", "COPYRIGHT The Associated Press\n\n" + body))).contains("AP");
        // Between the top and the foot windows a copyright line is not looked for.
        assertThat(WireCredit.of(text("gazette", body + "\n(c) Reuters\n" + body))).isEmpty();
    }

    @Test
    void uncreditedTextsHaveNone() {
        assertThat(WireCredit.of(text("bbc", "Quarterly profits at US media giant TimeWarner jumped 76%."))).isEmpty();
        // A wire dateline without the sign-off, and an agency named in passing, are not credits.
        assertThat(WireCredit.of(text("gazette", "SALVADOR, Feb 26 - Showers continued."))).isEmpty();
        assertThat(WireCredit.of(text("gazette", "A Reuters reporter asked the minister (who declined)."))).isEmpty();
    }
}
