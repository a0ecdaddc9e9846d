package dev.parallax.core.model;

import java.util.Locale;
import java.util.Objects;

/** A news outlet ("reuters", "nyt", "bbc.co.uk"). Compared by its lower-cased, trimmed name. */
public record Outlet(String name) {
    public static final Outlet UNKNOWN = new Outlet("unknown");

    public Outlet {
        Objects.requireNonNull(name, "name");
        name = name.strip().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("outlet name is empty");
        }
    }

    /** The outlet called {@code name}, or {@link #UNKNOWN} when the name is null or blank. */
    public static Outlet of(String name) {
        return name == null || name.isBlank() ? UNKNOWN : new Outlet(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
