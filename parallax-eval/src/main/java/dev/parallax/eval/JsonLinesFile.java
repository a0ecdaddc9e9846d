package dev.parallax.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parallax.ingest.JsonErrors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the evaluation tools' JSON Lines files (gzipped when the name ends in .gz) record by record, so every reader
 * fails the same way: one line naming the file, and the line number for a record that is not a JSON object. The
 * text must be UTF-8: a malformed byte fails the read rather than turning into a replacement character.
 */
public final class JsonLinesFile {
    private JsonLinesFile() {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What is done with one record; {@code number} is its 1-based line number, for messages. */
    @FunctionalInterface
    public interface Record {
        void accept(int number, JsonNode record);
    }

    /** Hands every non-blank line of {@code file}, parsed as a JSON object, to {@code record}, in file order. */
    public static void forEach(Path file, Record record) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()),
                     1 << 16)) {
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode o;
                try {
                    o = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(file + " line " + number + " is not JSON: "
                            + JsonErrors.message(e));
                }
                if (o == null || !o.isObject()) {
                    throw new IllegalArgumentException(file + " line " + number + " is not a JSON object");
                }
                record.accept(number, o);
            }
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("cannot read " + file + ": not UTF-8 text");
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
