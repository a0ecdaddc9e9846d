package dev.parallax.core.analysis.entity;

/**
 * A word or punctuation mark of the text.
 *
 * @param start start offset
 * @param end end offset (exclusive)
 * @param text the covered text
 * @param word true for a word (letters, digits, inner {@code . ' - &}, an abbreviation's final period)
 * @param sentenceStart true when the token opens a sentence, a paragraph or a quotation
 */
record Token(int start, int end, String text, boolean word, boolean sentenceStart) {
    boolean capitalised() {
        return word && Character.isUpperCase(text.codePointAt(0));
    }

    boolean allCaps() {
        boolean letter = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLowerCase(c)) {
                return false;
            }
            letter |= Character.isLetter(c);
        }
        return letter;
    }

    boolean is(String s) {
        return text.equals(s);
    }
}
