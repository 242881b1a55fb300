-- Lists are read newest first: an index in that order lets SQLite stop after one page.
CREATE INDEX articles_by_published ON articles (published_at DESC, id DESC);
CREATE INDEX articles_by_translation ON articles (translation_of);
