-- Counts the commits that changed an article (saved or trashed): what a reader keeps of articles
-- in memory (an article by its slug, a story's editions) is good for as long as this has not
-- changed.
CREATE TABLE articles_version (version INTEGER NOT NULL);
INSERT INTO articles_version VALUES (0);
-- A later migration that changes articles' rows or tags must count itself here too.
