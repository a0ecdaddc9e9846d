package dev.parallax.eval.quote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads PolNeAR in its native brat standoff ({@code <dir>/<split>/text/*.txt} and
 * {@code <dir>/<split>/attributions/<article>_<annotator>.ann}). Where an article has several annotators, the canonical
 * one is the lowest annotator id in plain string order. Span texts are never read from the .ann (they may contain
 * newlines that break the line format); only offsets are used.
 */
public final class Polnear {
    private Polnear() {}

    // continuation lines of multi-line span texts can start with any letter, so match the whole line head
    private static final Pattern SPAN_LINE = Pattern.compile("T\\d+\t\\S+ \\d+ \\d+");
    private static final Pattern EVENT_LINE = Pattern.compile("E\\d+\t");

    /** A piece-wise span: one or more {@code [start, end)} fragments, in text order. */
    public record Fragments(List<int[]> parts) {
        public int start() {
            return parts.get(0)[0];
        }

        public int end() {
            return parts.get(parts.size() - 1)[1];
        }

        /** Canonical form for exact comparison, e.g. "10-20;25-30". */
        public String key() {
            StringBuilder b = new StringBuilder();
            for (int[] p : parts) {
                if (!b.isEmpty()) {
                    b.append(';');
                }
                b.append(p[0]).append('-').append(p[1]);
            }
            return b.toString();
        }
    }

    /** One gold attribution; any role may be missing (null), the source most often. */
    public record Attribution(Fragments source, Fragments cue, Fragments content) {}

    /** One article: its full text (title line included, as the offsets count it) and its canonical attributions. */
    public record Document(String name, String text, List<Attribution> attributions) {}

    public static List<Document> read(Path polnearDir, String split) {
        Path text = polnearDir.resolve(split).resolve("text");
        Path ann = polnearDir.resolve(split).resolve("attributions");
        if (!Files.isDirectory(text) || !Files.isDirectory(ann)) {
            throw new IllegalArgumentException("no PolNeAR split '" + split + "' under " + polnearDir
                    + " (expected " + text + " and " + ann + ")");
        }
        try {
            Map<String, Path> canonical = new TreeMap<>();
            Map<String, String> annotator = new HashMap<>();
            try (Stream<Path> files = Files.list(ann)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    String f = p.getFileName().toString();
                    if (!f.endsWith(".ann")) {
                        continue;
                    }
                    int us = f.lastIndexOf('_');
                    String article = f.substring(0, us);
                    String who = f.substring(us + 1, f.length() - 4);
                    String prev = annotator.get(article);
                    if (prev == null || who.compareTo(prev) < 0) {
                        annotator.put(article, who);
                        canonical.put(article, p);
                    }
                }
            }
            List<Document> docs = new ArrayList<>();
            for (Map.Entry<String, Path> e : canonical.entrySet()) {
                Path txt = text.resolve(e.getKey() + ".txt");
                if (!Files.exists(txt)) {
                    throw new IllegalArgumentException("annotation " + e.getValue() + " has no text " + txt);
                }
                String body = Files.readString(txt, StandardCharsets.UTF_8);
                docs.add(new Document(e.getKey(), body, parse(e.getValue(), body.length())));
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read PolNeAR from " + polnearDir + ": " + e.getMessage(), e);
        }
    }

    static List<Attribution> parse(Path annFile, int textLength) throws IOException {
        Map<String, Fragments> spans = new HashMap<>();
        List<String[]> events = new ArrayList<>();
        for (String line : Files.readAllLines(annFile, StandardCharsets.UTF_8)) {
            if (SPAN_LINE.matcher(line).lookingAt()) {
                String[] cols = line.split("\t");
                int sp = cols[1].indexOf(' ');
                List<int[]> parts = new ArrayList<>();
                for (String r : cols[1].substring(sp + 1).split(";")) {
                    String[] se = r.trim().split(" ");
                    int s = Integer.parseInt(se[0]);
                    int en = Integer.parseInt(se[1]);
                    if (s < 0 || en < s || en > textLength) {
                        throw new IllegalArgumentException(annFile + ": span " + r + " outside the text");
                    }
                    parts.add(new int[] {s, en});
                }
                spans.put(cols[0], new Fragments(parts));
            } else if (EVENT_LINE.matcher(line).lookingAt()) {
                events.add(line.split("\t")[1].split(" "));
            }
            // '#' notes and continuation lines of multi-line span texts are skipped
        }
        List<Attribution> out = new ArrayList<>();
        for (String[] args : events) {
            Fragments source = null;
            Fragments cue = null;
            Fragments content = null;
            for (String a : args) {
                int colon = a.indexOf(':');
                String role = a.substring(0, colon);
                Fragments f = spans.get(a.substring(colon + 1));
                switch (role) {
                    case "Source" -> source = f;
                    case "Cue" -> cue = f;
                    case "Content" -> content = f;
                    default -> { }
                }
            }
            out.add(new Attribution(source, cue, content));
        }
        return out;
    }
}
