package dev.parallax.core.pipeline;

import java.io.IOException;

/** Where raw articles come from: a file, a directory, a feed. */
public interface Source {
    /**
     * Reads every item, passing each article, and one rejection per bad item, to the sink in source order.
     *
     * @throws IOException only when the source as a whole cannot be read (a missing path); bad items are rejections
     */
    void read(SourceSink sink) throws IOException;
}
