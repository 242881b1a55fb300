-- Counts the catalog's commits (entities, their names, episodes, credits, networks): what a
-- reader keeps of the catalog in memory is good for as long as this has not changed.
CREATE TABLE catalog_version (version INTEGER NOT NULL);
INSERT INTO catalog_version VALUES (0);
