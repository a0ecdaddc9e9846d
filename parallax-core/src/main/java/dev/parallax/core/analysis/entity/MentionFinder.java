package dev.parallax.core.analysis.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds name candidates: capitalised sequences (with "of", "&", name particles and "People's"-style possessives inside),
 * minus sentence-initial ordinary words, split into a role ("Pentagon Press Secretary Brig. Gen.") and a name, and
 * typed from titles, organisation/place/event words and the gazetteers. In-document evidence ("Austin" after "Lloyd
 * Austin") is applied later by {@link AliasChains}.
 */
final class MentionFinder {
    /** Above this share of lower-case use, a lone capitalised word mid-sentence is a heading word, not a name. */
    private static final int HEADING_WORD_SHARE = 70;
    /** At or above this share, a capitalised word opening a sentence is an ordinary word. */
    private static final int ORDINARY_WORD_SHARE = 50;
    /** Names typed at most this strongly by the rules are typed by the learned model instead. */
    static final int LEARNED_UP_TO = 1;
    /** At most this many modifiers stand before a title ("US National Security Advisor"). */
    private static final int MAX_TITLE_MODIFIERS = 3;

    /** A name found in the text, before in-document linking. */
    static final class Candidate {
        final int first;
        final int last;
        final int start;
        final int end;
        final List<Token> tokens;
        final String role;
        EntityType type;
        int strength;
        Candidate partner;
        /** An unknown word opening a sentence: kept only if another mention vouches for it ("Ryder added"). */
        boolean tentative;
        /** The typing model's features, for a weakly typed name (null otherwise). */
        List<String> features;

        Candidate(List<Token> all, int first, int last, EntityType type, int strength, String role) {
            this.first = first;
            this.last = last;
            this.tokens = all.subList(first, last + 1);
            this.start = tokens.get(0).start();
            this.end = tokens.get(tokens.size() - 1).end();
            this.type = type;
            this.strength = strength;
            this.role = role;
        }

        String surface(String text) {
            return text.substring(start, end);
        }
    }

    private record Typing(EntityType type, int strength) {}

    private final Lexicon lex = Lexicon.INSTANCE;
    private final TypeModel model;

    MentionFinder(TypeModel model) {
        this.model = model;
    }

    List<Candidate> find(String text) {
        List<Token> toks = Tokenizer.tokenize(text);
        int n = toks.size();
        boolean[] cap = new boolean[n];
        // A name never runs over a paragraph break (a blank line, as the cleaner joins paragraphs): a heading,
        // dateline or byline paragraph ("Associated Press", "NEW YORK") is no part of the name that opens the next
        // one. (A single line break is left as it was: the type model's training text, CoNLL with one sentence a
        // line, was cut into candidates that way.)
        boolean[] newLine = new boolean[n];
        for (int i = 0; i < n; i++) {
            cap[i] = isNameWord(toks.get(i));
            newLine[i] = i > 0 && blankLine(text, toks.get(i - 1).end(), toks.get(i).start());
        }
        List<Candidate> out = new ArrayList<>();
        int i = 0;
        while (i < n) {
            if (!cap[i]) {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < n && !newLine[j]) {
                if (cap[j]) {
                    j++;
                    continue;
                }
                int k = joinedUpTo(toks, cap, j);
                if (k < 0 || newLine[k] || newLine[k - 1]) {
                    break;
                }
                j = k;
            }
            run(text, toks, cap, i, j, out);
            i = j;
        }
        linkParentheses(toks, out);
        return out;
    }

    /** Whether {@code text[from, to)} holds two line breaks. */
    private static boolean blankLine(String text, int from, int to) {
        int first = text.indexOf('\n', from);
        return first >= 0 && first < to && text.indexOf('\n', first + 1) >= 0 && text.indexOf('\n', first + 1) < to;
    }

    private boolean isNameWord(Token t) {
        if (!t.capitalised() || Lexicon.isCalendar(t.text()) || hasLowerCaseTail(t.text())
                || isContraction(t.text())) {
            return false;
        }
        if (!t.sentenceStart() || t.allCaps()) {
            return true;
        }
        String w = t.text();
        return lex.lowerShare(w) < ORDINARY_WORD_SHARE || Lexicon.isTitle(w) || lex.places.contains(w)
                || lex.demonyms.containsKey(w);
    }

    /** "Don't", "It'll": a capitalised contraction opens a sentence, it names nothing. */
    private static boolean isContraction(String w) {
        String s = w.replace('\u2019', '\'').toLowerCase(Locale.ROOT);
        return s.endsWith("n't") || s.endsWith("'ll") || s.endsWith("'re") || s.endsWith("'ve") || s.endsWith("'m")
                || s.endsWith("'d");
    }

    /** "Montreal-based", "Asia-to-Europe": a capitalised word joined to ordinary words is not a name. */
    private static boolean hasLowerCaseTail(String w) {
        int dash = w.lastIndexOf('-');
        return dash > 0 && dash + 1 < w.length() && Character.isLowerCase(w.charAt(dash + 1));
    }

    /** If the non-name token at {@code j} joins the run before it to a name word after it, that word's index. */
    private static int joinedUpTo(List<Token> toks, boolean[] cap, int j) {
        Token t = toks.get(j);
        String prev = toks.get(j - 1).text();
        String w = t.text();
        if ((w.equals("of") || w.equals("for")) && (Lexicon.OF_HEADS.contains(prev) || Lexicon.ORG_WORDS.contains(prev))) {
            if (j + 1 < cap.length && cap[j + 1]) {
                return j + 1;
            }
            if (j + 2 < cap.length && toks.get(j + 1).is("the") && cap[j + 2]) {
                return j + 2;
            }
            return -1;
        }
        boolean nextCap = j + 1 < cap.length && cap[j + 1];
        if (!nextCap) {
            return -1;
        }
        if (w.equals("&") || Lexicon.PARTICLES.contains(w)) {
            return j + 1;
        }
        if (isPossessive(t) && Lexicon.POSSESSIVE_JOINERS.contains(prev)) {
            return j + 1;
        }
        return -1;
    }

    private static boolean isPossessive(Token t) {
        return !t.word() && t.text().length() == 2;
    }

    /** Splits the run [i, j) into a role and a name and adds the candidates it holds. */
    private void run(String text, List<Token> toks, boolean[] cap, int i, int j, List<Candidate> out) {
        int roleStartChar = -1;
        boolean titled = false;
        if (i > 0) {
            Token before = toks.get(i - 1);
            if (before.word() && !before.capitalised()
                    && Lexicon.ROLE_NOUNS.contains(before.text().toLowerCase(Locale.ROOT))) {
                int k = i - 2;
                while (k >= 0 && cap[k]) {
                    k--;
                }
                roleStartChar = toks.get(k + 1).start();
                titled = true;
            }
        }
        int roleEnd = i;
        int firstTitle = -1;
        for (int p = i; p < j; p++) {
            String w = toks.get(p).text();
            if (!Lexicon.isTitle(w)) {
                continue;
            }
            if (p - roleEnd > MAX_TITLE_MODIFIERS) {
                break;
            }
            if (firstTitle < 0) {
                firstTitle = p;
            }
            roleEnd = p + 1;
            if (p + 1 < j && (toks.get(p + 1).is("of") || toks.get(p + 1).is("for"))) {
                int r = p + 2;
                while (r < j && Lexicon.DOMAIN_WORDS.contains(toks.get(r).text())) {
                    r++;
                }
                if (r > p + 2) {
                    roleEnd = r;
                    p = r - 1;
                }
            }
        }
        if (roleEnd > i && roleEnd < j && keywordTyped(toks.subList(roleEnd, j))) {
            roleEnd = i;
            firstTitle = -1;
        }
        if (roleEnd > i) {
            if (firstTitle > i) {
                addRoleModifier(text, toks, i, firstTitle, out);
            }
            if (roleStartChar < 0) {
                roleStartChar = toks.get(i).start();
            }
            titled = true;
        }
        if (roleEnd == j) {
            return;
        }
        if (titled && roleEnd == i) {
            // A role noun right before what its own words say is an organisation or a place is no title.
            Typing own = typing(text, toks, i, j);
            if (own.type() != EntityType.PERSON && own.strength() >= 2) {
                titled = false;
            }
        }
        String role = null;
        if (titled) {
            int roleEndChar = roleEnd > i ? toks.get(roleEnd - 1).end() : toks.get(i - 1).end();
            role = roleOnlyHonorific(toks, i, roleEnd) ? null : text.substring(roleStartChar, roleEndChar);
        }
        addName(text, toks, roleEnd, j, titled, role, out);
    }

    private static boolean roleOnlyHonorific(List<Token> toks, int from, int to) {
        if (to <= from) {
            return false;
        }
        for (int p = from; p < to; p++) {
            if (!Lexicon.HONORIFICS.contains(toks.get(p).text())) {
                return false;
            }
        }
        return true;
    }

    /** "Pentagon" in "Pentagon Press Secretary", "US" in "US Defence Secretary": names inside a role. */
    private void addRoleModifier(String text, List<Token> toks, int from, int to, List<Candidate> out) {
        Typing head = typing(text, toks, from, from + 1);
        if (head.strength() >= 2) {
            out.add(new Candidate(toks, from, from, head.type(), head.strength(), null));
            return;
        }
        Typing whole = typing(text, toks, from, to);
        if (whole.strength() >= 2) {
            out.add(new Candidate(toks, from, to - 1, whole.type(), whole.strength(), null));
        }
    }

    private void addName(String text, List<Token> toks, int a, int b, boolean titled, String role,
            List<Candidate> out) {
        Token first = toks.get(a);
        if (b - a == 1 && !titled) {
            String w = first.text();
            boolean known = lex.places.contains(w) || lex.demonyms.containsKey(w)
                    || lex.institutions.containsKey(Names.normalise(w));
            if (!known && ((!first.sentenceStart() && !first.allCaps() && lex.lowerShare(w) >= HEADING_WORD_SHARE)
                    || w.length() == 1 || Lexicon.isTitle(w))) {
                return;
            }
        }
        if (!titled && b - a > 1 && lex.demonyms.containsKey(first.text())) {
            Typing whole = typing(text, toks, a, b);
            if (whole.strength() < 3 && !lex.demonyms.containsKey(text.substring(first.start(), toks.get(b - 1).end()))) {
                out.add(new Candidate(toks, a, a, EntityType.OTHER, 2, null));
                addName(text, toks, a + 1, b, false, null, out);
                return;
            }
        }
        Typing t = titled ? new Typing(EntityType.PERSON, 3) : typing(text, toks, a, b);
        if (t.strength() <= 1) {
            t = fromContext(toks, a, b, t);
        }
        List<String> features = null;
        if (t.strength() <= LEARNED_UP_TO) {
            features = TypeModel.features(toks, a, b, t.type(), t.strength());
            EntityType learned = model.predict(features);
            if (learned != null) {
                t = new Typing(learned, t.strength());
            }
        }
        Candidate c = new Candidate(toks, a, b - 1, t.type(), t.strength(), role);
        c.tentative = t.strength() == 0 && b - a == 1 && first.sentenceStart();
        c.features = features;
        out.add(c);
    }

    /**
     * Types a name its own words leave open from the words around it: a dateline ("LONDON, March 9 -"), a company
     * noun before it ("UK firm Phytopharm"), a place preposition before it ("in Kalahari").
     */
    private static Typing fromContext(List<Token> toks, int a, int b, Typing own) {
        if (a == 0 && b < toks.size() && toks.get(b).is(",") && toks.get(0).allCaps()) {
            return new Typing(EntityType.PLACE, 2);
        }
        if (a > 0) {
            String before = toks.get(a - 1).text();
            if (Lexicon.COMPANY_NOUNS.contains(before)) {
                return new Typing(EntityType.ORGANIZATION, 1);
            }
            if (own.strength() == 0 && b - a == 1 && Lexicon.PLACE_PREPOSITIONS.contains(before)) {
                return new Typing(EntityType.PLACE, 1);
            }
        }
        if (b - a == 1 && toks.get(a).allCaps() && toks.get(a).text().matches("[A-Z]+\\.[A-Z]{1,2}")) {
            return new Typing(EntityType.ORGANIZATION, 2);
        }
        return own;
    }

    private static boolean keywordTyped(List<Token> name) {
        for (Token t : name) {
            if (Lexicon.ORG_WORDS.contains(t.text()) || Lexicon.OTHER_WORDS.contains(t.text())
                    || Lexicon.PLACE_WORDS.contains(t.text())) {
                return true;
            }
        }
        return false;
    }

    /** The type of tokens [a, b) from their own words, with a strength: 3 sure, 2 likely, 1 a guess, 0 unknown. */
    private Typing typing(String text, List<Token> toks, int a, int b) {
        String surface = text.substring(toks.get(a).start(), toks.get(b - 1).end());
        Lexicon.Institution inst = Names.institution(surface);
        if (inst != null) {
            return new Typing(inst.type(), 3);
        }
        for (int p = a; p < b; p++) {
            if (Lexicon.ORG_WORDS.contains(toks.get(p).text())) {
                return new Typing(EntityType.ORGANIZATION, 3);
            }
        }
        String last = toks.get(b - 1).text();
        if (Lexicon.PLACE_WORDS.contains(last) && b - a > 1) {
            return new Typing(EntityType.PLACE, 2);
        }
        for (int p = b - a == 1 ? a : a + 1; p < b; p++) {
            if (Lexicon.OTHER_WORDS.contains(toks.get(p).text())) {
                return new Typing(EntityType.OTHER, 2);
            }
        }
        if (lex.places.contains(surface)) {
            return new Typing(EntityType.PLACE, 2);
        }
        if (lex.demonyms.containsKey(surface)) {
            return new Typing(EntityType.OTHER, 2);
        }
        if (b - a == 1 && toks.get(a).allCaps() && last.length() <= 6 && last.chars().allMatch(Character::isLetter)) {
            return new Typing(EntityType.ORGANIZATION, 1);
        }
        if (b - a <= 4 && lex.isGivenName(toks.get(a).text()) && allNameShaped(toks, a, b)) {
            return new Typing(EntityType.PERSON, b - a == 1 ? 1 : 2);
        }
        if (b - a >= 2 && Lexicon.PLACE_OPENERS.contains(toks.get(a).text())) {
            return new Typing(EntityType.PLACE, 1);
        }
        if (b - a >= 2 && b - a <= 3 && allNameShaped(toks, a, b) && noOrdinaryWord(toks, a, b)) {
            return new Typing(EntityType.PERSON, 1);
        }
        // Nothing says what it is. In news a lone unknown capitalised word is most often a company ("Unilever",
        // "Nomura"); on WikiGold's tuning half a place would score higher (F1 0.584 against 0.572), but this is a
        // news annotator. A model number ("Su-35") or a longer phrase is left as OTHER.
        boolean word = b - a == 1 && toks.get(a).text().chars().allMatch(Character::isLetter);
        return new Typing(word ? EntityType.ORGANIZATION : EntityType.OTHER, 0);
    }

    /** No word of a name is mostly written in lower case: "Velvet Revolver" is no person, "Wei Fenghe" may be. */
    private boolean noOrdinaryWord(List<Token> toks, int a, int b) {
        for (int p = a; p < b; p++) {
            if (lex.lowerShare(toks.get(p).text()) >= ORDINARY_WORD_SHARE) {
                return false;
            }
        }
        return true;
    }

    private static boolean allNameShaped(List<Token> toks, int a, int b) {
        for (int p = a; p < b; p++) {
            String w = toks.get(p).text();
            if (!Character.isUpperCase(w.charAt(0))) {
                return false;
            }
            for (int c = 1; c < w.length(); c++) {
                char ch = w.charAt(c);
                if (!Character.isLetter(ch) && ch != '-' && ch != '\'' && ch != '.' && ch != '\u2019') {
                    return false;
                }
            }
        }
        return true;
    }

    /** "People's Liberation Army (PLA)" and "PRC (People's Republic of China)": the two name one thing. */
    private static void linkParentheses(List<Token> toks, List<Candidate> out) {
        for (int c = 0; c + 1 < out.size(); c++) {
            Candidate a = out.get(c);
            Candidate b = out.get(c + 1);
            if (b.first == a.last + 2 && toks.get(a.last + 1).is("(") && b.last + 1 < toks.size()
                    && toks.get(b.last + 1).is(")")
                    && (Names.isAcronymOf(b.tokens, a.tokens) || Names.isAcronymOf(a.tokens, b.tokens))) {
                a.partner = b;
                b.partner = a;
            }
        }
    }
}
