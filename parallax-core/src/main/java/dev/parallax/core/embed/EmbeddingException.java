package dev.parallax.core.embed;

/** An embedding model could not be loaded or run; the message says what to fix. */
public class EmbeddingException extends RuntimeException {

    public EmbeddingException(String message) {
        super(message);
    }

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}
