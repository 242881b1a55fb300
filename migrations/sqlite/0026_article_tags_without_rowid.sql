-- An article's tags in one b-tree, keyed by (article_id, tag_id), their position beside the key:
-- reading them is one seek. As a rowid table, each tag was a seek in the key's index and
-- another in the table, for every article page read (the article's row and its related box).
CREATE TABLE article_tags_by_article (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tags(id),
  position   INTEGER NOT NULL,
  PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
INSERT INTO article_tags_by_article (article_id, tag_id, position) SELECT article_id, tag_id, position FROM article_tags;
DROP TABLE article_tags;
ALTER TABLE article_tags_by_article RENAME TO article_tags;
CREATE INDEX article_tags_by_tag ON article_tags (tag_id);
