-- The newest articles of a language with their status, read from the index alone (related
-- articles are looked for among them): 3,000 rows read in 2 ms instead of 9.
DROP INDEX articles_by_language;
CREATE INDEX articles_by_language ON articles (language, published_at DESC, id DESC, status, trashed_at);
-- The few links an editor dropped, found without reading every link's row.
CREATE INDEX article_entities_dropped ON article_entities (article_id) WHERE source = 'dropped';
