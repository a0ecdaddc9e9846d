package dev.parallax.store;

/**
 * A store that cannot be opened, read or written: the message is one line a person can act on (which file, what is
 * wrong, what to do), never a stack trace.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
