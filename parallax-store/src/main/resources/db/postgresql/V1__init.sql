-- Parallax schema for PostgreSQL, version 1: what SQLite's versions 1 to 5 (db/migration) add up to, in PostgreSQL's
-- types, with PostgreSQL's own full-text search. The tables live in the connection's current schema.
-- Statements end with ';' and comments start with '--' (PostgresMigrations splits on them; no string literals here).

CREATE TABLE schema_version (
    version     INTEGER PRIMARY KEY,
    description TEXT    NOT NULL,
    applied_at  BIGINT  NOT NULL -- epoch ms
);

CREATE TABLE articles (
    seq            BIGINT  GENERATED ALWAYS AS IDENTITY UNIQUE, -- insertion order (writers take turns: see PostgresStore)
    id             TEXT    PRIMARY KEY,
    origin         TEXT,
    outlet         TEXT    NOT NULL,
    published_s    BIGINT,           -- epoch seconds of the publication instant; NULL when undated
    published_ns   INTEGER,          -- nano-of-second, so that instants round-trip exactly
    published_date TEXT,             -- ISO local date as the outlet printed it
    date_only      INTEGER,          -- 1 when the source gave no time of day
    url            TEXT,
    title          TEXT,
    text           TEXT    NOT NULL, -- the clean text that layer offsets refer to
    raw_text       TEXT    NOT NULL, -- the text as delivered, which removal offsets refer to
    fingerprint    TEXT    NOT NULL, -- TextFingerprint.of(text): the exact-duplicate key
    removals       TEXT    NOT NULL, -- JSON array of Removal
    ingested_at    BIGINT  NOT NULL  -- epoch ms
);
CREATE INDEX articles_published ON articles (published_s, published_ns, seq);
CREATE INDEX articles_fingerprint ON articles (fingerprint);

-- One row per standoff layer; new layer types need no schema change.
CREATE TABLE layers (
    article_id TEXT    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ord        INTEGER NOT NULL, -- position among the article's layers
    name       TEXT    NOT NULL, -- LayerKey name
    type       TEXT    NOT NULL, -- span class name; only Spanned types under dev.parallax are loaded back
    spans      TEXT    NOT NULL, -- JSON array of span records
    PRIMARY KEY (article_id, ord)
);

-- The words of each article's title and text, for search: accents taken off and punctuation turned into spaces by
-- PostgresStore.words before to_tsvector('simple'), which only lowercases, so that words match whole, ignoring case
-- and accents, as in the SQLite store's FTS5 index.
CREATE TABLE article_search (
    seq   BIGINT   PRIMARY KEY REFERENCES articles (seq) ON DELETE CASCADE,
    terms TSVECTOR NOT NULL
);
CREATE INDEX article_search_terms ON article_search USING GIN (terms);

CREATE TABLE stories (
    id         TEXT   PRIMARY KEY,
    created_at BIGINT NOT NULL -- epoch ms
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
);
CREATE INDEX story_aliases_new ON story_aliases (new_id);

-- One row per article that copies another (originals have none): the link the Deduper made, replaced when a later
-- article becomes its family's original.
CREATE TABLE duplicate_links (
    article_id  TEXT             NOT NULL PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    original_id TEXT             NOT NULL REFERENCES articles (id),
    relation    TEXT             NOT NULL, -- Relation name: EXACT, NEAR, CONTAINS, CONTAINED
    jaccard     DOUBLE PRECISION NOT NULL, -- estimated Jaccard of the two texts' word-shingle sets
    containment DOUBLE PRECISION NOT NULL  -- estimated share of the smaller shingle set found in the larger
);
CREATE INDEX duplicate_links_original ON duplicate_links (original_id);

-- A story's brief with the fingerprint of the article set (and claim model) it was built from. parts = 1: brief holds
-- the header and the rest is in brief_parts (0, a whole brief, is what SQLite stores from its version 4 only).
CREATE TABLE story_briefs (
    story_id    TEXT    NOT NULL PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
    fingerprint TEXT    NOT NULL,
    brief       TEXT    NOT NULL,
    built_at    BIGINT  NOT NULL, -- epoch ms
    parts       INTEGER NOT NULL DEFAULT 0,
    revision    BIGINT  NOT NULL DEFAULT 0 -- counts the saves: a process that remembers one writes the difference
);

-- The vector of every sentence or clause unit the brief makes of an article, embedded once per article and model.
CREATE TABLE unit_vectors (
    article_id TEXT    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    model      TEXT    NOT NULL, -- the embedder's name
    units      INTEGER NOT NULL, -- number of vectors
    vectors    BYTEA   NOT NULL, -- float32 little-endian, units × dimension, in the brief's unit order
    PRIMARY KEY (article_id, model)
);

-- One claim, quote row, speaker, discrepancy or timeline point of a stored brief.
CREATE TABLE brief_parts (
    story_id TEXT    NOT NULL REFERENCES story_briefs (story_id) ON DELETE CASCADE,
    kind     TEXT    NOT NULL, -- claim, quote, speaker, discrepancy, time
    no       INTEGER NOT NULL, -- part number within the story's brief and kind, never reused while the part lives
    part_key TEXT    NOT NULL, -- what identifies the part across saves (a claim: its first span)
    body     TEXT    NOT NULL, -- JSON of the part
    PRIMARY KEY (story_id, kind, no)
);
