-- sitroom store, schema version 1: articles with full-text search and near-duplicate signatures,
-- and the record tables that the analysis and linking stages fill.
-- Records of events, quotes, place mentions and stories are kept as their CONTRACT.md JSON in `record`,
-- with the columns that queries filter or join on beside it.

CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    outlet TEXT,
    wire TEXT,
    url TEXT,
    title TEXT,
    author TEXT,
    published TEXT,
    language TEXT,
    declared_language TEXT,
    text TEXT NOT NULL,
    raw_text TEXT NOT NULL,
    duplicate_of TEXT REFERENCES articles (id),
    source TEXT,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of);

CREATE TABLE article_signatures (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    minhash BLOB NOT NULL
);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content = 'articles', content_rowid = 'rowid'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

CREATE TABLE place_mentions (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (article_id, start, "end")
);

CREATE TABLE quotes (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    record TEXT NOT NULL
);
CREATE INDEX quotes_article ON quotes (article_id);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    record TEXT NOT NULL
);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    story_id TEXT,
    record TEXT NOT NULL
);
CREATE INDEX events_story ON events (story_id);
