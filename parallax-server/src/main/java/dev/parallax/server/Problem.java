package dev.parallax.server;

/**
 * An RFC 9457 problem-details response, thrown by a handler and written by the server as
 * {@code application/problem+json}.
 */
final class Problem extends RuntimeException {
    /** Base of the {@code type} URIs: names for the kinds of problem, not addresses (nothing is served there). */
    static final String TYPE_BASE = "urn:parallax:problem:";

    final int status;
    final String type;
    final String title;
    final String detail;

    /**
     * @param status the HTTP status
     * @param type a short slug naming the kind of problem (becomes the {@code type} URI)
     * @param title the fixed summary of that kind
     * @param detail what exactly is wrong with this request, in words a person can act on
     */
    Problem(int status, String type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
    }

    static Problem badRequest(String detail) {
        return new Problem(400, "invalid-request", "Invalid request", detail);
    }

    static Problem notFound(String detail) {
        return new Problem(404, "not-found", "Not found", detail);
    }
}
