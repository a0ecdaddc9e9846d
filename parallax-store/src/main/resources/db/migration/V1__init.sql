-- Parallax schema version 1.
-- Statements end with ';' and comments start with '--' (Migrations splits on them; no string literals here).

CREATE TABLE schema_version (
    version     INTEGER PRIMARY KEY,
    description TEXT    NOT NULL,
    applied_at  INTEGER NOT NULL -- epoch ms
);

CREATE TABLE articles (
    seq            INTEGER PRIMARY KEY, -- insertion order: breaks ties in publication time deterministically
    id             TEXT    NOT NULL UNIQUE,
    origin         TEXT,
    outlet         TEXT    NOT NULL,
    published_s    INTEGER,             -- epoch seconds of the publication instant; NULL when undated
    published_ns   INTEGER,             -- nano-of-second, so that instants round-trip exactly
    published_date TEXT,                -- ISO local date as the outlet printed it
    date_only      INTEGER,             -- 1 when the source gave no time of day
    url            TEXT,
    title          TEXT,
    text           TEXT    NOT NULL,    -- the clean text that layer offsets refer to
    raw_text       TEXT    NOT NULL,    -- the text as delivered, which removal offsets refer to
    fingerprint    TEXT    NOT NULL,    -- TextFingerprint.of(text): the exact-duplicate key
    removals       TEXT    NOT NULL,    -- JSON array of Removal
    ingested_at    INTEGER NOT NULL     -- epoch ms
);
CREATE INDEX articles_published ON articles (published_s, published_ns);
CREATE INDEX articles_fingerprint ON articles (fingerprint);

-- One row per standoff layer; new layer types need no schema change.
CREATE TABLE layers (
    article_id TEXT    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ord        INTEGER NOT NULL, -- position among the article's layers
    name       TEXT    NOT NULL, -- LayerKey name
    type       TEXT    NOT NULL, -- span class name; only Spanned types under dev.parallax are loaded back
    spans      TEXT    NOT NULL, -- JSON array of span records
    PRIMARY KEY (article_id, ord)
) WITHOUT ROWID;

CREATE TABLE stories (
    id         TEXT    PRIMARY KEY,
    created_at INTEGER NOT NULL -- epoch ms
);

-- An article belongs to exactly one story.
CREATE TABLE story_articles (
    article_id TEXT NOT NULL PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id   TEXT NOT NULL REFERENCES stories (id)
);
CREATE INDEX story_articles_story ON story_articles (story_id);

-- When stories merge, the absorbed id points at the surviving one, so that links to old ids still resolve.
CREATE TABLE story_aliases (
    old_id TEXT NOT NULL PRIMARY KEY,
    new_id TEXT NOT NULL REFERENCES stories (id)
) WITHOUT ROWID;
