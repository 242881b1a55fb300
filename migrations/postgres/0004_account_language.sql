-- The language the newsroom speaks to an account ('' : the site's default language).
ALTER TABLE users ADD COLUMN language TEXT COLLATE "C" NOT NULL DEFAULT '';
