package dev.parallax.eval.pairs;

/** One line of a Format B pairs file: two texts, a gold label and the source's split. */
public record TextPair(String id, String a, String b, double label, String split) {
}
