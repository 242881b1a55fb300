-- The entertainment catalog: networks, shows, episodes, people, groups, memberships, credits,
-- every alias of each, and which articles are about which entities. Dates are ISO text
-- (YYYY-MM-DD); lists that are only ever read whole (genres, slots, streaming links,
-- occupations) are JSON.

CREATE TABLE networks (
  id   INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);

CREATE TABLE shows (
  id             INTEGER PRIMARY KEY,
  slug           TEXT NOT NULL UNIQUE,
  title          TEXT NOT NULL,
  original_title TEXT NOT NULL DEFAULT '',
  network_id     INTEGER REFERENCES networks(id),
  genres         TEXT NOT NULL DEFAULT '[]',
  episode_count  INTEGER NOT NULL DEFAULT 0,
  first_air_date TEXT,
  last_air_date  TEXT,
  synopsis       TEXT NOT NULL DEFAULT '',
  poster_url     TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL CHECK (status IN ('upcoming', 'airing', 'ended')),
  slots          TEXT NOT NULL DEFAULT '[]',
  streaming      TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX shows_by_network ON shows (network_id);

CREATE TABLE episodes (
  show_id INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE,
  number  INTEGER NOT NULL,
  airs_at INTEGER,
  title   TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (show_id, number)
);

CREATE TABLE people (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  hangul_name TEXT NOT NULL DEFAULT '',
  birth_date  TEXT,
  occupations TEXT NOT NULL DEFAULT '[]',
  bio         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX people_by_birthday ON people (substr(birth_date, 6));

CREATE TABLE music_groups (
  id          INTEGER PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  hangul_name TEXT NOT NULL DEFAULT '',
  debut_date  TEXT,
  company     TEXT NOT NULL DEFAULT '',
  fandom      TEXT NOT NULL DEFAULT ''
);

CREATE TABLE memberships (
  group_id   INTEGER NOT NULL REFERENCES music_groups(id) ON DELETE CASCADE,
  person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  stage_name TEXT NOT NULL DEFAULT '',
  from_date  TEXT,
  to_date    TEXT,
  PRIMARY KEY (group_id, person_id)
);
CREATE INDEX memberships_by_person ON memberships (person_id);

CREATE TABLE credits (
  show_id   INTEGER NOT NULL REFERENCES shows(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  character TEXT NOT NULL DEFAULT '',
  role      TEXT NOT NULL CHECK (role IN ('main', 'support', 'guest')),
  billing   INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (show_id, person_id, character)
);
CREATE INDEX credits_by_person ON credits (person_id);

-- Every spelling of an entity. `folded` is the form in which spellings compare equal
-- ("yim si wan"); `compact` is its Latin transliteration without spaces ("yimsiwan", and
-- "imsiwan" for 임시완), so a search typed in one script finds names written in another.
CREATE TABLE aliases (
  kind      TEXT NOT NULL CHECK (kind IN ('person', 'group', 'show', 'network')),
  entity_id INTEGER NOT NULL,
  alias     TEXT NOT NULL,
  folded    TEXT NOT NULL,
  compact   TEXT NOT NULL,
  PRIMARY KEY (kind, entity_id, folded)
);
CREATE INDEX aliases_by_folded ON aliases (folded, kind);
CREATE INDEX aliases_by_compact ON aliases (compact, kind);

-- Which entities an article is about. `source`: found in the text ('auto'), added by an editor
-- ('editor'), or found but dropped by an editor ('dropped', kept so a new save does not bring
-- it back).
CREATE TABLE article_entities (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('person', 'group', 'show')),
  entity_id  INTEGER NOT NULL,
  source     TEXT NOT NULL CHECK (source IN ('auto', 'editor', 'dropped')),
  PRIMARY KEY (article_id, kind, entity_id)
);
CREATE INDEX article_entities_by_entity ON article_entities (kind, entity_id);
