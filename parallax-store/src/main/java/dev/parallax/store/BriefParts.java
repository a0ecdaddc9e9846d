package dev.parallax.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.parallax.core.brief.Brief;
import dev.parallax.core.brief.BriefChanges;
import dev.parallax.core.brief.Parallel;
import dev.parallax.core.brief.Brief.Claim;
import dev.parallax.core.brief.Brief.Discrepancy;
import dev.parallax.core.brief.Brief.Framing;
import dev.parallax.core.brief.Brief.QuoteRow;
import dev.parallax.core.brief.Brief.Span;
import dev.parallax.core.brief.Brief.Speaker;
import dev.parallax.core.brief.Brief.Status;
import dev.parallax.core.brief.Brief.SummarySentence;
import dev.parallax.core.brief.Brief.TimePoint;
import dev.parallax.core.brief.Brief.Voice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * A brief cut into parts (schema V5): one row per claim, quote row, speaker, discrepancy and timeline point, and a
 * small header with the voices, notes, framing, summary and the order of every part. After one more article most
 * parts are what they were, so a save that knows the parts of the last save ({@link State}) writes only the parts that
 * changed and deletes those that went. Claim ids are not stored: a claim is numbered by its position, which moves
 * whenever a claim gains a voice; parts refer to a claim by its part number, which stays while the claim keeps its
 * first span. Coverage is derived from the claims ({@link Brief#coverage}), so it is not stored either.
 */
final class BriefParts {
    static final String CLAIM = "claim", QUOTE = "quote", SPEAKER = "speaker", WORDING = "wording",
            DISCREPANCY = "discrepancy", TIME = "time", CITATIONS = "citations";
    static final List<String> KINDS = List.of(CLAIM, QUOTE, SPEAKER, WORDING, DISCREPANCY, TIME, CITATIONS);
    /**
     * Items of a speaker's wording differences, or of a time point's citations, per part. A story's main date or
     * speaker gathers hundreds (a megabyte of JSON), and one more article adds a few at the end: only the last chunk,
     * and the small part that counts them, change.
     */
    static final int CHUNK = 16;

    /** A claim without its id. */
    record ClaimPart(Status status, List<String> outlets, List<Span> spans) {}

    /** A speaker without its wording differences, which are stored in {@link #CHUNK}s under its key. */
    record SpeakerPart(String name, List<String> outlets, int quotes, boolean differentStatements, int wording) {}

    /** A time point without its citations, which are stored in {@link #CHUNK}s under its key. */
    record TimePart(String value, String text, String article, String sentence, boolean inferred, int citations) {}

    /**
     * What the brief holds besides its parts. Framing, summary (and the parts) carry claim part numbers in their
     * {@code claim} fields; {@code runs} gives each kind's part numbers in brief order as runs of consecutive numbers
     * (first, length, first, length, …): parts keep their numbers across saves, so a 35k-part order is a few hundred
     * runs, and the header written on every update stays small. Headers written before list the numbers ({@code
     * order}), and are read as they are.
     */
    record Header(List<Voice> voices, List<String> notes, List<Framing> framing, List<SummarySentence> summary,
            Map<String, int[]> order, Map<String, int[]> runs, int next) {
        /** Each kind's part numbers in brief order. */
        Map<String, int[]> numbers() {
            if (order != null) {
                return order;
            }
            Map<String, int[]> out = new HashMap<>();
            runs.forEach((kind, r) -> out.put(kind, expand(r)));
            return out;
        }
    }

    /** The numbers as runs of consecutive ones: first, length, first, length, … */
    static int[] runs(int[] numbers) {
        int[] out = new int[2 * numbers.length];
        int n = 0;
        for (int i = 0; i < numbers.length; i++) {
            if (n > 0 && numbers[i] == out[n - 2] + out[n - 1]) {
                out[n - 1]++;
            } else {
                out[n++] = numbers[i];
                out[n++] = 1;
            }
        }
        return Arrays.copyOf(out, n);
    }

    static int[] expand(int[] runs) {
        int size = 0;
        for (int i = 1; i < runs.length; i += 2) {
            size += runs[i];
        }
        int[] out = new int[size];
        for (int i = 0, at = 0; i < runs.length; i += 2) {
            for (int k = 0; k < runs[i + 1]; k++) {
                out[at++] = runs[i] + k;
            }
        }
        return out;
    }

    /** One part: its number, its identity across saves and its stored value. */
    record Part(int no, String key, Object value) {}

    /**
     * The stored parts of one kind: by key, and in brief order. Parts of a chunked kind are in their owners' order,
     * owner {@code i}'s from {@code owners[i]} up to {@code owners[i + 1]}; {@code owners} is null for other kinds.
     */
    record Parts(Map<String, Part> byKey, Part[] order, int[] owners) {}

    /**
     * The parts of a stored brief by kind, at one revision of its row, the brief they were cut from, and the part
     * number of each of its claims by claim id.
     */
    record State(long revision, Brief brief, Map<String, Parts> parts, int next, int[] claimNo) {}

    /** Whether an item is the very object the previous brief's item {@code from} was, with what it refers to unmoved. */
    @FunctionalInterface
    interface AsBefore {
        boolean test(int item, int from);
    }

    /**
     * What a save writes: the new state, its header, the parts to write and the part numbers to delete; whether the
     * brief's items were compared with the parts of the items they continue ({@link BriefChanges}); the CPU time the
     * comparison spent on other threads, and the heap it allocated there.
     */
    record Change(State state, Header header, List<Row> write, Map<String, List<Integer>> delete, boolean followed,
            long offThreadNanos, long offThreadBytes) {}

    record Row(String kind, Part part) {}

    private final ObjectMapper mapper = new ObjectMapper();
    private final ObjectWriter writer = mapper.writer();
    private final ObjectReader headerReader = mapper.readerFor(Header.class);
    private final Map<String, ObjectReader> readers = Map.of(CLAIM, mapper.readerFor(ClaimPart.class),
            QUOTE, mapper.readerFor(QuoteRow.class), SPEAKER, mapper.readerFor(SpeakerPart.class),
            WORDING, mapper.readerFor(mapper.getTypeFactory().constructCollectionType(List.class,
                    Brief.WordingDifference.class)),
            DISCREPANCY, mapper.readerFor(Discrepancy.class), TIME, mapper.readerFor(TimePart.class),
            CITATIONS, mapper.readerFor(mapper.getTypeFactory().constructCollectionType(List.class,
                    Brief.TimeCitation.class)));

    /**
     * Cuts the brief into parts and compares them with {@code last} (the parts stored at the revision the row has
     * now), or with nothing when it is null: then every part is written. When {@code changes} says where the brief's
     * items come from in the brief {@code last} was cut from, each item is compared with the part of the item it
     * continues; the others (and those that differ) are found by key. {@code last} is updated in place: the caller
     * drops it when the save fails.
     */
    Change change(Brief brief, State last, long revision, BriefChanges changes) {
        boolean follows = last != null && changes != null && changes.previous() == last.brief();
        int[] next = {last == null ? 1 : last.next()};
        Map<String, Parts> parts = new LinkedHashMap<>();
        Map<String, int[]> order = new LinkedHashMap<>();
        List<Row> write = new ArrayList<>();
        Map<String, List<Integer>> delete = new LinkedHashMap<>();
        class Kind {
            final String name;
            final Parts was;
            final Map<String, Part> byKey;
            final Part[] now;
            /** Part numbers this save has placed an item in, so that no two items take one. */
            final BitSet taken = new BitSet();
            int[] owners;

            Kind(String name, int size) {
                this.name = name;
                this.was = last == null ? null : last.parts().get(name);
                this.byKey = was == null ? new HashMap<>() : was.byKey();
                this.now = new Part[size];
            }

            /**
             * The stored part {@code from} stays as it is, with no value made or compared, when the item is what the
             * part was cut from ({@code asBefore}): after one more article, most of a large brief's ~35k items.
             */
            boolean keepAsIs(int i, int from, AsBefore asBefore) {
                if (!follows || was == null || from < 0 || from >= was.order().length || !asBefore.test(i, from)) {
                    return false;
                }
                Part p = was.order()[from];
                if (taken.get(p.no())) {
                    return false;
                }
                taken.set(p.no());
                now[i] = p;
                return true;
            }

            /** The item continues the stored part {@code from} when that part holds the same value. */
            boolean keep(int i, int from, Object value) {
                if (!follows || was == null || from < 0 || from >= was.order().length) {
                    return false;
                }
                Part p = was.order()[from];
                if (taken.get(p.no()) || !p.value().equals(value)) {
                    return false;
                }
                taken.set(p.no());
                // Kept with the new value: its fields are the builder's objects, which the next save's items share,
                // so that comparing them stops at identity (a value read from the row would be compared field by field).
                // The part under its key is left as it was (same number, an equal value): putting every kept part
                // back, ~35k for a large story, was a tenth of an update.
                now[i] = new Part(p.no(), p.key(), value);
                return true;
            }

            /**
             * The item under the key made unique among this save's parts: the part of that key when no item took it
             * yet (written unless it holds the same value), else a new part.
             */
            Part place(int i, String key, Object value) {
                String unique = key;
                for (int n = 2; ; n++) {
                    Part q = byKey.get(unique);
                    if (q == null || !taken.get(q.no())) {
                        Part p = new Part(q == null ? next[0]++ : q.no(), unique, value);
                        byKey.put(unique, p);
                        if (q == null || !q.value().equals(value)) {
                            write.add(new Row(name, p));
                        }
                        taken.set(p.no());
                        now[i] = p;
                        return p;
                    }
                    unique = key + "#" + n;
                }
            }

            /** Places every item: first those that continue a stored part, then the rest by key. */
            void all(IntFunction<Object> value, int[] from, AsBefore asBefore, IntFunction<String> key) {
                keepAll(value, from, asBefore);
                placeRest(key);
            }

            /** Each item's part value, made only for the items not kept as they were. */
            private Object[] values;
            private final List<Integer> rest = new ArrayList<>();

            /**
             * Keeps the items that continue a stored part unchanged: as it is when the item is what it was cut from,
             * else when its value ({@code value}) is equal. Touches only this kind's parts, so kinds do it on both
             * cores; new part numbers are given after, kind by kind, by {@link #placeRest}.
             */
            void keepAll(IntFunction<Object> value, int[] from, AsBefore asBefore) {
                values = new Object[now.length];
                for (int i = 0; i < now.length; i++) {
                    int f = from == null ? -1 : from[i];
                    if (keepAsIs(i, f, asBefore)) {
                        continue;
                    }
                    values[i] = value.apply(i);
                    if (!keep(i, f, values[i])) {
                        rest.add(i);
                    }
                }
            }

            /** Places the items {@link #keepAll} did not keep by key, and closes the kind. */
            void placeRest(IntFunction<String> key) {
                for (int i : rest) {
                    place(i, key.apply(i), values[i]);
                }
                done();
            }

            /** Closes the kind: the stored parts no item took go. */
            void done() {
                if (was != null) {
                    List<Integer> gone = new ArrayList<>();
                    for (Part p : was.order()) {
                        if (!taken.get(p.no())) {
                            gone.add(p.no());
                            byKey.remove(p.key());
                        }
                    }
                    if (!gone.isEmpty()) {
                        delete.put(name, gone);
                    }
                }
                int[] nos = new int[now.length];
                for (int i = 0; i < nos.length; i++) {
                    nos[i] = now[i].no();
                }
                parts.put(name, new Parts(byKey, now, owners));
                order.put(name, nos);
            }
        }
        /** The items of chunked lists (a speaker's wording differences, a time point's citations), by owner. */
        class Chunks {
            final Kind kind;
            final List<Object[]> values = new ArrayList<>();
            final int[] start;

            Chunks(String name, List<? extends List<?>> lists) {
                start = new int[lists.size() + 1];
                for (int o = 0; o < lists.size(); o++) {
                    List<?> items = lists.get(o);
                    start[o] = values.size();
                    // A view: the builder's lists are immutable, and most chunks are only compared with their stored ones.
                    for (int from = 0, c = 0; from < items.size(); from += CHUNK, c++) {
                        values.add(new Object[] {items.subList(from, Math.min(items.size(), from + CHUNK)), c});
                    }
                }
                start[lists.size()] = values.size();
                kind = new Kind(name, values.size());
                kind.owners = start;
            }

            /**
             * Each owner's chunks: those of an owner that continues a stored one unchanged (the same object) are
             * compared with its stored chunks in order, the rest found by the owner's key.
             */
            void place(Kind owners, int[] from, List<?> items, List<?> previous) {
                List<Integer> rest = new ArrayList<>();
                for (int o = 0; o < start.length - 1; o++) {
                    int f = from == null || !follows ? -1 : from[o];
                    boolean same = f >= 0 && f < previous.size() && previous.get(f) == items.get(o)
                            && owners.now[o] == owners.was.order()[f] && kind.was != null && kind.was.owners() != null;
                    for (int i = start[o]; i < start[o + 1]; i++) {
                        int at = same ? kind.was.owners()[f] + i - start[o] : -1;
                        if (!same || at >= kind.was.owners()[f + 1] || !kind.keep(i, at, values.get(i)[0])) {
                            rest.add(i);
                        }
                    }
                }
                int o = 0;
                for (int i : rest) {
                    while (start[o + 1] <= i) {
                        o++;
                    }
                    kind.place(i, owners.now[o].key() + "/" + values.get(i)[1], values.get(i)[0]);
                }
                kind.done();
            }
        }
        // Each kind: first the items that continue a stored part, then the rest by key, so that a new item does not
        // take the key of a stored part that an item continues.
        List<Claim> claimList = brief.claims();
        Brief previous = follows ? last.brief() : null;
        Kind claims = new Kind(CLAIM, claimList.size());
        // A claim's part holds its status, outlets and spans: the same lists (kept by the builder) are the same part.
        claims.all(i -> {
            Claim c = claimList.get(i);
            return new ClaimPart(c.status(), c.outlets(), c.spans());
        }, changes == null ? null : changes.claims(), (i, f) -> {
            Claim c = claimList.get(i), w = previous.claims().get(f);
            return c.spans() == w.spans() && c.outlets() == w.outlets() && c.status() == w.status();
        }, i -> {
            Span first = claimList.get(i).spans().get(0);
            return first.article() + ":" + first.start();
        });
        int[] claimNo = new int[claimList.size() + 1];
        for (int i = 0; i < claimList.size(); i++) {
            claimNo[claimList.get(i).id()] = claims.now[i].no();
        }
        // Quote rows and discrepancies refer to a claim by its part number: unmoved when its id has the same number.
        IntPredicate unmoved = id -> id < last.claimNo().length
                && last.claimNo()[id] == claimNo[id];
        List<QuoteRow> quoteList = brief.quotes();
        List<Speaker> speakerList = brief.speakers();
        List<Discrepancy> discrepancyList = brief.discrepancies();
        List<TimePoint> timeline = brief.timeline();
        Kind quotes = new Kind(QUOTE, quoteList.size()), speakers = new Kind(SPEAKER, speakerList.size()),
                discrepancies = new Kind(DISCREPANCY, discrepancyList.size()), times = new Kind(TIME, timeline.size());
        // The four kinds that follow the claims compare their items with their stored parts on both cores (a large
        // story's ~20k quote rows and discrepancies); the parts they did not keep are then placed kind by kind, in
        // this order, so that new parts are numbered as by one thread.
        Parallel.Cost kept = Parallel.run(List.of(
                new Parallel.Step(QUOTE, () -> quotes.keepAll(i -> {
                    QuoteRow q = quoteList.get(i);
                    return new QuoteRow(q.speaker(), q.outlet(), q.article(), q.start(), q.end(), q.text(), q.kind(),
                            q.unnamed(), claimNo[q.claim()]);
                }, changes == null ? null : changes.quotes(), (i, f) -> f < previous.quotes().size()
                        && quoteList.get(i) == previous.quotes().get(f) && unmoved.test(quoteList.get(i).claim()))),
                new Parallel.Step(DISCREPANCY, () -> discrepancies.keepAll(i -> {
                    Discrepancy d = discrepancyList.get(i);
                    return new Discrepancy(d.kind(), claimNo[d.claim()], d.outletA(), d.valueA(), d.a(), d.outletB(),
                            d.valueB(), d.b());
                }, changes == null ? null : changes.discrepancies(), (i, f) -> f < previous.discrepancies().size()
                        && discrepancyList.get(i) == previous.discrepancies().get(f)
                        && unmoved.test(discrepancyList.get(i).claim()))),
                new Parallel.Step(SPEAKER, () -> speakers.keepAll(i -> {
                    Speaker s = speakerList.get(i);
                    return new SpeakerPart(s.name(), s.outlets(), s.quotes(), s.differentStatements(),
                            s.differentWording().size());
                }, changes == null ? null : changes.speakers(), (i, f) -> f < previous.speakers().size()
                        && speakerList.get(i) == previous.speakers().get(f))),
                new Parallel.Step(TIME, () -> times.keepAll(i -> {
                    TimePoint t = timeline.get(i);
                    return new TimePart(t.value(), t.text(), t.article(), t.sentence(), t.inferred(),
                            t.citations().size());
                }, changes == null ? null : changes.timeline(), (i, f) -> f < previous.timeline().size()
                        && timeline.get(i) == previous.timeline().get(f)))));
        quotes.placeRest(i -> {
            QuoteRow q = quoteList.get(i);
            return q.article() + ":" + q.start() + ":" + q.end() + ":" + q.speaker();
        });
        speakers.placeRest(i -> speakerList.get(i).name());
        new Chunks(WORDING, speakerList.stream().map(Speaker::differentWording).toList()).place(speakers,
                changes == null ? null : changes.speakers(), speakerList,
                changes == null ? List.of() : changes.previous().speakers());
        discrepancies.placeRest(i -> {
            Discrepancy d = discrepancyList.get(i);
            return d.kind() + ":" + claimNo[d.claim()] + ":" + d.a().article() + ":" + d.a().start() + ":"
                    + d.b().article() + ":" + d.b().start();
        });
        times.placeRest(i -> {
            TimePoint t = timeline.get(i);
            return t.value() + ":" + t.article() + ":" + t.citations().get(0).start();
        });
        new Chunks(CITATIONS, timeline.stream().map(TimePoint::citations).toList()).place(times,
                changes == null ? null : changes.timeline(), timeline,
                changes == null ? List.of() : changes.previous().timeline());
        List<Framing> framing = brief.framing().stream().map(f -> new Framing(claimNo[f.claim()], f.outletA(),
                f.onlyA(), f.addsA(), f.a(), f.outletB(), f.onlyB(), f.addsB(), f.b())).toList();
        List<SummarySentence> summary = brief.summary().stream()
                .map(s -> new SummarySentence(s.text(), claimNo[s.claim()], s.citations())).toList();
        Map<String, int[]> runs = new LinkedHashMap<>();
        order.forEach((kind, numbers) -> runs.put(kind, runs(numbers)));
        Header header = new Header(brief.voices(), brief.notes(), framing, summary, null, runs, next[0]);
        long offThread = 0, offThreadBytes = 0;
        for (int i = 0; i < kept.nanos().length; i++) {
            offThread += kept.offThread()[i] ? kept.nanos()[i] : 0;
            offThreadBytes += kept.offThread()[i] ? kept.bytes()[i] : 0;
        }
        return new Change(new State(revision, brief, parts, next[0], claimNo), header, write, delete, follows,
                offThread, offThreadBytes);
    }

    /** The brief the header and the parts make, and the state a later save compares with. */
    Stored join(String headerJson, Map<String, Map<Integer, Part>> rows, long revision, String storyId) {
        Header h = read(headerReader, headerJson, storyId);
        Map<String, int[]> numbers = h.numbers();
        Map<Integer, Integer> claimId = new HashMap<>();
        int[] claimOrder = numbers.get(CLAIM);
        int[] claimNo = new int[claimOrder.length + 1];
        for (int i = 0; i < claimOrder.length; i++) {
            claimId.put(claimOrder[i], i + 1);
            claimNo[i + 1] = claimOrder[i];
        }
        Map<String, Map<String, Part>> state = new LinkedHashMap<>();
        Map<String, List<Part>> values = new HashMap<>();
        for (String kind : KINDS) {
            Map<Integer, Part> stored = rows.getOrDefault(kind, Map.of());
            Map<String, Part> byKey = new HashMap<>();
            List<Part> list = new ArrayList<>();
            for (int no : numbers.get(kind)) {
                Part p = stored.get(no);
                if (p == null) {
                    throw new StoreException("the stored brief of story '" + storyId + "' lacks its " + kind
                            + " part " + no);
                }
                byKey.put(p.key(), p);
                list.add(p);
            }
            state.put(kind, byKey);
            values.put(kind, list);
        }
        List<Claim> claims = new ArrayList<>();
        for (Part o : values.get(CLAIM)) {
            ClaimPart c = (ClaimPart) o.value();
            claims.add(new Claim(claims.size() + 1, c.status(), c.outlets(), c.spans()));
        }
        List<QuoteRow> quotes = values.get(QUOTE).stream().map(o -> (QuoteRow) o.value()).map(q -> new QuoteRow(q.speaker(),
                q.outlet(), q.article(), q.start(), q.end(), q.text(), q.kind(), q.unnamed(), id(claimId, q.claim())))
                .toList();
        List<Discrepancy> discrepancies = values.get(DISCREPANCY).stream().map(o -> (Discrepancy) o.value())
                .map(d -> new Discrepancy(d.kind(), id(claimId, d.claim()), d.outletA(), d.valueA(), d.a(),
                        d.outletB(), d.valueB(), d.b())).toList();
        List<Framing> framing = h.framing().stream().map(f -> new Framing(id(claimId, f.claim()), f.outletA(),
                f.onlyA(), f.addsA(), f.a(), f.outletB(), f.onlyB(), f.addsB(), f.b())).toList();
        List<SummarySentence> summary = h.summary().stream()
                .map(s -> new SummarySentence(s.text(), id(claimId, s.claim()), s.citations())).toList();
        List<Speaker> speakers = new ArrayList<>();
        List<Part> wording = new ArrayList<>();
        int[] wordingOwners = new int[values.get(SPEAKER).size() + 1];
        for (Part o : values.get(SPEAKER)) {
            SpeakerPart p = (SpeakerPart) o.value();
            wordingOwners[speakers.size()] = wording.size();
            speakers.add(new Speaker(p.name(), p.outlets(), p.quotes(), p.differentStatements(),
                    chunked(state.get(WORDING), o.key(), p.wording(), wording, storyId)));
        }
        wordingOwners[speakers.size()] = wording.size();
        List<TimePoint> timeline = new ArrayList<>();
        List<Part> citations = new ArrayList<>();
        int[] citationOwners = new int[values.get(TIME).size() + 1];
        for (Part o : values.get(TIME)) {
            TimePart p = (TimePart) o.value();
            citationOwners[timeline.size()] = citations.size();
            timeline.add(new TimePoint(p.value(), p.text(), p.article(), p.sentence(), p.inferred(),
                    chunked(state.get(CITATIONS), o.key(), p.citations(), citations, storyId)));
        }
        citationOwners[timeline.size()] = citations.size();
        Brief brief = new Brief(h.voices(), claims, quotes, speakers, discrepancies, timeline, framing,
                Brief.coverage(h.voices().stream().map(Voice::name).toList(), claims), summary, h.notes());
        Map<String, Parts> parts = new LinkedHashMap<>();
        for (String kind : KINDS) {
            boolean chunked = kind.equals(WORDING) || kind.equals(CITATIONS);
            List<Part> order = values.get(kind);
            if (chunked) {
                // In their owners' order; a stored chunk no owner reaches goes at the end, to be deleted by the next save.
                List<Part> reached = kind.equals(WORDING) ? wording : citations;
                Set<Integer> in = new HashSet<>();
                reached.forEach(p -> in.add(p.no()));
                order = new ArrayList<>(reached);
                for (Part p : values.get(kind)) {
                    if (!in.contains(p.no())) {
                        order.add(p);
                    }
                }
            }
            parts.put(kind, new Parts(state.get(kind), order.toArray(Part[]::new),
                    !chunked ? null : kind.equals(WORDING) ? wordingOwners : citationOwners));
        }
        return new Stored(brief, new State(revision, brief, parts, h.next(), claimNo));
    }

    record Stored(Brief brief, State state) {}

    /** The {@code size} items stored in chunks under the owner's key. */
    @SuppressWarnings("unchecked")
    private static <T> List<T> chunked(Map<String, Part> chunks, String owner, int size, List<Part> reached,
            String storyId) {
        List<T> out = new ArrayList<>(size);
        for (int c = 0; out.size() < size; c++) {
            Part p = chunks.get(owner + "/" + c);
            if (p == null) {
                throw new StoreException("the stored brief of story '" + storyId + "' lacks part " + owner + "/" + c);
            }
            reached.add(p);
            out.addAll((List<T>) p.value());
        }
        return out;
    }

    /** A claim reference: part number 0 is no claim. */
    private static int id(Map<Integer, Integer> claimId, int no) {
        return no == 0 ? 0 : claimId.get(no);
    }

    Part part(String kind, int no, String key, String body, String storyId) {
        return new Part(no, key, read(readers.get(kind), body, storyId));
    }

    String json(Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("a brief part cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    private static <T> T read(ObjectReader reader, String json, String storyId) {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("the stored brief of story '" + storyId + "' is unreadable: "
                    + e.getOriginalMessage());
        }
    }
}
