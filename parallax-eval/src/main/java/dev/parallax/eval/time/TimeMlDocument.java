package dev.parallax.eval.time;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One TimeML 1.2.1 document (TempEval-3 format): the {@code <TEXT>} body with its tags removed, the gold TIMEX3
 * spans as offsets into that body, and the document creation time (DCT) that relative expressions are anchored on.
 * The DCT's own TIMEX3 sits in the header, outside the body, so it is never a gold target.
 *
 * @param id the file name without {@code .tml}
 * @param dct the creation date (the {@code functionInDocument="CREATION_TIME"} TIMEX3's value)
 * @param text the body text, entities decoded
 * @param gold gold expressions in body order
 */
public record TimeMlDocument(String id, LocalDate dct, String text, List<Gold> gold) {
    /** A gold TIMEX3: offsets into {@link #text()}, its TimeML type and value. */
    public record Gold(int start, int end, String type, String value) {}

    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    /** Parses a {@code .tml} file; a malformed one gets a one-line message naming the file. */
    public static TimeMlDocument read(Path file) throws IOException {
        String name = file.getFileName().toString();
        String id = name.endsWith(".tml") ? name.substring(0, name.length() - 4) : name;
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = XML.createXMLStreamReader(in);
            StringBuilder text = new StringBuilder();
            List<Gold> gold = new ArrayList<>();
            LocalDate dct = null;
            boolean inText = false;
            int timexStart = -1;
            String type = null;
            String value = null;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    String el = r.getLocalName();
                    if (el.equals("TEXT")) {
                        inText = true;
                    } else if (el.equals("TIMEX3")) {
                        if ("CREATION_TIME".equals(r.getAttributeValue(null, "functionInDocument")) && dct == null) {
                            dct = parseDate(r.getAttributeValue(null, "value"), file);
                        }
                        if (inText) {
                            timexStart = text.length();
                            type = r.getAttributeValue(null, "type");
                            value = r.getAttributeValue(null, "value");
                        }
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    String el = r.getLocalName();
                    if (el.equals("TEXT")) {
                        inText = false;
                    } else if (el.equals("TIMEX3") && timexStart >= 0) {
                        gold.add(new Gold(timexStart, text.length(), type, value));
                        timexStart = -1;
                    }
                } else if (inText && (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA
                        || ev == XMLStreamConstants.SPACE)) {
                    text.append(r.getText());
                }
            }
            if (dct == null) {
                throw new IOException(file + ": no TIMEX3 with functionInDocument=\"CREATION_TIME\" (the DCT)");
            }
            return new TimeMlDocument(id, dct, text.toString(), List.copyOf(gold));
        } catch (XMLStreamException e) {
            throw new IOException(file + ": not well-formed TimeML: " + e.getMessage().replace('\n', ' '));
        }
    }

    private static LocalDate parseDate(String value, Path file) throws IOException {
        String v = value == null ? "" : value.strip();
        if (v.matches("\\d{8}.*")) {
            v = v.substring(0, 4) + "-" + v.substring(4, 6) + "-" + v.substring(6, 8);
        }
        try {
            return LocalDate.parse(v.length() >= 10 ? v.substring(0, 10) : v);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IOException(file + ": DCT value '" + value + "' is not a date");
        }
    }
}
