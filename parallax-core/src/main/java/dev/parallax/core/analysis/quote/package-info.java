/**
 * Quotes and attributions in PolNeAR's scheme (Newell et al., LREC 2018): each {@link
 * dev.parallax.core.analysis.quote.Quote} has a source, a cue and content, as character spans over the clean text.
 *
 * <p>{@link dev.parallax.core.analysis.quote.QuoteAnnotator} runs a small learned tagger
 * ({@link dev.parallax.core.analysis.quote.QuoteTagger}: averaged structured perceptron, BIO labels for source, cue
 * and content, Viterbi decoding) and then rules: grouping around each cue, a quotation in the paragraph after a cue
 * ending "said…"/"said:", a participle cue after a comma sharing the main clause's source, pronoun sources resolved
 * to the nearest preceding named source, anonymous sources flagged. A learned ranker
 * ({@link dev.parallax.core.analysis.quote.ContentExtent}) then re-chooses where each content starts and ends. The quotation-mark scan ({@code Tokens}) lets a quote opened at a paragraph start run on into the next
 * paragraph that opens with a mark, pairs a curly opening mark with a straight closing one, and reads a doubled
 * apostrophe ('') as a double quotation mark (the New York Times' style, a seventh of PolNeAR's articles).
 *
 * <p>PolNeAR conventions the tagger learns from the train split (and the rules follow):
 * <ul>
 * <li>Source: the full noun phrase with titles and roles ("Pentagon Press Secretary Brig. Gen. Patrick Ryder"),
 * including appositives in some cases; pronouns ("he", "they") are sources; anonymous descriptions ("officials")
 * too.</li>
 * <li>Cue: the attributing words, usually the verb alone ("said"), but with auxiliaries, adverbs and adjuncts when
 * they sit between ("has said", "also said", "said in a statement", "according to"); a bare ":" can be a cue.</li>
 * <li>Content: for direct quotes, the quotation including its marks and the punctuation inside them; for indirect
 * content, the clause including a leading "that" and excluding the sentence's final period. A quote interrupted by
 * its source and cue ("“A,” he said, “B.”") is one content with two pieces; content running over paragraphs is
 * split at the paragraph break. The scheme is broad: beliefs, intentions and findings ("thinks", "wants", "polls
 * show") are attributions too.</li>
 * </ul>
 */
package dev.parallax.core.analysis.quote;
