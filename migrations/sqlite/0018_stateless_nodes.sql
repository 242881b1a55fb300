-- What every node of a site must share rather than keep on its own disk: the key that signs
-- cookies, CSRF tokens and reader ids (hex), made by the first node to start.
CREATE TABLE site_keys (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
-- Sign-ins are throttled by counting the recent failures of the audit log, which every node
-- writes: a window of minutes read through this index, however long the log.
CREATE INDEX audit_log_by_action ON audit_log (action, at);
-- Kept bodies are kept per build of kpress (its renderer), so that two builds running side by
-- side during a rolling upgrade neither serve nor drop each other's. The builds are numbered in
-- the order they came; the bodies of all but the two newest are dropped when a new one comes.
CREATE TABLE body_renderers (
  renderer TEXT PRIMARY KEY,
  adopted  INTEGER NOT NULL
) WITHOUT ROWID;
DROP TABLE rendered_bodies;
CREATE TABLE rendered_bodies (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  renderer   TEXT NOT NULL,
  revision   INTEGER NOT NULL,
  html       TEXT NOT NULL,
  about      TEXT NOT NULL DEFAULT '',   -- the entities its title names: "kind/slug" lines
  entities   TEXT NOT NULL DEFAULT '[]', -- those it is about, less the dropped: [[kind, slug, name]]
  PRIMARY KEY (article_id, renderer)
);
ALTER TABLE rendered_body_state DROP COLUMN renderer;
