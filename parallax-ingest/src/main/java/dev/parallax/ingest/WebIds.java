package dev.parallax.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Article ids for items that come with a URL or a feed's guid rather than a file name: the outlet's host and a hash
 * of the key, such as {@code apnews.com-3f2a9c0d51e4b7a8}. The same page or feed item gets the same id on every
 * read, so reading a feed or archive again skips what is stored; and the id holds no '/' to break a URL path.
 */
final class WebIds {
    private WebIds() {
    }

    /**
     * @param url the article's URL, whose host names the id, or null
     * @param key what identifies the item (its URL, a feed guid)
     * @param fallback the prefix when {@code url} has no host (the feed file's name)
     */
    static String of(String url, String key, String fallback) {
        String host = PageMetadata.host(url);
        String prefix = host == null ? fallback : host.startsWith("www.") ? host.substring(4) : host;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return prefix + "-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) { // every JDK has SHA-256
            throw new IllegalStateException(e);
        }
    }
}
