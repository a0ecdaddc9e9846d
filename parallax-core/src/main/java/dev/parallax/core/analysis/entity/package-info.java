/**
 * Named entities in news text: mentions, in-document entities and story-level entities.
 *
 * <p>{@link dev.parallax.core.analysis.entity.EntityAnnotator} adds the {@code mentions} layer
 * ({@link dev.parallax.core.analysis.entity.Mention}: span of the name, type, in-document entity id, role as written).
 * {@link dev.parallax.core.analysis.entity.Entity#in} summarises the layer into in-document entities (canonical name,
 * aliases, normalised roles); it is derived rather than stored so that it cannot disagree with the layer.
 * {@link dev.parallax.core.analysis.entity.EntityResolver} joins the entities of a story's articles into
 * {@link dev.parallax.core.analysis.entity.StoryEntity} values, using removed captions for extra aliases and roles.
 *
 * <p>The annotator is rules over a light tokenizer plus compact word lists, with one small learned part (the typing of
 * names the rules type only weakly):
 * <ul>
 *   <li>candidates are capitalised sequences, joined over "of"/"for" after words like Department or Republic, "&amp;",
 *       name particles and "People's"-style possessives; a capitalised ordinary word opening a sentence
 *       ("Overnight", "Tensions") is dropped using {@code common-words.txt}, the lower-case share of each word in
 *       unlabelled Reuters-21578 and BBC news (built by {@code parallax train common-words});</li>
 *   <li>titles, ranks and role nouns ("Pentagon Press Secretary Brig. Gen.", "Chinese Embassy spokesman") make the
 *       following name a person and become its role; "Minister of National Defence Li Shangfu" ends the title after
 *       the ministry's subject words;</li>
 *   <li>typing, strongest evidence first: title or role; the institution table; organisation, place and event
 *       words; the place and demonym gazetteers; a known given name; then weaker guesses (two or three name-shaped
 *       words are a person, a dateline is a place, "firm X" an organisation, "in X" a place, any other lone word an
 *       organisation), which the averaged-perceptron weights in {@code type-model.tsv} then revise (trained by
 *       {@link dev.parallax.core.analysis.entity.EntityTypeTraining} on WikiGold documents 1-72 only);</li>
 *   <li>in-document chains: same normalised name (case, "the", British/American spelling, "U.S."/"US", "Defense
 *       Department"/"Department of Defense", a leading "US"), the institution table, acronym and expansion (in
 *       parentheses or by initials), a short name opening an organisation's name ("Ford"/"Ford Motor Co"), and person
 *       names: compatible full names ("Pat"/"Patrick" from {@code nicknames.txt}) and a lone surname, which makes
 *       that word a person even where the gazetteer has a city ("Austin" after "Lloyd Austin").</li>
 * </ul>
 *
 * <p>{@code institutions.txt} is the small alias table of well-known institutions and countries whose names share no
 * words ("Pentagon" = Department of Defense, "PRC" = China, "Kremlin", "Fed"); its canonical names are used as the
 * entities' canonical names. Keep it short: anything derivable by the rules above does not belong there.
 *
 * <p>Measured (see {@code dev.parallax.eval.entity}): exact-span CoNLL scores on WikiGold documents 73-145 (the rules
 * were only ever looked at against documents 1-72), the GUM Wikinews alias-chain check, and throughput on Reuters.
 */
package dev.parallax.core.analysis.entity;
