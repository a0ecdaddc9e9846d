package dev.parallax.core.analysis.entity;

import dev.parallax.core.analysis.entity.MentionFinder.Candidate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Links the name candidates of one text into entities: the same normalised name or institution ("the Pentagon",
 * "US Department of Defence"), an acronym and its expansion, and person names ("Patrick Ryder" ... "Ryder", "Pat
 * Ryder"). A surname alone that matches a person named in full is that person, whatever the gazetteer says of it:
 * after "Lloyd Austin", "Austin" is not the city. The entity's type is then given to all its mentions.
 */
final class AliasChains {
    /**
     * A lone word may name a person by the first word of a full name only when it is a given name ("Angelo") or this
     * short: surnames written first (Li, Wang, Xi, Kim) are; "Perth" before "Perth Glory" is not.
     */
    private static final int MAX_LEADING_SURNAME = 4;

    private AliasChains() {}

    static List<Mention> link(String text, List<Candidate> cands) {
        int n = cands.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        Map<Candidate, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(cands.get(i), i);
        }
        List<List<String>> words = new ArrayList<>(n);
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Candidate c = cands.get(i);
            words.add(Names.words(c.surface(text)));
            if (c.partner != null) {
                union(parent, i, index.get(c.partner));
            }
        }
        for (int i = 0; i < n; i++) {
            Candidate c = cands.get(i);
            Integer other = byKey.putIfAbsent(Names.key(c.surface(text), c.type), i);
            if (other != null) {
                union(parent, i, other);
            }
        }
        linkAcronyms(cands, parent);
        linkShortOrganisations(cands, words, parent);
        linkPersons(cands, words, parent);

        int[] best = new int[n];
        for (int i = 0; i < n; i++) {
            best[i] = -1;
        }
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            if (best[r] < 0 || stronger(cands.get(i), cands.get(best[r]))) {
                best[r] = i;
            }
        }
        boolean[] vouched = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (!cands.get(i).tentative || cands.get(i).strength > 0) {
                vouched[find(parent, i)] = true;
            }
        }
        Map<Integer, String> ids = new HashMap<>();
        List<Mention> out = new ArrayList<>(n);
        for (Candidate c : sortedByStart(cands)) {
            int r = find(parent, index.get(c));
            if (!vouched[r]) {
                continue;
            }
            String id = ids.computeIfAbsent(r, k -> "e" + (ids.size() + 1));
            out.add(new Mention(c.start, c.end, cands.get(best[r]).type, id, c.role));
        }
        return out;
    }

    private static boolean stronger(Candidate a, Candidate b) {
        return a.strength > b.strength;
    }

    private static List<Candidate> sortedByStart(List<Candidate> cands) {
        List<Candidate> s = new ArrayList<>(cands);
        s.sort((a, b) -> a.start != b.start ? Integer.compare(a.start, b.start) : Integer.compare(a.end, b.end));
        return s;
    }

    /** An all-capitals word and a longer name whose initials it spells ("PLA", "People's Liberation Army"). */
    private static void linkAcronyms(List<Candidate> cands, int[] parent) {
        Map<String, Integer> byInitials = new HashMap<>();
        for (int i = 0; i < cands.size(); i++) {
            Candidate c = cands.get(i);
            if (c.tokens.size() > 1 && c.type != EntityType.PERSON) {
                byInitials.putIfAbsent(Names.initials(c.tokens), i);
            }
        }
        for (int i = 0; i < cands.size(); i++) {
            Candidate c = cands.get(i);
            if (c.tokens.size() == 1 && c.tokens.get(0).allCaps() && c.tokens.get(0).text().length() > 1) {
                Integer e = byInitials.get(c.tokens.get(0).text().replace(".", ""));
                if (e != null) {
                    union(parent, i, e);
                }
            }
        }
    }

    /**
     * A shorter name that opens an organisation's name is that organisation: "Ford" and "Ford Motor Co", "USX" and
     * "USX Corp". Known places keep their own entity ("Washington" in "Washington Public Power").
     */
    private static void linkShortOrganisations(List<Candidate> cands, List<List<String>> words, int[] parent) {
        for (int i = 0; i < cands.size(); i++) {
            Candidate c = cands.get(i);
            if (c.strength >= 2 || c.type == EntityType.PERSON && c.strength >= 1) {
                continue;
            }
            for (int o = 0; o < cands.size(); o++) {
                Candidate org = cands.get(o);
                List<String> w = words.get(o);
                if (org.type == EntityType.ORGANIZATION && org.strength >= 3 && w.size() > words.get(i).size()
                        && w.subList(0, words.get(i).size()).equals(words.get(i))) {
                    union(parent, i, o);
                    c.type = EntityType.ORGANIZATION;
                    c.strength = 2;
                    break;
                }
            }
        }
    }

    private static void linkPersons(List<Candidate> cands, List<List<String>> words, int[] parent) {
        List<Integer> full = new ArrayList<>();
        for (int i = 0; i < cands.size(); i++) {
            if (cands.get(i).type == EntityType.PERSON && words.get(i).size() > 1) {
                full.add(i);
            }
        }
        for (int x = 0; x < full.size(); x++) {
            for (int y = x + 1; y < full.size(); y++) {
                int a = full.get(x);
                int b = full.get(y);
                if (Names.samePerson(words.get(a), words.get(b))) {
                    union(parent, a, b);
                }
            }
        }
        for (int i = 0; i < cands.size(); i++) {
            Candidate c = cands.get(i);
            if (words.get(i).size() != 1 || c.strength >= 3 && c.type != EntityType.PERSON) {
                continue;
            }
            int match = nearestPerson(i, words, full, true);
            String w = words.get(i).get(0);
            if (match < 0 && (w.length() <= MAX_LEADING_SURNAME || Lexicon.INSTANCE.isGivenName(w))) {
                match = nearestPerson(i, words, full, false);
            }
            if (match >= 0) {
                union(parent, i, match);
                c.type = EntityType.PERSON;
                c.strength = Math.max(c.strength, 2);
            }
        }
    }

    /** The closest full person name before {@code i} (else the first after it) ending, or else starting, with it. */
    private static int nearestPerson(int i, List<List<String>> words, List<Integer> full, boolean surname) {
        String w = words.get(i).get(0);
        int before = -1;
        int after = -1;
        for (int f : full) {
            List<String> name = words.get(f);
            if (!(surname ? name.get(name.size() - 1) : name.get(0)).equals(w)) {
                continue;
            }
            if (f < i) {
                before = f;
            } else if (after < 0) {
                after = f;
            }
        }
        return before >= 0 ? before : after;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }
}
