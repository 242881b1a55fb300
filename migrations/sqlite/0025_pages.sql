-- Standalone pages (About, Legal notice, Contact) are articles of the kind 'page': edited and
-- revisioned the same way, kept out of every list, feed and related box (core/content.hpp).
ALTER TABLE articles ADD COLUMN kind TEXT NOT NULL DEFAULT 'article';
-- What search engines and shared links show when not the title and standfirst (an SEO plugin's,
-- kept by an import; the editor's).
ALTER TABLE articles ADD COLUMN seo_title TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN seo_description TEXT NOT NULL DEFAULT '';
