package dev.parallax.eval.entity;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A document of a CoNLL NER file, detokenised: its text, each token's offsets in it, and the gold entity spans.
 *
 * @param text tokens joined by spaces (none before closing punctuation or after opening brackets), sentences by lines
 * @param starts start offset of each token
 * @param ends end offset of each token
 * @param gold gold spans over token indices
 */
public record ConllDocument(String text, int[] starts, int[] ends, List<Span> gold) {
    /**
     * A typed span of tokens {@code [first, last]}.
     *
     * @param type the CoNLL type: PER, ORG, LOC or MISC
     */
    public record Span(int first, int last, String type) {}

    private static final Set<String> NO_SPACE_BEFORE = Set.of(",", ".", ";", ":", "!", "?", ")", "]", "}", "'s", "'",
            "n't", "%", "'re", "'ve", "'ll", "'d", "'m");
    private static final Set<String> NO_SPACE_AFTER = Set.of("(", "[", "{", "$");

    /**
     * Reads a CoNLL file: one {@code token ... TAG} per line (the tag is the last column), blank lines between
     * sentences, {@code -DOCSTART-} lines between documents. Tags are IOB1 or IOB2: a span runs over consecutive
     * tokens of one type and a {@code B-} tag starts a new one.
     *
     * @throws IOException with a one-line message naming the file and line when the file is missing or malformed
     */
    public static List<ConllDocument> read(Path file) throws IOException {
        List<ConllDocument> docs = new ArrayList<>();
        Builder doc = null;
        int lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (line.startsWith("-DOCSTART-")) {
                    if (doc != null && !doc.tokens.isEmpty()) {
                        docs.add(doc.build());
                    }
                    doc = new Builder();
                    continue;
                }
                if (doc == null) {
                    doc = new Builder();
                }
                if (line.isBlank()) {
                    doc.sentenceBreak();
                    continue;
                }
                String[] f = line.strip().split("\\s+");
                if (f.length < 2) {
                    throw new IOException(file + ":" + lineNo + ": expected 'token TAG', got '" + line + "'");
                }
                String tag = f[f.length - 1];
                if (!tag.equals("O") && !tag.matches("[BI]-[A-Z]+")) {
                    throw new IOException(file + ":" + lineNo + ": '" + tag + "' is not an IOB tag");
                }
                doc.add(f[0], tag);
            }
        } catch (NoSuchFileException e) {
            throw new IOException("no such CoNLL file: " + file);
        } catch (CharacterCodingException e) { // the JDK's message is "Input length = 1"
            throw new IOException(file + ":" + (lineNo + 1) + ": not UTF-8 text; is this a CoNLL file?");
        }
        if (doc != null && !doc.tokens.isEmpty()) {
            docs.add(doc.build());
        }
        if (docs.isEmpty()) {
            throw new IOException(file + ": no tokens; is this a CoNLL file?");
        }
        return docs;
    }

    private static final class Builder {
        final List<String> tokens = new ArrayList<>();
        final List<Integer> starts = new ArrayList<>();
        final List<Integer> ends = new ArrayList<>();
        final List<Span> gold = new ArrayList<>();
        final StringBuilder text = new StringBuilder();
        boolean newSentence = true;
        String openType;
        int openFirst;

        void sentenceBreak() {
            closeSpan(tokens.size() - 1);
            newSentence = true;
        }

        void add(String token, String tag) {
            if (!tokens.isEmpty()) {
                if (newSentence) {
                    text.append('\n');
                } else if (!NO_SPACE_BEFORE.contains(token) && !NO_SPACE_AFTER.contains(tokens.get(tokens.size() - 1))) {
                    text.append(' ');
                }
            }
            newSentence = false;
            int index = tokens.size();
            tokens.add(token);
            starts.add(text.length());
            text.append(token);
            ends.add(text.length());
            String type = tag.equals("O") ? null : tag.substring(2);
            if (type == null || !type.equals(openType) || tag.startsWith("B-")) {
                closeSpan(index - 1);
                if (type != null) {
                    openType = type;
                    openFirst = index;
                }
            }
        }

        void closeSpan(int last) {
            if (openType != null) {
                gold.add(new Span(openFirst, last, openType));
                openType = null;
            }
        }

        ConllDocument build() {
            closeSpan(tokens.size() - 1);
            return new ConllDocument(text.toString(), starts.stream().mapToInt(Integer::intValue).toArray(),
                    ends.stream().mapToInt(Integer::intValue).toArray(), gold);
        }
    }
}
