-- Readers' comments under articles, threaded by parent_id (0 at the top of a thread). Addresses
-- are kept as keyed hashes only; an e-mail only while its owner wants notices of replies.
CREATE TABLE comments (
  id             INTEGER PRIMARY KEY,
  article_id     INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  parent_id      INTEGER NOT NULL DEFAULT 0,
  kind           TEXT NOT NULL DEFAULT 'comment' CHECK (kind IN ('comment', 'pingback', 'trackback')),
  status         TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'spam', 'trash')),
  author_name    TEXT NOT NULL,
  author_url     TEXT NOT NULL DEFAULT '',
  staff_user     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  email          TEXT NOT NULL DEFAULT '',
  email_key      TEXT NOT NULL DEFAULT '',
  notify_replies INTEGER NOT NULL DEFAULT 0,
  browser_key    TEXT NOT NULL DEFAULT '',
  address_key    TEXT NOT NULL DEFAULT '',
  created_at     INTEGER NOT NULL,
  edited_at      INTEGER,
  reports        INTEGER NOT NULL DEFAULT 0,
  body           TEXT NOT NULL
);
CREATE INDEX comments_by_article ON comments (article_id, status, id);
CREATE INDEX comments_by_status ON comments (status, id);
CREATE INDEX comments_by_email ON comments (email_key) WHERE email_key <> '';
CREATE INDEX comments_by_browser ON comments (browser_key) WHERE browser_key <> '';
-- An article's own choice over the site's: 'site', 'open' or 'closed'.
ALTER TABLE articles ADD COLUMN comments TEXT NOT NULL DEFAULT 'site';
