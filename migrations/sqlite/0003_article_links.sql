-- What an editor attached to an article, or detached from it although its text names it, as
-- JSON lists of "kind/slug" (person/im-siwan, show/run-on).
ALTER TABLE articles ADD COLUMN entity_links TEXT NOT NULL DEFAULT '[]';
ALTER TABLE articles ADD COLUMN entity_unlinks TEXT NOT NULL DEFAULT '[]';
