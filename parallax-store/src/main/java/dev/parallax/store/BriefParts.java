package dev.parallax.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.parallax.core.brief.Brief;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
     * {@code claim} fields; {@code order} lists each kind's part numbers in brief order.
     */
    record Header(List<Voice> voices, List<String> notes, List<Framing> framing, List<SummarySentence> summary,
            Map<String, int[]> order, int next) {}

    /** One part: its number, its identity across saves and its stored value. */
    record Part(int no, String key, Object value) {}

    /** The parts of a stored brief by kind and key, at one revision of its row. */
    record State(long revision, Map<String, Map<String, Part>> parts, int next) {}

    /** What a save writes: the new state, its header, the parts to write and the part numbers to delete. */
    record Change(State state, Header header, List<Row> write, Map<String, List<Integer>> delete) {}

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
     * now), or with nothing when it is null: then every part is written.
     */
    Change change(Brief brief, State last, long revision) {
        int[] next = {last == null ? 1 : last.next()};
        Map<String, Map<String, Part>> parts = new LinkedHashMap<>();
        Map<String, int[]> order = new LinkedHashMap<>();
        List<Row> write = new ArrayList<>();
        Map<String, List<Integer>> delete = new LinkedHashMap<>();
        class Kind {
            final String name;
            final Map<String, Part> was;
            final Map<String, Part> now = new LinkedHashMap<>();
            int[] nos;
            int i;

            Kind(String name, int size) {
                this.name = name;
                this.was = last == null ? Map.of() : last.parts().getOrDefault(name, Map.of());
                this.nos = new int[size];
            }

            /** The part's number: the one its key had, else a new one; written unless it is what was stored. */
            int add(String key, Object value) {
                return part(key, value).no();
            }

            /** The part of the value, under the key made unique among this kind's parts. */
            Part part(String key, Object value) {
                String unique = key;
                for (int n = 2; now.containsKey(unique); n++) {
                    unique = key + "#" + n;
                }
                Part old = was.get(unique);
                Part p = new Part(old == null ? next[0]++ : old.no(), unique, value);
                now.put(unique, p);
                if (old == null || !old.value().equals(value)) {
                    write.add(new Row(name, p));
                }
                if (i == nos.length) {
                    nos = Arrays.copyOf(nos, Math.max(8, 2 * nos.length));
                }
                nos[i++] = p.no();
                return p;
            }

            /** The items in parts of {@link #CHUNK} under keys made from the owner's key. */
            <T> void chunks(String owner, List<T> items) {
                for (int from = 0, c = 0; from < items.size(); from += CHUNK, c++) {
                    part(owner + "/" + c, List.copyOf(items.subList(from, Math.min(items.size(), from + CHUNK))));
                }
            }

            void done() {
                parts.put(name, now);
                order.put(name, Arrays.copyOf(nos, i));
                List<Integer> gone = was.entrySet().stream().filter(e -> !now.containsKey(e.getKey()))
                        .map(e -> e.getValue().no()).toList();
                if (!gone.isEmpty()) {
                    delete.put(name, gone);
                }
            }
        }
        Kind claims = new Kind(CLAIM, brief.claims().size());
        int[] claimNo = new int[brief.claims().size() + 1];
        for (Claim c : brief.claims()) {
            Span first = c.spans().get(0);
            claimNo[c.id()] = claims.add(first.article() + ":" + first.start(),
                    new ClaimPart(c.status(), c.outlets(), c.spans()));
        }
        claims.done();
        Kind quotes = new Kind(QUOTE, brief.quotes().size());
        for (QuoteRow q : brief.quotes()) {
            quotes.add(q.article() + ":" + q.start() + ":" + q.end() + ":" + q.speaker(),
                    new QuoteRow(q.speaker(), q.outlet(), q.article(), q.start(), q.end(), q.text(), q.kind(),
                            q.unnamed(), claimNo[q.claim()]));
        }
        quotes.done();
        Kind speakers = new Kind(SPEAKER, brief.speakers().size()), wording = new Kind(WORDING, 0);
        for (Speaker s : brief.speakers()) {
            Part p = speakers.part(s.name(), new SpeakerPart(s.name(), s.outlets(), s.quotes(),
                    s.differentStatements(), s.differentWording().size()));
            wording.chunks(p.key(), s.differentWording());
        }
        speakers.done();
        wording.done();
        Kind discrepancies = new Kind(DISCREPANCY, brief.discrepancies().size());
        for (Discrepancy d : brief.discrepancies()) {
            int no = claimNo[d.claim()];
            discrepancies.add(d.kind() + ":" + no + ":" + d.a().article() + ":" + d.a().start() + ":"
                    + d.b().article() + ":" + d.b().start(), new Discrepancy(d.kind(), no, d.outletA(), d.valueA(),
                            d.a(), d.outletB(), d.valueB(), d.b()));
        }
        discrepancies.done();
        Kind times = new Kind(TIME, brief.timeline().size()), citations = new Kind(CITATIONS, 0);
        for (TimePoint t : brief.timeline()) {
            Part p = times.part(t.value() + ":" + t.article() + ":" + t.citations().get(0).start(),
                    new TimePart(t.value(), t.text(), t.article(), t.sentence(), t.inferred(), t.citations().size()));
            citations.chunks(p.key(), t.citations());
        }
        times.done();
        citations.done();
        List<Framing> framing = brief.framing().stream().map(f -> new Framing(claimNo[f.claim()], f.outletA(),
                f.onlyA(), f.addsA(), f.a(), f.outletB(), f.onlyB(), f.addsB(), f.b())).toList();
        List<SummarySentence> summary = brief.summary().stream()
                .map(s -> new SummarySentence(s.text(), claimNo[s.claim()], s.citations())).toList();
        Header header = new Header(brief.voices(), brief.notes(), framing, summary, order, next[0]);
        return new Change(new State(revision, parts, next[0]), header, write, delete);
    }

    /** The brief the header and the parts make, and the state a later save compares with. */
    Stored join(String headerJson, Map<String, Map<Integer, Part>> rows, long revision, String storyId) {
        Header h = read(headerReader, headerJson, storyId);
        Map<Integer, Integer> claimId = new HashMap<>();
        int[] claimOrder = h.order().get(CLAIM);
        for (int i = 0; i < claimOrder.length; i++) {
            claimId.put(claimOrder[i], i + 1);
        }
        Map<String, Map<String, Part>> state = new LinkedHashMap<>();
        Map<String, List<Part>> values = new HashMap<>();
        for (String kind : KINDS) {
            Map<Integer, Part> stored = rows.getOrDefault(kind, Map.of());
            Map<String, Part> byKey = new LinkedHashMap<>();
            List<Part> list = new ArrayList<>();
            for (int no : h.order().get(kind)) {
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
        for (Part o : values.get(SPEAKER)) {
            SpeakerPart p = (SpeakerPart) o.value();
            speakers.add(new Speaker(p.name(), p.outlets(), p.quotes(), p.differentStatements(),
                    chunked(state.get(WORDING), o.key(), p.wording(), storyId)));
        }
        List<TimePoint> timeline = new ArrayList<>();
        for (Part o : values.get(TIME)) {
            TimePart p = (TimePart) o.value();
            timeline.add(new TimePoint(p.value(), p.text(), p.article(), p.sentence(), p.inferred(),
                    chunked(state.get(CITATIONS), o.key(), p.citations(), storyId)));
        }
        Brief brief = new Brief(h.voices(), claims, quotes, speakers, discrepancies, timeline, framing,
                Brief.coverage(h.voices().stream().map(Voice::name).toList(), claims), summary, h.notes());
        return new Stored(brief, new State(revision, state, h.next()));
    }

    record Stored(Brief brief, State state) {}

    /** The {@code size} items stored in chunks under the owner's key. */
    @SuppressWarnings("unchecked")
    private static <T> List<T> chunked(Map<String, Part> chunks, String owner, int size, String storyId) {
        List<T> out = new ArrayList<>(size);
        for (int c = 0; out.size() < size; c++) {
            Part p = chunks.get(owner + "/" + c);
            if (p == null) {
                throw new StoreException("the stored brief of story '" + storyId + "' lacks part " + owner + "/" + c);
            }
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
