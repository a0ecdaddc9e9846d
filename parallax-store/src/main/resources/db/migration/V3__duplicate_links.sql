-- Parallax schema version 3: syndication lineage.
-- One row per article that copies another (originals have none): the link the Deduper made, replaced when a later
-- article becomes its family's original (a wire-credited copy arriving after an uncredited reprint).
CREATE TABLE duplicate_links (
    article_id  TEXT NOT NULL PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    original_id TEXT NOT NULL REFERENCES articles (id),
    relation    TEXT NOT NULL, -- Relation name: EXACT, NEAR, CONTAINS, CONTAINED
    jaccard     REAL NOT NULL, -- estimated Jaccard of the two texts' word-shingle sets
    containment REAL NOT NULL  -- estimated share of the smaller shingle set found in the larger
) WITHOUT ROWID;
CREATE INDEX duplicate_links_original ON duplicate_links (original_id);
