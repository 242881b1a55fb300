-- Readers' reactions: one per anonymous reader per article, the last choice kept. Clustered by
-- article (WITHOUT ROWID), so an article's counts read one range of the table and a vote
-- writes one b-tree, not two.
CREATE TABLE reactions (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  reader     TEXT NOT NULL,
  reaction   TEXT NOT NULL CHECK (reaction IN ('like', 'support', 'congrats', 'cant_wait', 'surprised', 'sad')),
  at         INTEGER NOT NULL,
  PRIMARY KEY (article_id, reader)
) WITHOUT ROWID;
