package dev.parallax.core.embed;

/**
 * An embedder that wraps another to watch or reuse its vectors (count calls, cache, record texts): it makes the same
 * vectors, so it has the wrapped one's dimension and name. It does not own the wrapped embedder: closing it closes
 * nothing.
 */
public abstract class ForwardingEmbedder implements Embedder {
    protected final Embedder inner;

    protected ForwardingEmbedder(Embedder inner) {
        this.inner = java.util.Objects.requireNonNull(inner, "inner");
    }

    @Override
    public int dimension() {
        return inner.dimension();
    }

    @Override
    public String name() {
        return inner.name();
    }
}
