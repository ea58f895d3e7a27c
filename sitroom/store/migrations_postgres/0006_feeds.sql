-- sitroom store on PostgreSQL, schema version 6: as migrations/0006_feeds.sql.

CREATE TABLE feeds (
    url text PRIMARY KEY,
    etag text,
    last_modified text,
    failures integer NOT NULL DEFAULT 0,
    retry_after text,
    last_polled text,
    last_ok text,
    last_error text
);

CREATE TABLE feed_entries (
    feed_url text NOT NULL REFERENCES feeds (url) ON DELETE CASCADE,
    entry_key text NOT NULL,
    url text,
    attempts integer NOT NULL DEFAULT 0,
    done integer NOT NULL DEFAULT 0,
    seen_at text NOT NULL,
    PRIMARY KEY (feed_url, entry_key)
);
