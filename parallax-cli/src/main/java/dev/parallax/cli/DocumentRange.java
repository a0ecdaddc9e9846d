package dev.parallax.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Documents {@code FROM-TO} of a file, 1-based and inclusive as a person counts them ("73-145"), for the commands
 * that train on one part of a dataset and evaluate on another.
 */
record DocumentRange(int first, int last) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})-(\\d{1,9})");

    /** The 0-based index of the first document. */
    int fromIndex() {
        return first - 1;
    }

    /** The 0-based index after the last document. */
    int toIndex() {
        return last;
    }

    static final class Converter implements ITypeConverter<DocumentRange> {
        @Override
        public DocumentRange convert(String value) {
            Matcher m = FORM.matcher(value);
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1
                    || Integer.parseInt(m.group(1)) > Integer.parseInt(m.group(2))) {
                throw new TypeConversionException("takes FROM-TO with 1 <= FROM <= TO, e.g. 73-145; got '" + value
                        + "'");
            }
            return new DocumentRange(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
    }
}
