-- Parallax schema version 4: stored briefs and the sentence vectors they are built from.
-- A story's brief, with the fingerprint of the article set (and claim model) it was built from: served as long as the
-- story's articles give the same fingerprint, rebuilt when they do not. A merge deletes the absorbed story's row.
CREATE TABLE story_briefs (
    story_id    TEXT    NOT NULL PRIMARY KEY REFERENCES stories (id) ON DELETE CASCADE,
    fingerprint TEXT    NOT NULL, -- StoryBriefs.fingerprint: claim model, brief version, article ids and texts
    brief       TEXT    NOT NULL, -- JSON of the Brief
    built_at    INTEGER NOT NULL  -- epoch ms
) WITHOUT ROWID;

-- The vector of every sentence or clause unit the brief makes of an article, embedded once per article and model.
CREATE TABLE unit_vectors (
    article_id TEXT    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    model      TEXT    NOT NULL, -- the embedder's name
    units      INTEGER NOT NULL, -- number of vectors
    vectors    BLOB    NOT NULL, -- float32 little-endian, units × dimension, in the brief's unit order
    PRIMARY KEY (article_id, model)
) WITHOUT ROWID;
