package dev.parallax.core.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Content terms of English text: Lucene's English analysis chain (standard tokenizer, possessive and case folding,
 * stop words, Porter stemming). The one place that decides what a "term" is, so that lexical similarities across
 * stages agree.
 */
public final class Terms {
    private static final Analyzer ANALYZER = new EnglishAnalyzer();

    private Terms() {}

    public static List<String> of(String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream ts = ANALYZER.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                terms.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
        return terms;
    }
}
