-- The content model: site settings, languages, sections, tags, authors, articles and their
-- revisions. Times are UTC seconds since 1970.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE languages (
  code     TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  position INTEGER NOT NULL
);

CREATE TABLE sections (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  position    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tags (
  id   INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);

CREATE TABLE authors (
  id   INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  bio  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE articles (
  id             INTEGER PRIMARY KEY,
  slug           TEXT NOT NULL UNIQUE,
  language       TEXT NOT NULL REFERENCES languages(code),
  section_id     INTEGER REFERENCES sections(id),
  author_id      INTEGER REFERENCES authors(id),
  title          TEXT NOT NULL,
  standfirst     TEXT NOT NULL DEFAULT '',
  body           TEXT NOT NULL DEFAULT '',
  hero_url       TEXT NOT NULL DEFAULT '',
  hero_alt       TEXT NOT NULL DEFAULT '',
  hero_credit    TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'published', 'unpublished')),
  published_at   INTEGER,
  updated_at     INTEGER,
  source_site    TEXT NOT NULL DEFAULT '',
  source_url     TEXT NOT NULL DEFAULT '',
  source_author  TEXT NOT NULL DEFAULT '',
  translator     TEXT NOT NULL DEFAULT '',
  translation_of TEXT NOT NULL DEFAULT '',
  revision       INTEGER NOT NULL
);
CREATE INDEX articles_by_time ON articles (status, published_at DESC, id DESC);
CREATE INDEX articles_by_section ON articles (section_id, published_at DESC);
CREATE INDEX articles_by_author ON articles (author_id, published_at DESC);
CREATE INDEX articles_by_language ON articles (language, published_at DESC);

CREATE TABLE article_tags (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tags(id),
  position   INTEGER NOT NULL,
  PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_by_tag ON article_tags (tag_id);

-- Every save of an article, whole, as JSON. Never changed and never deleted.
CREATE TABLE article_revisions (
  article_id INTEGER NOT NULL REFERENCES articles(id),
  number     INTEGER NOT NULL,
  saved_at   INTEGER NOT NULL,
  snapshot   TEXT NOT NULL,
  PRIMARY KEY (article_id, number)
);
CREATE TRIGGER article_revisions_are_immutable BEFORE UPDATE ON article_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are never overwritten'); END;
CREATE TRIGGER article_revisions_are_kept BEFORE DELETE ON article_revisions
BEGIN SELECT RAISE(ABORT, 'revisions are never deleted'); END;
