-- The newsroom: accounts, their sessions, and an audit log of who did what.
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name          TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL CHECK (role IN ('contributor', 'translator', 'editor', 'owner')),
  password_hash TEXT NOT NULL,
  author        TEXT NOT NULL DEFAULT '',
  created_at    INTEGER NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0
);

-- Only a hash of each session's token: a copy of the database opens no session.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  address    TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY,
  at      INTEGER NOT NULL,
  user_id INTEGER REFERENCES users(id),
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  target  TEXT NOT NULL DEFAULT '',
  detail  TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER audit_log_is_immutable BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is never rewritten'); END;
CREATE TRIGGER audit_log_is_kept BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is never deleted'); END;

-- Who created an article (contributors and translators edit only their own drafts), where an
-- unpublished article sends its readers, the trash, and which revision of its source a
-- translation was made from (so a later change of the source shows).
ALTER TABLE articles ADD COLUMN created_by INTEGER REFERENCES users(id);
ALTER TABLE articles ADD COLUMN redirect_to TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN trashed_at INTEGER;
ALTER TABLE articles ADD COLUMN source_revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE article_revisions ADD COLUMN saved_by INTEGER REFERENCES users(id);

-- The editor's autosave: the latest unsaved state of an article in one account's editor, kept
-- apart from the article (which readers may be seeing) until that person saves it.
CREATE TABLE autosaves (
  article_id INTEGER NOT NULL REFERENCES articles(id),
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  saved_at   INTEGER NOT NULL,
  snapshot   TEXT NOT NULL,
  PRIMARY KEY (article_id, user_id)
) WITHOUT ROWID;
