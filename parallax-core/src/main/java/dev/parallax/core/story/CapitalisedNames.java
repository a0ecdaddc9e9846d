package dev.parallax.core.story;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds likely proper names without a tagger: runs of capitalised words. A capital is evidence of a name only inside
 * a sentence, so a sentence's first word counts only when the same text also capitalises it mid-sentence; title-case
 * lines (headlines) are skipped because every word there is capitalised. Each run yields the whole run and, for a
 * multi-word run, its last word, so that "Defence Secretary Lloyd Austin" and a later "Austin" overlap.
 */
final class CapitalisedNames {
    private static final Pattern SENTENCE = Pattern.compile("[^\\n.!?]+[.!?]*");
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{N}]*(?:['’.-]\\p{L}[\\p{L}\\p{N}]*)*");
    /** Capitalised mid-sentence without being names of anything a story is about. */
    private static final Set<String> NOT_NAMES = Set.of("i", "monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december", "mr", "mrs", "ms", "dr");

    private CapitalisedNames() {}

    /** The names in {@code text}, lower-cased, one entry per occurrence. */
    static List<String> of(String text) {
        List<List<Word>> sentences = new ArrayList<>();
        Set<String> midSentence = new HashSet<>();
        Matcher s = SENTENCE.matcher(text);
        while (s.find()) {
            List<Word> words = new ArrayList<>();
            Matcher w = WORD.matcher(text).region(s.start(), s.end());
            while (w.find()) {
                words.add(new Word(w.group(), w.start(), w.end()));
            }
            if (words.isEmpty() || titleCase(words)) {
                continue;
            }
            sentences.add(words);
            for (int i = 1; i < words.size(); i++) {
                if (words.get(i).capitalised()) {
                    midSentence.add(words.get(i).text());
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (List<Word> words : sentences) {
            int i = 0;
            if (!midSentence.contains(words.get(0).text())) {
                i = 1;
            }
            while (i < words.size()) {
                if (!words.get(i).capitalised()) {
                    i++;
                    continue;
                }
                int j = i + 1;
                while (j < words.size() && words.get(j).capitalised()
                        && text.substring(words.get(j - 1).end(), words.get(j).start()).isBlank()) {
                    j++;
                }
                addRun(words.subList(i, j), names);
                i = j;
            }
        }
        return names;
    }

    private static void addRun(List<Word> run, List<String> names) {
        List<String> parts = new ArrayList<>();
        for (Word w : run) {
            String p = normalise(w.text());
            if (!NOT_NAMES.contains(p)) {
                parts.add(p);
            }
        }
        if (parts.isEmpty()) {
            return;
        }
        names.add(String.join(" ", parts));
        if (parts.size() > 1) {
            names.add(parts.get(parts.size() - 1));
        }
    }

    private static String normalise(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.endsWith("'s") || w.endsWith("’s")) {
            w = w.substring(0, w.length() - 2);
        }
        return w;
    }

    private static boolean titleCase(List<Word> words) {
        if (words.size() < 4) {
            return false;
        }
        long capitalised = words.stream().filter(Word::capitalised).count();
        return capitalised >= 0.7 * words.size();
    }

    private record Word(String text, int start, int end) {
        boolean capitalised() {
            return Character.isUpperCase(text.charAt(0));
        }
    }
}
