-- The memos count their versions from the change log each process reads (MemoizedStore): the
-- counters the database kept for them are read by nothing any more.
DROP TABLE catalog_version;
DROP TABLE articles_version;
