-- What an import made of each thing of another site (a WordPress post, comment, author, term), so
-- that importing a newer export of that site updates what it made instead of making it again:
-- keyed on that site's address and its own ids, never on a title and a date.
CREATE TABLE import_origins (
  origin    TEXT NOT NULL,  -- "wordpress https://old.example"
  kind      TEXT NOT NULL,  -- post, comment, author, category, post_tag, attachment
  source_id TEXT NOT NULL,  -- the other site's id (a post's number, a term's slug, an author's login)
  target    TEXT NOT NULL,  -- what kpress made of it (an article's or comment's id, a slug)
  -- what the thing was when last imported (a hash): an export that did not change it leaves
  -- alone what the newsroom did with it since
  fingerprint TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (origin, kind, source_id)
) WITHOUT ROWID;

-- Old addresses that lead somewhere on this site (core/redirects.hpp): an imported site's and
-- the newsroom's.
CREATE TABLE redirects (
  from_key   TEXT PRIMARY KEY,
  to_address TEXT NOT NULL,
  origin     TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

-- A section under another (WordPress's category hierarchy): its parent's slug, or empty.
ALTER TABLE sections ADD COLUMN parent TEXT NOT NULL DEFAULT '';
