-- Counting what readers may see (home and archive paging) reads this index alone when it holds
-- trashed_at too: without it, every one of 100,000 rows was read (200 ms instead of 17).
DROP INDEX articles_by_time;
CREATE INDEX articles_by_time ON articles (status, published_at DESC, id DESC, trashed_at);
