-- What every node of a site must share rather than keep on its own disk: the key that signs
-- cookies, CSRF tokens and reader ids (hex), made by the first node to start.
CREATE TABLE site_keys (
  name  TEXT COLLATE "C" PRIMARY KEY,
  value TEXT COLLATE "C" NOT NULL
);
-- Sign-ins are throttled by counting the recent failures of the audit log, which every node
-- writes: a window of minutes read through this index, however long the log.
CREATE INDEX audit_log_by_action ON audit_log (action, at);
-- Kept bodies are kept per build of kpress (its renderer), so that two builds running side by
-- side during a rolling upgrade neither serve nor drop each other's. The builds are numbered in
-- the order they came; the bodies of all but the two newest are dropped when a new one comes.
CREATE TABLE body_renderers (
  renderer TEXT COLLATE "C" PRIMARY KEY,
  adopted  BIGINT NOT NULL
);
DROP TABLE rendered_bodies;
CREATE TABLE rendered_bodies (
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  renderer   TEXT COLLATE "C" NOT NULL,
  revision   BIGINT NOT NULL,
  html       TEXT COLLATE "C" NOT NULL,
  about      TEXT COLLATE "C" NOT NULL DEFAULT '',
  entities   TEXT COLLATE "C" NOT NULL DEFAULT '[]',
  PRIMARY KEY (article_id, renderer)
);
ALTER TABLE rendered_body_state DROP COLUMN renderer;
