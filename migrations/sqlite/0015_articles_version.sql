-- Counts the commits that changed an article (saved, trashed, published): what a reader keeps
-- of articles in memory (a story's editions) is good for as long as this has not changed.
CREATE TABLE articles_version (version INTEGER NOT NULL);
INSERT INTO articles_version VALUES (0);
