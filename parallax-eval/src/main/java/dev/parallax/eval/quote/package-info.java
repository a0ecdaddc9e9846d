/**
 * Evaluation of quote attribution on PolNeAR (brat standoff, {@link dev.parallax.eval.quote.Polnear}):
 * {@link dev.parallax.eval.quote.QuoteEvaluation} (exact and overlap P/R/F1 for source, cue and content) and
 * {@link dev.parallax.eval.quote.QuoteTrainer} (trains the shipped tagger on the train split only), both behind
 * {@code parallax eval quotes}.
 */
package dev.parallax.eval.quote;
