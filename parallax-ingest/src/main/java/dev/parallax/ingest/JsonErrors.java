package dev.parallax.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Jackson's parse errors as one-line messages for people. */
public final class JsonErrors {
    private JsonErrors() {}

    /**
     * The parser's own message on one line, without the "(start marker at [Source: …; line: 1, column: 1])" it appends
     * to an unclosed object or array: that names no file and repeats a location the caller reports itself.
     */
    public static String message(JsonProcessingException e) {
        return IoErrors.oneLine(String.valueOf(e.getOriginalMessage())
                .replaceAll("\\s*\\(start marker at \\[Source:.*?\\]\\)", ""));
    }
}
