package dev.parallax.server;

import java.util.Objects;

/**
 * How a {@link ParallaxServer} listens.
 *
 * @param host the interface to bind: 127.0.0.1 by default, so that nothing is exposed unless asked for
 * @param port the TCP port; 0 picks a free one
 * @param token the bearer token that writes must present, or null to refuse every write
 * @param maxBodyBytes the largest request body accepted
 */
public record ServerConfig(String host, int port, String token, long maxBodyBytes) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    /** Room for a batch of dozens of long articles; one article's text is limited to 5 MiB by the ingest module. */
    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
        }
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("the token is blank: give a non-empty token or none");
        }
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
    }

    public static ServerConfig of(String host, int port, String token) {
        return new ServerConfig(host, port, token, DEFAULT_MAX_BODY_BYTES);
    }
}
