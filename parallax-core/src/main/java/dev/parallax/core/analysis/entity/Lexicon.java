package dev.parallax.core.analysis.entity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The word lists behind mention detection. Small closed classes (titles, organisation words) are written here; the
 * gazetteers are resources next to this class: {@code places.txt}, {@code demonyms.txt}, {@code institutions.txt}
 * {@code nicknames.txt} and {@code given-names.txt} written for the project, and {@code common-words.txt} derived from unlabelled news by
 * {@code parallax train common-words}.
 */
final class Lexicon {
    /** Words whose final period belongs to the word. */
    static final Set<String> ABBREVIATIONS = set("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Brig", "Lt",
            "Col", "Maj", "Capt", "Adm", "Sgt", "Cmdr", "Cpl", "Pvt", "Prof", "Rev", "Fr", "St", "Jr", "Sr", "Inc",
            "Corp", "Co", "Ltd", "Bros", "Mt", "Ft", "Pres", "Supt", "Insp", "Messrs", "Hon", "Amb", "Lieut", "Gens");

    /** Expansions used to compare titles: "Brig. Gen." and "Brigadier General" are one rank. */
    static final Map<String, String> TITLE_EXPANSIONS = Map.ofEntries(Map.entry("Brig.", "Brigadier"),
            Map.entry("Gen.", "General"), Map.entry("Lt.", "Lieutenant"), Map.entry("Lieut.", "Lieutenant"),
            Map.entry("Col.", "Colonel"), Map.entry("Maj.", "Major"), Map.entry("Capt.", "Captain"),
            Map.entry("Adm.", "Admiral"), Map.entry("Sgt.", "Sergeant"), Map.entry("Cmdr.", "Commander"),
            Map.entry("Cpl.", "Corporal"), Map.entry("Pvt.", "Private"), Map.entry("Sen.", "Senator"),
            Map.entry("Rep.", "Representative"), Map.entry("Gov.", "Governor"), Map.entry("Pres.", "President"),
            Map.entry("Prof.", "Professor"), Map.entry("Supt.", "Superintendent"), Map.entry("Insp.", "Inspector"),
            Map.entry("Amb.", "Ambassador"), Map.entry("Gens.", "Generals"));

    /** Military and police ranks: a rank sequence ("Brig. Gen.") is one role. */
    static final Set<String> RANKS = set("Brig.", "Brigadier", "Gen.", "General", "Lt.", "Lieut.", "Lieutenant",
            "Col.", "Colonel", "Maj.", "Major", "Capt.", "Captain", "Adm.", "Admiral", "Sgt.", "Sergeant", "Cmdr.",
            "Commander", "Cpl.", "Corporal", "Pvt.", "Marshal", "Rear", "Field", "Gens.", "Commodore");

    /** Courtesy titles: they make a name a person's but are not roles. */
    static final Set<String> HONORIFICS = set("Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr", "Miss", "Sir",
            "Dame", "Lord", "Lady", "Madam", "Prof.", "Rev.", "Reverend", "Fr.", "Messrs.", "Hon.", "Mme", "Mme.");

    /** Capitalised words that end a title before a name ("Defence Secretary Lloyd Austin"). */
    static final Set<String> TITLE_HEADS = set("President", "Secretary", "Minister", "Premier", "Chancellor", "King",
            "Queen", "Prince", "Princess", "Pope", "Senator", "Sen.", "Governor", "Gov.", "Mayor", "Chairman",
            "Chairwoman", "Chairperson", "Director", "Speaker", "Ambassador", "Amb.", "Judge", "Attorney", "Advisor",
            "Adviser", "Spokesman", "Spokeswoman", "Spokesperson", "Representative", "Rep.", "Congressman",
            "Congresswoman", "Emperor", "Empress", "Sheikh", "Ayatollah", "Archbishop", "Bishop", "Cardinal",
            "Commissioner", "Inspector", "Superintendent", "Detective", "Prosecutor", "Coach", "CEO", "Executive",
            "Envoy", "Counsel", "Treasurer", "Pres.", "Vice-President", "President-elect", "Supt.", "Insp.",
            "Chief", "Leader", "Dictator", "Councillor", "Councilman", "Councilwoman", "Assemblyman", "Lawmaker",
            "Deputy", "Officer", "Sultan", "Tsar", "Czar", "Crown", "Duke", "Duchess", "Earl", "Baron", "Rabbi",
            "Imam", "Pastor", "Priest", "Saint", "MP", "MEP", "MSP");

    /** Lower-case role nouns that, right before a name, make it a person ("Chinese Embassy spokesman Liu Pengyu"). */
    static final Set<String> ROLE_NOUNS = set("spokesman", "spokeswoman", "spokesperson", "diplomat", "official",
            "minister", "secretary", "president", "chairman", "chairwoman", "chief", "leader", "envoy", "ambassador",
            "adviser", "advisor", "lawyer", "attorney", "director", "executive", "analyst", "economist", "professor",
            "coach", "manager", "founder", "actor", "actress", "singer", "author", "writer", "journalist", "reporter",
            "correspondent", "striker", "general", "commander", "governor", "senator", "mayor", "candidate", "premier",
            "chancellor", "activist", "lawmaker", "legislator", "prosecutor", "judge", "researcher", "scientist",
            "guitarist", "drummer", "vocalist", "bassist", "producer", "composer", "artist", "photographer",
            "dictator", "member", "player", "midfielder", "defender", "goalkeeper", "pitcher", "rapper", "musician",
            "pianist", "poet", "novelist", "playwright", "filmmaker", "politician", "businessman", "businesswoman",
            "entrepreneur", "owner", "boss", "deputy", "colonel", "captain", "lieutenant", "sergeant", "admiral",
            "officer", "priest", "bishop", "physician", "doctor", "teacher", "student", "spokesperson", "cofounder",
            "co-founder", "ceo", "chairperson", "presenter", "host", "designer", "architect", "painter", "sculptor",
            "historian", "philosopher", "mathematician", "physicist", "chemist", "engineer", "inventor", "explorer",
            "wife", "husband", "son", "daughter", "brother", "sister", "father", "mother", "widow", "nephew", "niece",
            "cousin", "uncle", "aunt", "grandson", "granddaughter", "frontman", "lyricist", "songwriter", "guitarist",
            "keyboardist", "boxer", "wrestler", "jockey", "cyclist", "driver", "batsman", "bowler", "quarterback");

    /** Words that make a capitalised sequence an organisation. */
    static final Set<String> ORG_WORDS = set("Department", "Ministry", "Embassy", "Consulate", "Army", "Navy",
            "Force", "Forces", "Corps", "Marines", "Guard", "Inc.", "Inc", "Corp.", "Corp", "Co.", "Co", "Ltd", "Ltd.",
            "LLC", "PLC", "plc", "AG", "GmbH", "SA", "NV", "Group", "Company", "Corporation", "Bank", "University",
            "College", "School", "Institute", "Academy", "Agency", "Administration", "Commission", "Committee",
            "Council", "Court", "Parliament", "Congress", "Senate", "Party", "Union", "Association", "Federation",
            "League", "Foundation", "Society", "Organization", "Organisation", "Office", "Bureau", "Service",
            "Services", "Police", "Airlines", "Airways", "Motors", "Holdings", "Partners", "Fund", "Trust",
            "Network", "Club", "FC", "Records", "Orchestra", "Church", "Hospital", "Museum", "Board", "Authority",
            "Exchange", "Reserve", "Assembly", "Cabinet", "Government", "Command", "Brigade", "Division", "Battalion",
            "Regiment", "Fleet", "Team", "Studios", "Pictures", "Entertainment", "Communications", "Technologies",
            "Systems", "Industries", "Electric", "Petroleum", "Pharmaceuticals", "Laboratories", "Labs", "Times",
            "Post", "Journal", "Tribune", "Herald", "Gazette", "Press", "News", "Broadcasting", "Television", "Radio",
            "Magazine", "Coalition", "Alliance", "Movement", "Front", "Brotherhood", "Cartel", "Syndicate",
            "Enterprises", "Ventures", "Capital", "Securities", "Insurance", "Bancorp", "Telecom", "Media", "Band",
            "Quartet", "Trio", "Ensemble", "Choir", "Brothers", "Mission", "Secretariat", "Directorate", "Tribunal",
            "Judiciary", "Legislature", "Politburo", "Duma", "Knesset", "Bundestag", "Junta", "Taliban", "Hamas",
            "Hezbollah", "Commonwealth", "Co-operative", "Cooperative", "Unit", "Squadron", "Wing", "Academy");

    /** Words that make a capitalised sequence a place when they end it. */
    static final Set<String> PLACE_WORDS = set("Street", "Avenue", "Road", "River", "Lake", "Mountain", "Mountains",
            "Mount", "Mt.", "Island", "Islands", "Bay", "Valley", "County", "Province", "Region", "City", "Park",
            "Square", "Bridge", "Strait", "Sea", "Ocean", "Peninsula", "Desert", "Coast", "Beach", "Canal", "District",
            "Village", "Town", "Airport", "Harbour", "Harbor", "Hills", "Heights", "Falls", "Gulf", "Cape",
            "Prefecture", "Oblast", "Territory", "Territories", "Borough", "Township", "Parish", "Creek", "Glacier",
            "Forest", "Plains", "Basin", "Delta", "Channel", "Port", "Station", "Stadium", "Arena", "Hall", "Courthouse",
            "Oval", "Field", "Base", "Hotel", "Auditorium", "Castle", "Palace", "Cathedral", "Abbey", "Temple",
            "Mosque", "Tower", "Mill", "Mills", "Springs", "Ridge", "Shire", "Gardens");

    /** Words that make a capitalised sequence a place when they open it ("Fort Bragg", "Lake Geneva"). */
    static final Set<String> PLACE_OPENERS = set("Fort", "Camp", "Mount", "Mt.", "Lake", "Port", "Cape", "Isle", "Gulf",
            "North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Central", "Upper",
            "Lower", "Greater", "San", "Santa", "Los", "Las", "St.", "Saint", "Sainte", "New");

    /** Words that make a capitalised sequence an event, work, law or the like. */
    static final Set<String> OTHER_WORDS = set("Dialogue", "Summit", "War", "Cup", "Championship", "Championships",
            "Olympics", "Games", "Award", "Awards", "Prize", "Act", "Treaty", "Agreement", "Accord", "Accords",
            "Festival", "Conference", "Forum", "Prix", "Trophy", "Bowl", "Expo",
            "Revolution", "Crisis", "Protocol", "Convention", "Declaration", "Doctrine", "Initiative",
            "Amendment", "Constitution", "Album", "Symphony", "Concerto", "Opera", "Marathon",
            "Election", "Elections", "Referendum", "Era", "Dynasty", "Empire");

    /** Words that may stand before "of" inside a name ("Department of Defense", "Republic of China"). */
    static final Set<String> OF_HEADS = set("Republic", "Kingdom", "States", "Emirates", "Commonwealth", "Isle",
            "Duke", "Duchess", "Earl", "Bank", "University", "Department", "Ministry", "Secretary", "Minister",
            "Museum", "Institute", "Academy", "College", "School", "Church", "Bishop", "Archbishop", "City",
            "Province", "Gulf", "Bay", "Sea", "Cape", "Lake", "Mount", "Court", "Council", "Board", "Office",
            "Bureau", "Union", "Federation", "League", "Association", "Society", "Organization", "Organisation",
            "Party", "Army", "Navy", "Chief", "Chiefs", "Director", "Chairman", "President", "Prince", "Princess",
            "King", "Queen", "Emperor", "Governor", "Mayor", "Speaker", "House", "Battle", "Siege", "Treaty",
            "Statue", "Tower", "Palace", "Cathedral", "Order", "Knights", "Sisters", "Brothers", "Friends", "Sons",
            "Daughters", "Children", "Lord", "Lady", "Strait", "Straits", "Island", "Islands", "Peace", "Declaration",
            "Agency", "Commission", "Committee", "Authority", "Hall", "Center", "Centre", "Prime", "Attorney",
            "Vice", "Commander", "Head", "State", "Embassy", "Consulate", "Court", "Ministry");

    /** Subject words of ministries and departments: "Minister of National Defence Li Shangfu" ends at "Defence". */
    static final Set<String> DOMAIN_WORDS = set("National", "Defence", "Defense", "Foreign", "Affairs", "State",
            "Finance", "Security", "Health", "Justice", "Interior", "Home", "Trade", "Commerce", "Industry",
            "Education", "Energy", "Homeland", "Public", "Economy", "Economic", "Agriculture", "Labour", "Labor",
            "Transport", "Transportation", "Environment", "Culture", "Information", "Communications", "Housing",
            "Development", "Treasury", "Veterans", "Internal", "External", "Social", "Welfare", "Science",
            "Technology", "Tourism", "Sports", "Youth", "Women", "Mines", "Petroleum", "Oil", "Water", "Resources",
            "Natural", "Planning", "Immigration", "Staff", "Joint", "Chiefs", "Human", "Services", "Intelligence",
            "Police", "Revenue", "Fisheries", "Forestry", "Urban", "Rural", "Infrastructure", "Digital", "Arts",
            "Heritage", "Emergency", "Management", "Budget", "Investigation", "and", "the", "&");

    /** Words that join a possessive into a name ("People's Liberation Army"). */
    static final Set<String> POSSESSIVE_JOINERS = set("People", "Workers", "Women", "Children", "Men", "Veterans",
            "Farmers", "Citizens", "Nations", "Traders", "Lloyd", "McDonald", "Macy", "Kellogg", "Sotheby",
            "Christie", "Moody", "Dunkin");

    /** Name particles that may sit inside a name between capitalised words. */
    static final Set<String> PARTICLES = set("de", "da", "di", "del", "della", "der", "den", "van", "von", "du",
            "la", "le", "bin", "ibn", "al", "el", "y", "dos", "das");

    /** Calendar words: capitalised, never names here (time expressions have their own layer). */
    static final Set<String> CALENDAR = set("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
            "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sept.", "Sep.", "Oct.",
            "Nov.", "Dec.", "Jan", "Feb", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "I", "AM", "PM", "A.M.",
            "P.M.", "OK", "TV", "GMT", "EST", "EDT", "BST", "UTC");

    /** Words that, right before an unknown name, say it is a company ("UK firm Phytopharm", "giant Bombardier"). */
    static final Set<String> COMPANY_NOUNS = set("firm", "company", "group", "maker", "giant", "rival", "retailer",
            "bank", "carrier", "airline", "subsidiary", "unit", "brokerage", "insurer", "conglomerate", "manufacturer",
            "producer", "supplier", "operator", "developer", "chain", "publisher", "broadcaster", "newspaper",
            "agency", "startup", "start-up", "lender", "miner", "refiner", "band", "club", "team", "label", "party");

    /** Prepositions that, right before an unknown name, say it is a place ("in Kalahari"). */
    static final Set<String> PLACE_PREPOSITIONS = set("in", "at", "near", "from", "across", "throughout", "outside",
            "inside", "around", "towards", "toward", "via", "into");

    /** Company-form suffixes, left out of a company's initials ("CP" for "Canadian Pacific Ltd"). */
    static final Set<String> COMPANY_SUFFIXES = set("Inc", "Inc.", "Corp", "Corp.", "Co", "Co.", "Ltd", "Ltd.", "LLC",
            "PLC", "plc", "AG", "GmbH", "SA", "NV", "Group", "Holdings", "Corporation", "Company", "Limited");

    /** A calendar word in any case ("MARCH", "March"). */
    static boolean isCalendar(String w) {
        if (CALENDAR.contains(w)) {
            return true;
        }
        if (w.length() < 3) {
            return false;
        }
        String title = w.charAt(0) + w.substring(1).toLowerCase(Locale.ROOT);
        return CALENDAR.contains(title);
    }

    final Set<String> places = new HashSet<>();
    final Map<String, String> demonyms = new HashMap<>();
    /** Normalised alias key -> institution. */
    final Map<String, Institution> institutions = new HashMap<>();
    /** Lower-cased short given name -> lower-cased full forms. */
    final Map<String, List<String>> nicknames = new HashMap<>();
    private final Set<String> givenNames = new HashSet<>();
    private final Map<String, Integer> lowerShare = new HashMap<>();

    record Institution(String canonical, EntityType type) {}

    static final Lexicon INSTANCE = new Lexicon();

    private Lexicon() {
        read("places.txt", line -> places.add(line));
        read("demonyms.txt", line -> {
            String[] f = line.split("\t", -1);
            demonyms.put(f[0], f.length > 1 ? f[1] : "");
        });
        read("institutions.txt", line -> {
            String[] f = line.split("\t");
            institutions.put(Names.normalise(f[0]), new Institution(f[1], EntityType.valueOf(f[2])));
        });
        read("nicknames.txt", line -> {
            String[] f = line.split("\t");
            List<String> full = new ArrayList<>();
            for (String s : f[1].split(",")) {
                full.add(s.toLowerCase(Locale.ROOT));
            }
            nicknames.put(f[0].toLowerCase(Locale.ROOT), List.copyOf(full));
            givenNames.add(f[0].toLowerCase(Locale.ROOT));
            givenNames.addAll(full);
        });
        read("given-names.txt", line -> {
            for (String name : line.split(" ")) {
                givenNames.add(name.toLowerCase(Locale.ROOT));
            }
        });
        read("common-words.txt", line -> {
            int tab = line.indexOf('\t');
            lowerShare.put(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1)));
        });
    }

    /** Per cent of a word's mid-sentence occurrences in unlabelled news that are lower case (0 when unseen). */
    int lowerShare(String word) {
        return lowerShare.getOrDefault(word.toLowerCase(Locale.ROOT), 0);
    }

    private static Set<String> set(String... words) {
        return Set.copyOf(Arrays.asList(words));
    }

    /** A common given name ("Lloyd", "Pat", "Patrick"). */
    boolean isGivenName(String w) {
        return givenNames.contains(w.toLowerCase(Locale.ROOT));
    }

    static boolean isTitle(String w) {
        return TITLE_HEADS.contains(w) || RANKS.contains(w) || HONORIFICS.contains(w);
    }

    private static void read(String resource, Consumer<String> line) {
        try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " next to " + Lexicon.class.getName());
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String s; (s = r.readLine()) != null; ) {
                if (!s.isBlank() && !s.startsWith("#")) {
                    line.accept(s.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading resource " + resource, e);
        }
    }
}
