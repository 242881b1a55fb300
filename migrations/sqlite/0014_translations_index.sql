-- An article's other editions are read on every view of it, newest first: an index in that
-- order spares SQLite a temporary b-tree to sort them (most articles have none, and opening
-- the b-tree cost more than the search).
DROP INDEX articles_by_translation;
CREATE INDEX articles_by_translation ON articles (translation_of, published_at DESC, id DESC);
