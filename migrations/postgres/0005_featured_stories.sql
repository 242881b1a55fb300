-- The stories editors pin to a language edition's front page, in order, until a time or not.
CREATE TABLE featured_stories (
  language   TEXT COLLATE "C" NOT NULL,
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position   BIGINT NOT NULL,
  until      BIGINT,
  PRIMARY KEY (language, article_id)
);
