-- A show's title in each language that has its own ({"fr": "Course à deux"}), as JSON.
ALTER TABLE shows ADD COLUMN titles TEXT NOT NULL DEFAULT '{}';
