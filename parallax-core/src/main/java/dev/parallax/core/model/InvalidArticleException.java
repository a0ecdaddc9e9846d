package dev.parallax.core.model;

/**
 * An input that cannot become an article (empty body, too large, undecodable). The message is one line a person can
 * act on; it never carries a stack trace to the user.
 */
public class InvalidArticleException extends RuntimeException {
    public InvalidArticleException(String message) {
        super(message);
    }
}
