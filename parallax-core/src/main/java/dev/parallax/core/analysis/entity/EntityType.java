package dev.parallax.core.analysis.entity;

/** What a named entity is. {@code OTHER} covers events, works, nationalities and the like (CoNLL's MISC). */
public enum EntityType {
    PERSON,
    ORGANIZATION,
    PLACE,
    OTHER
}
