-- sitroom store, schema version 3: events and quotes found in one article are stored with it, so
-- that re-analysing an article replaces them. (Events merged across articles keep article_id NULL.)

ALTER TABLE events ADD COLUMN article_id TEXT REFERENCES articles (id) ON DELETE CASCADE;
CREATE INDEX events_article ON events (article_id);
