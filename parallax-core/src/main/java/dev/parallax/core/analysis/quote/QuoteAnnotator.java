package dev.parallax.core.analysis.quote;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.analysis.quote.QuoteTagger.Labelled;
import dev.parallax.core.analysis.quote.QuoteTagger.Role;
import dev.parallax.core.model.Article;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds attributions (PolNeAR's scheme) and adds them as the {@link Quote#LAYER} layer. A learned tagger
 * ({@link QuoteTagger}) marks source, cue and content tokens; rules then group them around each cue, attach a
 * quotation that opens the paragraph after a cue left without content ("X said…" / "X said:"), resolve pronoun
 * sources to the nearest preceding named source, and flag anonymous sources.
 */
public final class QuoteAnnotator implements Annotator {
    /** Words that end a source's head noun phrase: its head is the last word before them. */
    private static final Set<String> HEAD_STOPS = Set.of("of", "for", "at", "from", "with", "in", "on", "who",
            "which", ",", "(", "—", "–", "and", "to");

    private final QuoteTagger tagger;

    /** An annotator with the model shipped in parallax-core. */
    public QuoteAnnotator() {
        this(QuoteTagger.shipped());
    }

    public QuoteAnnotator(QuoteTagger tagger) {
        this.tagger = tagger;
    }

    @Override
    public Article annotate(Article article) {
        return article.with(Quote.LAYER, quotes(article.text()));
    }

    /** The attributions in {@code text}, in order of their cues. */
    public List<Quote> quotes(String text) {
        Tokens t = Tokens.of(text);
        return speakerColons(t, tagged(t));
    }

    /**
     * The attributions in {@code text} built by this annotator's rules and content extent ranker from spans another
     * labeller tagged (the encoder teacher: {@link QuoteTagger#decodeScores}) instead of this annotator's tagger.
     */
    public List<Quote> quotes(String text, List<Labelled> tagged) {
        Tokens t = Tokens.of(text);
        return speakerColons(t, tagged(t, tagged));
    }

    private List<Quote> tagged(Tokens t) {
        return tagged(t, tagger.tag(t));
    }

    /** The attributions grouped around the cues tagged. */
    private List<Quote> tagged(Tokens t, List<Labelled> tagged) {
        ContentExtent extent = tagger.extent();
        byte[] role = extent == null ? null : ContentExtent.roles(t, tagged);
        List<Item> cues = new ArrayList<>();
        List<Item> sources = new ArrayList<>();
        List<Item> contents = new ArrayList<>();
        for (Labelled l : tagged) {
            int first = t.firstEndingAfter(l.start());
            int last = t.firstEndingAfter(l.end() - 1);
            Item item = new Item(l.start(), l.end(), first, last);
            (l.role() == Role.CUE ? cues : l.role() == Role.SOURCE ? sources : contents).add(item);
        }
        if (cues.isEmpty()) {
            return List.of();
        }
        List<List<Item>> contentOf = new ArrayList<>();
        Item[] sourceOf = new Item[cues.size()];
        for (int k = 0; k < cues.size(); k++) {
            contentOf.add(new ArrayList<>());
        }
        for (Item c : contents) {
            int k = cueFor(t, c, cues, contentOf);
            if (k >= 0) {
                contentOf.get(k).add(c);
            }
        }
        for (Item s : sources) {
            int k = nearestInSentence(t, s, cues);
            if (k >= 0 && (sourceOf[k] == null || distance(s, cues.get(k)) < distance(sourceOf[k], cues.get(k)))) {
                sourceOf[k] = s;
            }
        }
        List<Quote> out = new ArrayList<>();
        Item[] chosen = new Item[cues.size()]; // the source each cue ends up with
        for (int k = 0; k < cues.size(); k++) {
            Item cue = cues.get(k);
            Item source = sourceOf[k];
            if (source != null && source.last + 1 == cue.first && cue.first < cue.last
                    && ROLE_NOUNS.contains(t.lower[cue.first])) {
                // "A senior US defence official remarked" tagged as source "A senior US defence" + cue "official
                // remarked": the role noun heads the source
                source = new Item(source.start, t.end[cue.first], source.first, cue.first);
                cue = new Item(t.start[cue.first + 1], cue.end, cue.first + 1, cue.last);
            }
            if (DETERMINERS.contains(t.lower[cue.first])
                    || source != null && source.first == source.last && DETERMINERS.contains(t.lower[source.first])) {
                continue; // "an alleged …" is a noun phrase, not a source and a cue
            }
            if (source == null) {
                source = nounPhraseBefore(t, cue, tagged);
            }
            if (source == null) {
                source = participleSubject(t, cue, chosen);
            }
            chosen[k] = source;
            if (source != null) {
                source = appositiveComma(t, source);
            }
            List<Item> content = contentOf.get(k);
            if (content.isEmpty()) {
                Item quoted = quotationAfter(t, cue);
                if (quoted != null) {
                    content.addAll(splitAtParagraphs(t, quoted));
                } else {
                    Item rest = restOfSentence(t, cue, source);
                    if (rest == null) {
                        continue;
                    }
                    content.add(rest);
                }
            }
            content.sort((a, b) -> Integer.compare(a.start, b.start));
            mergeGaps(t, content, tagged);
            if (extent != null) {
                refine(t, role, extent, cue, content);
            }
            out.add(build(t, cue, source, content, out));
        }
        return out;
    }

    /**
     * Capitalised words that open a "…: …" line without naming a speaker ("The Latest:", "Poll:", "Editor's Note:"),
     * read off PolNeAR train's colon lines; "Q" is left out too (its questions are attributed only now and then).
     */
    private static final Set<String> NOT_SPEAKERS = Set.of("the", "a", "an", "latest", "poll", "note", "update",
            "editor", "editor’s", "fact-check", "watch", "video", "read", "live", "breaking", "exclusive", "analysis",
            "opinion", "report", "news", "daily", "correction", "related", "photos", "transcript", "q", "email",
            "name", "paid", "pledged", "superdelegates", "continued");

    /**
     * Adds the attributions of lines that open with a speaker's name and a colon, the tagger having found none there:
     * headlines ("Paul Ryan: FBI Decision … ‘Defies Explanation’") and transcripts ("Matthews: Well, …"). PolNeAR
     * makes the colon the cue, the name the source and the rest of the line the content, without a final period.
     * Of the 170 train lines of up to four capitalised words and a colon not in {@link #NOT_SPEAKERS}, 88 are
     * annotated so; the tagger alone misses most of them (":" is its most often missed cue on held-out train).
     */
    private List<Quote> speakerColons(Tokens t, List<Quote> found) {
        List<Quote> out = null;
        for (int p = 0; p < t.size; p++) {
            if (!t.paraStart[p]) {
                continue;
            }
            int k = p;
            boolean ok = true;
            while (k < t.size && k - p < 4 && !":".equals(t.lower[k])) {
                ok &= Character.isUpperCase(t.text.charAt(t.start[k])) && !NOT_SPEAKERS.contains(t.lower[k])
                        && (k == p || !t.paraStart[k]);
                k++;
            }
            if (!ok || k == p || k >= t.size || !":".equals(t.lower[k]) || t.quote[k] != Tokens.OUT
                    || t.paraStart[k]) {
                continue;
            }
            int last = k;
            while (last + 1 < t.size && !t.paraStart[last + 1]) {
                last++;
            }
            if (".".equals(t.lower[last]) && t.quote[last] == Tokens.OUT) {
                last--;
            }
            if (last - k < 3 || Character.isDigit(t.lower[k + 1].charAt(0))) {
                continue;
            }
            int colon = k;
            int lineStart = t.start[p];
            if (found.stream().anyMatch(q -> q.cue().start() < t.end[colon] && q.cue().end() > lineStart)) {
                continue;
            }
            Item source = new Item(t.start[p], t.end[k - 1], p, k - 1);
            Item cue = new Item(t.start[k], t.end[k], k, k);
            List<Item> content = List.of(new Item(t.start[k + 1], t.end[last], k + 1, last));
            if (out == null) {
                out = new ArrayList<>(found);
            }
            out.add(build(t, cue, source, content, List.of()));
        }
        if (out == null) {
            return found;
        }
        out.sort((a, b) -> Integer.compare(a.cue().start(), b.cue().start()));
        return out;
    }

    /**
     * PolNeAR ends a source with an appositive at the appositive's closing comma ("Chris Collins, a Trump supporter,")
     * and a plain noun phrase before any comma.
     */
    private static Item appositiveComma(Tokens t, Item source) {
        boolean inner = false;
        for (int i = source.first; i < source.last; i++) {
            inner |= ",".equals(t.lower[i]);
        }
        if (inner && source.last + 1 < t.size && ",".equals(t.lower[source.last + 1])
                && t.sentence[source.last + 1] == t.sentence[source.last]) {
            return new Item(source.start, t.end[source.last + 1], source.first, source.last + 1);
        }
        if (!inner && source.last > source.first && ",".equals(t.lower[source.last])) {
            return new Item(source.start, t.end[source.last - 1], source.first, source.last - 1);
        }
        return source;
    }

    private record Item(int start, int end, int first, int last) {}

    /**
     * For a participle cue after a comma ("McCain said, citing …", "…, telling reporters"), the source of the
     * nearest earlier cue of its sentence: PolNeAR gives both attributions the main clause's subject (448 of 620
     * such train cues with a source before them share it).
     */
    private static Item participleSubject(Tokens t, Item cue, Item[] chosen) {
        String head = t.lower[cue.first];
        if (!head.endsWith("ing") || "according".equals(head) || cue.first == 0
                || !",".equals(t.lower[cue.first - 1])) {
            return null;
        }
        for (int k = chosen.length - 1; k >= 0; k--) {
            Item s = chosen[k];
            if (s != null && s.last < cue.first && t.sentence[s.first] == t.sentence[cue.first]) {
                return s;
            }
        }
        return null;
    }

    /** Moves the content's outer boundaries (the first piece's start, the last piece's end) where the ranker says. */
    private static void refine(Tokens t, byte[] role, ContentExtent extent, Item cue, List<Item> content) {
        Item head = content.get(0);
        Item tail = content.get(content.size() - 1);
        int first = extent.start(t, role, head.first, head.last, cue.last);
        int last = extent.end(t, role, tail.first, tail.last, cue.first);
        content.set(content.size() - 1, new Item(tail.start, t.end[last], tail.first, last));
        head = content.get(0);
        if (first <= head.last) {
            content.set(0, new Item(t.start[first], head.end, first, head.last));
        }
    }

    private static int distance(Item a, Item b) {
        return a.last < b.first ? b.first - a.last : a.first > b.last ? a.first - b.last : 0;
    }

    /** The cue a content piece belongs to: the nearest cue sharing a sentence with it, else a nearby one. */
    private static int cueFor(Tokens t, Item c, List<Item> cues, List<List<Item>> contentOf) {
        int best = -1;
        int bestDistance = Integer.MAX_VALUE;
        int s0 = t.sentence[c.first];
        int s1 = t.sentence[c.last];
        for (int k = 0; k < cues.size(); k++) {
            Item q = cues.get(k);
            int qs = t.sentence[q.first];
            if (qs >= s0 && qs <= s1 && distance(c, q) < bestDistance) {
                best = k;
                bestDistance = distance(c, q);
            }
        }
        if (best >= 0) {
            return best;
        }
        // content in a sentence without a cue (mostly a quotation running on after "…,” he said."): the closest cue
        // before it within two sentences, else the closest one after it in the next sentence that has no content
        for (int k = cues.size() - 1; k >= 0; k--) {
            Item q = cues.get(k);
            if (q.last < c.first) {
                return s0 - t.sentence[q.last] <= 2 && continues(t, c, q, contentOf.get(k)) ? k : -1;
            }
        }
        for (int k = 0; k < cues.size(); k++) {
            Item q = cues.get(k);
            if (q.first > c.last && t.sentence[q.first] - s1 <= 1) {
                return contentOf.get(k).isEmpty() ? k : -1;
            }
        }
        return -1;
    }

    /**
     * Whether content piece {@code c} can continue the content of cue {@code q} from an earlier paragraph: only a
     * quotation continues there (the cue's content so far ends in a closing mark, or it has none yet); a quotation
     * opening a paragraph after indirect content is someone else's.
     */
    private static boolean continues(Tokens t, Item c, Item q, List<Item> before) {
        if (!crossesParagraph(t, q.last, c.first)) {
            return true;
        }
        if (t.quote[c.first] == Tokens.OUT) {
            return false;
        }
        if (before.isEmpty()) {
            return true;
        }
        int end = before.get(before.size() - 1).last;
        return t.quote[end] != Tokens.OUT;
    }

    private static boolean crossesParagraph(Tokens t, int from, int to) {
        for (int i = from + 1; i <= to; i++) {
            if (t.paraStart[i]) {
                return true;
            }
        }
        return false;
    }

    private static int nearestInSentence(Tokens t, Item s, List<Item> cues) {
        int best = -1;
        int bestDistance = Integer.MAX_VALUE;
        for (int k = 0; k < cues.size(); k++) {
            Item q = cues.get(k);
            if (t.sentence[q.first] == t.sentence[s.first] && distance(s, q) < bestDistance) {
                best = k;
                bestDistance = distance(s, q);
            }
        }
        return best;
    }

    /**
     * A quotation opening right after a cue that ends its sentence ("said…", "said:"), possibly in the next
     * paragraph: from the opening mark to its closing mark, across paragraphs that continue it.
     */
    private static Item quotationAfter(Tokens t, Item cue) {
        int i = cue.last + 1;
        while (i < t.size && t.quote[i] == Tokens.OUT && t.end[i] - t.start[i] == 1
                && ":…,.".indexOf(t.text.charAt(t.start[i])) >= 0) {
            i++;
        }
        if (i >= t.size || t.quote[i] != Tokens.OPEN || i - cue.last > 4) {
            return null;
        }
        int j = i + 1;
        while (j < t.size && (t.quote[j] == Tokens.IN || t.quote[j] == Tokens.OPEN && t.paraStart[j])) {
            j++;
        }
        int last = j < t.size && t.quote[j] == Tokens.CLOSE ? j : j - 1;
        return new Item(t.start[i], t.end[last], i, last);
    }

    /**
     * Joins pieces of one content that the tagger split inside a paragraph where nothing else was tagged in between
     * (a tagger gap at ", while"): PolNeAR splits content only around an interrupting source and cue, or between
     * paragraphs.
     */
    private static void mergeGaps(Tokens t, List<Item> content, List<Labelled> tagged) {
        for (int k = content.size() - 1; k > 0; k--) {
            Item a = content.get(k - 1);
            Item b = content.get(k);
            if (t.paraStart[b.first] || taggedBetween(tagged, a.end, b.start)) {
                continue;
            }
            content.set(k - 1, new Item(a.start, b.end, a.first, b.last));
            content.remove(k);
        }
    }

    private static boolean taggedBetween(List<Labelled> tagged, int from, int to) {
        for (Labelled l : tagged) {
            if (l.start() >= from && l.end() <= to) {
                return true;
            }
        }
        return false;
    }

    /**
     * For a cue the tagger gave no content: the rest of its sentence after the cue (and after the source when the
     * source follows the cue, as in "according to X, …"), or else the sentence before the source and cue ("…, X
     * said."), without the punctuation at either end.
     */
    private static Item restOfSentence(Tokens t, Item cue, Item source) {
        int sentence = t.sentence[cue.last];
        int first = cue.last + 1;
        if (source != null && source.first == first) {
            first = source.last + 1;
        }
        int last = first;
        while (last + 1 < t.size && t.sentence[last + 1] == sentence) {
            last++;
        }
        Item after = trimmed(t, first, last, sentence);
        if (after != null) {
            return after;
        }
        int end = source != null && source.last < cue.first ? source.first - 1 : cue.first - 1;
        int start = end;
        while (start - 1 >= 0 && t.sentence[start - 1] == sentence) {
            start--;
        }
        return trimmed(t, start, end, sentence);
    }

    private static Item trimmed(Tokens t, int first, int last, int sentence) {
        if (first < 0 || last >= t.size) {
            return null;
        }
        while (first <= last && isEdgePunctuation(t, first)) {
            first++;
        }
        while (last >= first && isEdgePunctuation(t, last)) {
            last--;
        }
        if (first > last || t.sentence[first] != sentence || last - first < 2) {
            return null;
        }
        return new Item(t.start[first], t.end[last], first, last);
    }

    private static boolean isEdgePunctuation(Tokens t, int i) {
        return t.quote[i] == Tokens.OUT && t.end[i] - t.start[i] == 1 && ".,;:!?—–-".indexOf(t.text.charAt(t.start[i])) >= 0;
    }

    /** Nouns naming a person's role, which head a source rather than open a cue. */
    private static final Set<String> ROLE_NOUNS = Set.of("official", "officials", "spokesman", "spokeswoman",
            "spokesperson", "aide", "aides", "source", "sources", "adviser", "advisers", "advisor", "advisors",
            "analyst", "analysts", "expert", "experts", "lawmaker", "lawmakers", "diplomat", "diplomats", "officer",
            "officers", "strategist", "strategists", "staffer", "staffers", "executive", "secretary");

    private static final Set<String> DETERMINERS = Set.of("a", "an", "the", "this", "that", "these", "those");

    /**
     * A source the tagger missed: the noun phrase right before the cue ("…, the Chinese Embassy in the US
     * questioned …"), back to a comma or the sentence start, when it ends in a capitalised word and holds no tagged
     * span. Null when a conjunction or a pronoun-less clause precedes the cue.
     */
    private static Item nounPhraseBefore(Tokens t, Item cue, List<Labelled> tagged) {
        int last = cue.first - 1;
        if (last < 0 || t.sentence[last] != t.sentence[cue.first] || !Character.isLetter(t.lower[last].charAt(0))
                || CONJUNCTIONS.contains(t.lower[last])) {
            return null;
        }
        int first = last;
        while (first - 1 >= 0 && t.sentence[first - 1] == t.sentence[cue.first]
                && Character.isLetterOrDigit(t.lower[first - 1].charAt(0)) && !CONJUNCTIONS.contains(t.lower[first - 1])
                && !CueLexicon.CUES.contains(t.lower[first - 1]) && last - first < 8) {
            first--;
        }
        boolean named = false;
        for (int i = first; i <= last; i++) {
            named |= Character.isUpperCase(t.text.charAt(t.start[i])) && (i > first || !t.paraStart[i]);
        }
        named &= Character.isUpperCase(t.text.charAt(t.start[last]));
        if (!named || taggedBetween(tagged, t.start[first], t.end[last]) || first > 0
                && t.sentence[first - 1] == t.sentence[first] && !",".equals(t.lower[first - 1])) {
            return null;
        }
        return new Item(t.start[first], t.end[last], first, last);
    }

    private static final Set<String> CONJUNCTIONS = Set.of("and", "but", "or", "that", "which", "who", "while",
            "as", "because", "if", "when", "then", "so", "also");

    private static List<Item> splitAtParagraphs(Tokens t, Item c) {
        List<Item> out = new ArrayList<>();
        int from = c.first;
        for (int i = c.first + 1; i <= c.last; i++) {
            if (t.paraStart[i]) {
                out.add(new Item(t.start[from], t.end[i - 1], from, i - 1));
                from = i;
            }
        }
        out.add(new Item(t.start[from], t.end[c.last], from, c.last));
        return out;
    }

    private Quote build(Tokens t, Item cue, Item source, List<Item> content, List<Quote> earlier) {
        int start = Math.min(cue.start, content.get(0).start);
        int end = Math.max(cue.end, content.get(content.size() - 1).end);
        if (source != null) {
            start = Math.min(start, source.start);
            end = Math.max(end, source.end);
        }
        int quoted = 0;
        int total = 0;
        List<Span> pieces = new ArrayList<>();
        for (Item c : content) {
            pieces.add(new Span(c.start, c.end));
            for (int i = c.first; i <= c.last; i++) {
                total++;
                if (t.quote[i] != Tokens.OUT) {
                    quoted++;
                }
            }
        }
        Quote.Kind kind = quoted == 0 ? Quote.Kind.INDIRECT : quoted == total ? Quote.Kind.DIRECT : Quote.Kind.MIXED;
        String speaker = null;
        boolean unnamed = false;
        Span sourceSpan = null;
        if (source != null) {
            sourceSpan = new Span(source.start, source.end);
            speaker = t.text.substring(source.start, source.end);
            if (source.first == source.last && CueLexicon.PERSON_PRONOUNS.contains(t.lower[source.first])) {
                Quote antecedent = antecedent(t, source, earlier);
                if (antecedent != null) {
                    speaker = antecedent.speaker();
                    unnamed = antecedent.unnamedSource();
                }
            } else {
                unnamed = isUnnamed(t, source);
            }
        }
        return new Quote(start, end, kind, sourceSpan, new Span(cue.start, cue.end), pieces, speaker, unnamed);
    }

    /**
     * The nearest earlier quote with a named or described source. For "he"/"she" the source must be person-like:
     * not "the …" (an organisation or a document: "the Pentagon", "the statement") and not a plural ("officials").
     */
    private static Quote antecedent(Tokens t, Item pronoun, List<Quote> earlier) {
        boolean singular = !t.lower[pronoun.first].startsWith("the");
        for (int k = earlier.size() - 1; k >= 0; k--) {
            Quote q = earlier.get(k);
            if (q.source() == null || q.source().end() > pronoun.start || q.speaker() == null) {
                continue;
            }
            String speaker = q.speaker().toLowerCase(java.util.Locale.ROOT);
            if (CueLexicon.PRONOUNS.contains(speaker)) {
                continue;
            }
            if (singular && (speaker.startsWith("the ") || q.unnamedSource() && speaker.endsWith("s"))) {
                continue;
            }
            return q;
        }
        return null;
    }

    /** Anonymous when the head of the source phrase is a common noun ("a senior US defence official", "officials"). */
    private static boolean isUnnamed(Tokens t, Item source) {
        int head = source.last;
        for (int i = source.first + 1; i <= source.last; i++) {
            if (HEAD_STOPS.contains(t.lower[i])) {
                head = i - 1;
                break;
            }
        }
        char c = t.text.charAt(t.start[head]);
        return Character.isLowerCase(c) && !CueLexicon.PRONOUNS.contains(t.lower[head]);
    }
}
