-- The stories editors pin to a language edition's front page, in order, until a time or not.
CREATE TABLE featured_stories (
  language   TEXT NOT NULL,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  until      INTEGER,
  PRIMARY KEY (language, article_id)
) WITHOUT ROWID;
