-- Parallax schema version 5: a brief stored in parts, so that updating it after one more article writes the parts
-- that changed instead of the whole brief (megabytes of JSON for a large story).
-- How story_briefs.brief reads: 0 = the whole Brief as JSON (a brief stored under version 4, served as it is until
-- it is rebuilt); 1 = the brief's header (voices, notes, framing, summary, the order of every part), the rest in
-- brief_parts.
ALTER TABLE story_briefs ADD COLUMN parts INTEGER NOT NULL DEFAULT 0;
-- Counts the saves of the brief: a process that remembers what it wrote at one revision writes only the difference.
ALTER TABLE story_briefs ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;

-- One claim, quote row, speaker, discrepancy or timeline point of a stored brief. Parts refer to claims by their part
-- number (claim ids renumber whenever claims reorder; part numbers stay while the claim keeps its first span).
CREATE TABLE brief_parts (
    story_id TEXT    NOT NULL REFERENCES story_briefs (story_id) ON DELETE CASCADE,
    kind     TEXT    NOT NULL, -- claim, quote, speaker, discrepancy, time
    no       INTEGER NOT NULL, -- part number within the story's brief and kind, never reused while the part lives
    part_key TEXT    NOT NULL, -- what identifies the part across saves (a claim: its first span)
    body     TEXT    NOT NULL, -- JSON of the part
    PRIMARY KEY (story_id, kind, no)
) WITHOUT ROWID;
