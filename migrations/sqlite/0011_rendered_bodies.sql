-- Article bodies as readers get them (Markdown rendered, entity mentions linked), kept so that a
-- page is not rendered from Markdown and the catalog's aliases at every view. Made again when
-- what they were made from changes: a kept body names the article revision it was made from,
-- and is deleted when the article's entities or those entities' names and aliases change.
CREATE TABLE rendered_bodies (
  article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  revision   INTEGER NOT NULL,
  html       TEXT NOT NULL,
  about      TEXT NOT NULL DEFAULT '',   -- the entities its title names: "kind/slug" lines
  entities   TEXT NOT NULL DEFAULT '[]'  -- those it is about, less the dropped: [[kind, slug, name]]
);
-- What kept bodies were made with: `links_version` counts the changes of links (an article's
-- entities, an entity's names), and a body rendered before one of them is not kept; `renderer`
-- names the build of kpress that rendered them, and another build drops them all.
CREATE TABLE rendered_body_state (links_version INTEGER NOT NULL, renderer TEXT NOT NULL);
INSERT INTO rendered_body_state VALUES (0, '');
