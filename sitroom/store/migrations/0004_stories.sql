-- sitroom store, schema version 4: story linking. Each analysed article keeps the profile it was
-- linked with and the story it joined; a story whose articles changed is marked dirty until its
-- record and merged events (events rows with article_id NULL) are rebuilt.

CREATE TABLE article_profiles (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    published TEXT,
    record TEXT NOT NULL
);
CREATE INDEX article_profiles_published ON article_profiles (published);

CREATE TABLE story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id TEXT NOT NULL,
    similarity REAL NOT NULL
);
CREATE INDEX story_articles_story ON story_articles (story_id);

ALTER TABLE stories ADD COLUMN dirty INTEGER NOT NULL DEFAULT 0;
