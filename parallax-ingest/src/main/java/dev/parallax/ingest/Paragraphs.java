package dev.parallax.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * The text of an HTML element as paragraphs separated by a blank line, the shape the cleaner and the quote tagger
 * read: every block element (and {@code <br>}) ends a paragraph, whitespace inside one is collapsed to single spaces.
 */
final class Paragraphs {
    /** Elements that start and end a paragraph of their own; everything else runs on inside the current one. */
    private static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "br", "center",
            "dd", "details", "dialog", "div", "dl", "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
            "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
            "tbody", "thead", "tfoot", "tr", "ul");
    /** Table cells run on in their row, separated by a space. */
    private static final Set<String> CELLS = Set.of("td", "th");

    private Paragraphs() {
    }

    /** The paragraphs of {@code root}'s text, in document order, blank ones dropped. */
    static List<String> of(Element root) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        root.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    current.append(text.getWholeText());
                } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    flush(current, paragraphs);
                } else if (node instanceof Element e && CELLS.contains(e.normalName())) {
                    current.append(' ');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    flush(current, paragraphs);
                }
            }
        });
        flush(current, paragraphs);
        return paragraphs;
    }

    /** {@link #of} joined by blank lines. */
    static String text(Element root) {
        return String.join("\n\n", of(root));
    }

    /** Plain text whose paragraphs are separated by blank lines, each paragraph's line breaks and spaces collapsed. */
    static String ofPlainText(String text) {
        return String.join("\n\n", Arrays.stream(text.split("\\R\\s*\\R")).map(Paragraphs::collapse)
                .filter(p -> !p.isEmpty()).toList());
    }

    private static void flush(StringBuilder current, List<String> paragraphs) {
        String p = collapse(current);
        current.setLength(0);
        if (!p.isEmpty()) {
            paragraphs.add(p);
        }
    }

    /** Runs of whitespace (no-break spaces included) as one space, none at the ends. */
    static String collapse(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = !out.isEmpty();
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
