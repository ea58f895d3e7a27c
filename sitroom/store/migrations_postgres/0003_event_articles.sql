-- sitroom store on PostgreSQL, schema version 3: as migrations/0003_event_articles.sql.

ALTER TABLE events ADD COLUMN article_id text REFERENCES articles (id) ON DELETE CASCADE;
CREATE INDEX events_article ON events (article_id);
