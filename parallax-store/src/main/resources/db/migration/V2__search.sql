-- Parallax schema version 2: full-text search over article titles and texts.
-- An external-content FTS5 index: the text is kept once, in articles, and the index holds only terms. SqliteStore.save
-- indexes each article in the transaction that stores it (articles are never updated or deleted); 'rebuild' indexes
-- the articles stored before this version.

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content = 'articles', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
