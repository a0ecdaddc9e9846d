package dev.parallax.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;

/**
 * The seed articles' paragraphs, to be wrapped as web pages, feeds and archives by the tests: real news text in the
 * shapes the readers meet, without committing anyone's web page. The first seed's leading scraper metadata line
 * (" date 2023-05-30 …") is left out: it is no paragraph of the article.
 */
final class Seeds {
    private Seeds() {
    }

    /** The paragraphs of seed {@code n} (0 or 1, in path order). */
    static List<String> paragraphs(int n) throws IOException {
        String name = n == 0 ? "000_6ff38f1c0ac05301.txt" : "002_ffa190864f8b1c5b.txt";
        String text = Files.readString(TestFiles.shared("seeds/" + name), StandardCharsets.UTF_8);
        List<String> paragraphs = Arrays.stream(text.split("\n\\s*\n")).map(String::strip)
                .filter(p -> !p.isEmpty()).toList();
        return n == 0 ? paragraphs.subList(1, paragraphs.size()) : paragraphs;
    }

    /** The paragraphs as HTML {@code <p>} elements, with the characters HTML reserves escaped. */
    static String html(List<String> paragraphs) {
        StringBuilder b = new StringBuilder();
        for (String p : paragraphs) {
            b.append("<p>").append(p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
                    .append("</p>\n");
        }
        return b.toString();
    }
}
