-- The media library: uploaded images. Their derivatives are files under media/library/ID/, the
-- originals under media-originals/ (not served: they keep their EXIF, GPS position included).
CREATE TABLE media (
  id            INTEGER PRIMARY KEY,
  original_name TEXT NOT NULL,
  format        TEXT NOT NULL,
  width         INTEGER NOT NULL,
  height        INTEGER NOT NULL,
  bytes         INTEGER NOT NULL,
  alt           TEXT NOT NULL DEFAULT '',
  credit        TEXT NOT NULL DEFAULT '',
  uploaded_by   INTEGER REFERENCES users(id),
  uploaded_at   INTEGER NOT NULL
);
