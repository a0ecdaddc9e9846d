package dev.parallax.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An immutable set of named standoff layers over one text. */
public final class Layers {
    private static final Layers EMPTY = new Layers(Map.of());

    private final Map<String, Entry<?>> byName;

    private record Entry<T extends Spanned>(LayerKey<T> key, List<T> spans) {}

    private Layers(Map<String, Entry<?>> byName) {
        this.byName = byName;
    }

    public static Layers empty() {
        return EMPTY;
    }

    /** A copy with {@code key} set to {@code spans} (replacing any earlier layer of that name). */
    public <T extends Spanned> Layers with(LayerKey<T> key, List<? extends T> spans) {
        Map<String, Entry<?>> copy = new LinkedHashMap<>(byName);
        copy.put(key.name(), new Entry<>(key, List.copyOf(spans)));
        return new Layers(Collections.unmodifiableMap(copy));
    }

    /** The spans of a layer, or an empty list when no annotator has added it. */
    public <T extends Spanned> List<T> get(LayerKey<T> key) {
        return find(key).orElse(List.of());
    }

    @SuppressWarnings("unchecked")
    public <T extends Spanned> Optional<List<T>> find(LayerKey<T> key) {
        Entry<?> e = byName.get(key.name());
        if (e == null) {
            return Optional.empty();
        }
        if (!e.key().type().equals(key.type())) {
            throw new IllegalArgumentException("layer '" + key.name() + "' holds " + e.key().type().getSimpleName());
        }
        return Optional.of((List<T>) e.spans());
    }

    /** The layer keys present, in the order they were added. */
    public List<LayerKey<?>> keys() {
        return byName.values().stream().<LayerKey<?>>map(Entry::key).toList();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Layers l && l.byName.equals(byName);
    }

    @Override
    public int hashCode() {
        return byName.hashCode();
    }
}
