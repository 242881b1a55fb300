-- Readers' reactions: one per anonymous reader per article, the last choice kept. Counts are
-- read by reaction, so the index leads with the article.
CREATE TABLE reactions (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  reader     TEXT NOT NULL,
  reaction   TEXT NOT NULL CHECK (reaction IN ('like', 'support', 'congrats', 'cant_wait', 'surprised', 'sad')),
  at         INTEGER NOT NULL,
  PRIMARY KEY (article_id, reader)
) WITHOUT ROWID;
CREATE INDEX reactions_by_kind ON reactions (article_id, reaction);
