-- sitroom store, schema version 6: the feeds `sitroom watch` polls. Per feed, the validators of
-- its last full answer (ETag, Last-Modified) for conditional requests, and the backoff after
-- failures; per entry, whether it was ingested, so that an entry is fetched once.

CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    failures INTEGER NOT NULL DEFAULT 0,   -- consecutive failed polls; 0 after a success
    retry_after TEXT,                      -- UTC time before which the feed is not polled again
    last_polled TEXT,
    last_ok TEXT,
    last_error TEXT
);

CREATE TABLE feed_entries (
    feed_url TEXT NOT NULL REFERENCES feeds (url) ON DELETE CASCADE,
    entry_key TEXT NOT NULL,               -- the entry's id (guid), else its link
    url TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,   -- polls that found it and could not ingest it
    done INTEGER NOT NULL DEFAULT 0,       -- 1 once ingested, or given up on
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed_url, entry_key)
) WITHOUT ROWID;
