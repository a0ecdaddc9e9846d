package dev.parallax.core.analysis.quote;

import java.util.Set;

/** Word lists the tagger's features and the speaker rules read. */
final class CueLexicon {
    private CueLexicon() {}

    /** Words that commonly head a cue (all inflections, lower case); "according" stands for "according to". */
    static final Set<String> CUES = Set.copyOf(java.util.List.of(
            "say", "says", "said", "saying", "tell", "tells", "told", "telling", "add", "adds", "added", "adding",
            "state", "states", "stated", "stating", "remark", "remarks", "remarked", "remarking", "claim", "claims",
            "claimed", "claiming", "argue", "argues", "argued", "arguing", "note", "notes", "noted", "noting",
            "write", "writes", "wrote", "written", "writing", "ask", "asks", "asked", "asking", "according",
            "question", "questions", "questioned", "questioning", "predict", "predicts", "predicted", "predicting",
            "warn", "warns", "warned", "warning", "insist", "insists", "insisted", "insisting", "announce",
            "announces", "announced", "announcing", "deny", "denies", "denied", "denying", "explain", "explains",
            "explained", "explaining", "report", "reports", "reported", "reporting", "suggest", "suggests",
            "suggested", "suggesting", "call", "calls", "called", "calling", "describe", "describes", "described",
            "describing", "tweet", "tweets", "tweeted", "tweeting", "acknowledge", "acknowledges", "acknowledged",
            "acknowledging", "declare", "declares", "declared", "declaring", "continue", "continues", "continued",
            "believe", "believes", "believed", "think", "thinks", "thought", "want", "wants", "wanted", "show",
            "shows", "showed", "shown", "find", "finds", "found", "admit", "admits", "admitted", "admitting",
            "contend", "contends", "contended", "maintain", "maintains", "maintained", "agree", "agrees", "agreed",
            "respond", "responds", "responded", "reply", "replies", "replied", "recall", "recalls", "recalled",
            "promise", "promises", "promised", "vow", "vows", "vowed", "pledge", "pledges", "pledged", "accuse",
            "accuses", "accused", "criticize", "criticizes", "criticized", "criticise", "criticised", "praise",
            "praised", "urge", "urges", "urged", "estimate", "estimates", "estimated", "confirm", "confirms",
            "confirmed", "point", "pointed", "observe", "observed", "observes", "insisted", "concede", "conceded",
            "concedes", "emphasize", "emphasized", "emphasised", "stress", "stressed", "stresses", "complain",
            "complained", "complains", "charge", "charged", "allege", "alleged", "alleges", "assert", "asserts",
            "asserted", "mention", "mentioned", "indicate", "indicated", "indicates", "reveal", "revealed",
            "reveals", "hope", "hopes", "hoped", "fear", "fears", "feared", "expect", "expects", "expected",
            "worry", "worried", "worries", "demand", "demanded", "demands", "propose", "proposed", "proposes",
            "recommend", "recommended", "joke", "joked", "jokes", "quip", "quipped", "shout", "shouted", "yell",
            "yelled", "reply", "testify", "testified", "announce", "told", "posted", "post", "posts", "declined",
            "refused", "sees", "see", "saw", "feel", "feels", "felt", "know", "knows", "knew", "according",
            "explained", "conclude", "concluded", "concludes", "write", "blame", "blamed", "blames", "defend",
            "defended", "defends", "thank", "thanked", "wonder", "wondered", "speculate", "speculated", "reckon",
            "said:", "says:", "cited", "cite", "cites", "referring", "label", "labeled", "labelled", "brand",
            "branded", "dismiss", "dismissed", "dismisses", "repeat", "repeated", "repeats", "reiterate",
            "reiterated", "reiterates", "boast", "boasted", "boasts", "tout", "touted", "touts", "lament",
            "lamented", "laments", "concur", "wrote", "say-so", "inform", "informed", "informs", "assure",
            "assured", "assures", "signal", "signaled", "signalled", "signals", "clarify", "clarified"));

    static final Set<String> PRONOUNS = Set.of("he", "she", "they", "it", "i", "we", "you", "him", "her", "them",
            "his", "its", "their", "who", "which", "that");

    /** Personal pronouns whose antecedent a speaker resolves to. */
    static final Set<String> PERSON_PRONOUNS = Set.of("he", "she", "him", "her", "they", "them");
}
