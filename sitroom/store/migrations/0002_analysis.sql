-- sitroom store, schema version 2: what the analysis stage finds in each article.
-- `analyses` records which articles were analysed, and by which version of the analysis, so that
-- `run` analyses each article once and an interrupted run picks up where it stopped.

CREATE TABLE analyses (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    analysed_at TEXT NOT NULL
);

CREATE TABLE actor_mentions (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    actor_id TEXT,
    record TEXT NOT NULL,
    PRIMARY KEY (article_id, start, "end")
);
CREATE INDEX actor_mentions_actor ON actor_mentions (actor_id);

CREATE TABLE date_mentions (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    record TEXT NOT NULL,
    PRIMARY KEY (article_id, start, "end")
);

CREATE INDEX place_mentions_article ON place_mentions (article_id);
