package dev.parallax.core.analysis.entity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** How names are compared: normalised keys, acronyms, person-name compatibility, canonical names and roles. */
final class Names {
    private static final Pattern DOTTED_ACRONYM = Pattern.compile("\\b((?:[A-Za-z]\\.){2,})");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern COUNTRY_PREFIX = Pattern.compile("^(?:us|american|united states|america's) (?=\\S+ \\S)");
    private static final Pattern DEPARTMENT_SUFFIX = Pattern.compile("^(\\S+) (department|ministry)$");
    private static final Map<String, String> SPELLINGS = Map.of("defence", "defense", "organisation", "organization",
            "centre", "center", "labour", "labor", "programme", "program", "favour", "favor");
    private static final Set<String> CONNECTORS = Set.of("of", "the", "and", "for", "&", "de", "du", "von", "van");

    private Names() {}

    /**
     * Case-, quote- and spelling-insensitive form of a name: "the U.S. Department of Defence's" and "US Department of
     * Defense" are equal.
     */
    static String normalise(String name) {
        String s = name.replace('\u2019', '\'').replace('\u2018', '\'').strip();
        s = DOTTED_ACRONYM.matcher(s).replaceAll(m -> m.group(1).replace(".", ""));
        s = SPACES.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ");
        if (s.startsWith("the ")) {
            s = s.substring(4);
        }
        if (s.endsWith("'s")) {
            s = s.substring(0, s.length() - 2);
        }
        StringBuilder b = new StringBuilder(s.length());
        for (String w : s.split(" ")) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(SPELLINGS.getOrDefault(w, w));
        }
        return b.toString();
    }

    /** An organisation's name without a leading "US" and with "Defense Department" read as "Department of Defense". */
    private static String organisationForm(String normalised) {
        String s = COUNTRY_PREFIX.matcher(normalised).replaceFirst("");
        var m = DEPARTMENT_SUFFIX.matcher(s);
        return m.matches() ? m.group(2) + " of " + m.group(1) : s;
    }

    /** The well-known institution or country a name denotes, or null. */
    static Lexicon.Institution institution(String name) {
        String n = normalise(name);
        Lexicon.Institution i = Lexicon.INSTANCE.institutions.get(n);
        return i != null ? i : Lexicon.INSTANCE.institutions.get(organisationForm(n));
    }

    /** The key under which two names of one thing meet: the institution's canonical name, else the normalised form. */
    static String key(String name, EntityType type) {
        Lexicon.Institution i = institution(name);
        if (i != null) {
            return "=" + i.canonical().toLowerCase(Locale.ROOT);
        }
        String n = normalise(name);
        return type == EntityType.ORGANIZATION ? organisationForm(n) : n;
    }

    /** True when {@code acronym} is one all-capitals word spelling the initials of {@code expansion}'s words. */
    static boolean isAcronymOf(List<Token> acronym, List<Token> expansion) {
        return acronym.size() == 1 && expansion.size() > 1 && acronym.get(0).allCaps()
                && acronym.get(0).text().replace(".", "").equals(initials(expansion));
    }

    static String initials(List<Token> tokens) {
        StringBuilder b = new StringBuilder();
        for (Token t : tokens) {
            if (t.word() && !CONNECTORS.contains(t.text()) && !Lexicon.COMPANY_SUFFIXES.contains(t.text())) {
                b.append(Character.toUpperCase(t.text().charAt(0)));
            }
        }
        return b.toString();
    }

    static List<String> words(String name) {
        List<String> out = new ArrayList<>();
        for (Token t : Tokenizer.tokenize(name)) {
            if (t.word()) {
                out.add(t.text().replace('\u2019', '\'').toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /**
     * Whether two person names can be one person: same surname and compatible given names ("Pat Ryder" / "Patrick
     * Ryder", "P. Ryder"), or one is the other's surname alone ("Ryder"), or, for names written surname first, its
     * first word ("Li" / "Li Shangfu").
     */
    static boolean samePerson(List<String> a, List<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return false;
        }
        if (a.size() == 1 || b.size() == 1) {
            List<String> one = a.size() == 1 ? a : b;
            List<String> full = a.size() == 1 ? b : a;
            return one.get(0).equals(full.get(full.size() - 1)) || one.get(0).equals(full.get(0));
        }
        return a.get(a.size() - 1).equals(b.get(b.size() - 1)) && sameGivenName(a.get(0), b.get(0));
    }

    static boolean sameGivenName(String x, String y) {
        if (x.equals(y)) {
            return true;
        }
        String ix = x.endsWith(".") && x.length() == 2 ? x.substring(0, 1) : null;
        String iy = y.endsWith(".") && y.length() == 2 ? y.substring(0, 1) : null;
        if (ix != null || iy != null) {
            return x.charAt(0) == y.charAt(0);
        }
        Map<String, List<String>> nick = Lexicon.INSTANCE.nicknames;
        return nick.getOrDefault(x, List.of()).contains(y) || nick.getOrDefault(y, List.of()).contains(x);
    }

    /**
     * The most complete of several names of one entity: an institution's full name from the alias table; for a
     * person the name with most words, a full given name before a nickname; otherwise the longest.
     */
    static String canonical(List<String> aliases, EntityType type) {
        for (String a : aliases) {
            Lexicon.Institution i = institution(a);
            if (i != null && i.type() == type) {
                return i.canonical();
            }
        }
        String best = aliases.get(0);
        int bestScore = Integer.MIN_VALUE;
        for (String a : aliases) {
            List<String> w = words(a);
            int score = w.size() * 1000 + a.length();
            if (type == EntityType.PERSON && w.size() > 1 && Lexicon.INSTANCE.nicknames.containsKey(w.get(0))) {
                score -= 500;
            }
            if (score > bestScore) {
                bestScore = score;
                best = a;
            }
        }
        return best;
    }

    /**
     * The roles in a role phrase as written before a name: "Pentagon spokesman Air Force Brig. Gen." holds "Pentagon
     * spokesman" and "Air Force Brigadier General". A leading country ("US Defence Secretary") and courtesy titles
     * are dropped; abbreviated ranks are spelled out.
     */
    static List<String> roles(String rolePhrase) {
        List<String> out = new ArrayList<>();
        if (rolePhrase == null) {
            return out;
        }
        List<Token> toks = Tokenizer.tokenize(rolePhrase);
        List<String> unit = new ArrayList<>();
        for (int i = 0; i < toks.size(); i++) {
            Token t = toks.get(i);
            String w = t.text();
            if (Lexicon.HONORIFICS.contains(w)) {
                continue;
            }
            if (unit.isEmpty() && isCountry(w)) {
                continue;
            }
            unit.add(Lexicon.TITLE_EXPANSIONS.getOrDefault(w, w));
            boolean head = Lexicon.TITLE_HEADS.contains(w) || Lexicon.ROLE_NOUNS.contains(w);
            boolean rankEnds = Lexicon.RANKS.contains(w)
                    && (i + 1 == toks.size() || !Lexicon.RANKS.contains(toks.get(i + 1).text()));
            boolean continues = i + 1 < toks.size() && (toks.get(i + 1).is("of") || toks.get(i + 1).is("for"));
            if ((head || rankEnds) && !continues) {
                out.add(String.join(" ", unit));
                unit.clear();
            }
        }
        if (!unit.isEmpty() && !out.isEmpty()) {
            out.set(out.size() - 1, out.get(out.size() - 1) + " " + String.join(" ", unit));
        } else if (!unit.isEmpty()) {
            out.add(String.join(" ", unit));
        }
        return out;
    }

    private static boolean isCountry(String w) {
        Lexicon.Institution i = institution(w);
        return i != null && i.type() == EntityType.PLACE || Lexicon.INSTANCE.places.contains(w);
    }

    /** Adds {@code more} to {@code roles}, skipping roles already there up to case and spelling. */
    static void addRoles(List<String> roles, Iterable<String> more) {
        Set<String> seen = new LinkedHashSet<>();
        for (String r : roles) {
            seen.add(normalise(r));
        }
        for (String r : more) {
            if (seen.add(normalise(r))) {
                roles.add(r);
            }
        }
    }

    /** Adds {@code alias} to {@code aliases} unless it is there: spelling variants are kept, they are evidence. */
    static void addAlias(List<String> aliases, String alias) {
        if (!aliases.contains(alias)) {
            aliases.add(alias);
        }
    }

    /** Groups the mentions of one text into entities by their {@code entityId}. */
    static List<Entity> entities(String text, List<Mention> mentions) {
        Map<String, List<Mention>> byId = new LinkedHashMap<>();
        for (Mention m : mentions) {
            byId.computeIfAbsent(m.entityId(), k -> new ArrayList<>()).add(m);
        }
        List<Entity> out = new ArrayList<>();
        for (Map.Entry<String, List<Mention>> e : byId.entrySet()) {
            List<String> aliases = new ArrayList<>();
            List<String> roles = new ArrayList<>();
            for (Mention m : e.getValue()) {
                aliases.add(SPACES.matcher(m.textIn(text)).replaceAll(" "));
                addRoles(roles, roles(m.role()));
            }
            List<String> distinct = List.copyOf(new LinkedHashSet<>(aliases));
            EntityType type = e.getValue().get(0).type();
            out.add(new Entity(e.getKey(), canonical(distinct, type), type, distinct, roles));
        }
        return out;
    }
}
