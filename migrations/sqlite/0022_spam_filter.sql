-- The site's own spam filter (core/spam_filter.hpp): how often each word was seen in comments
-- moderators marked spam and approved, what it learned in all and how its calls fared; and, on
-- each comment, its score when it came and what a moderator's decision on it taught the filter.
CREATE TABLE spam_words (
  token TEXT PRIMARY KEY,
  spam  INTEGER NOT NULL DEFAULT 0,
  ham   INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE spam_filter (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  spam_trained   INTEGER NOT NULL DEFAULT 0,
  ham_trained    INTEGER NOT NULL DEFAULT 0,
  caught         INTEGER NOT NULL DEFAULT 0,
  wrongly_caught INTEGER NOT NULL DEFAULT 0,
  missed         INTEGER NOT NULL DEFAULT 0,
  rightly_passed INTEGER NOT NULL DEFAULT 0
);
INSERT INTO spam_filter (id) VALUES (1);
-- The score in millionths (0 to 1,000,000): the store binds whole numbers only.
ALTER TABLE comments ADD COLUMN spam_score INTEGER;
ALTER TABLE comments ADD COLUMN trained_as TEXT NOT NULL DEFAULT '' CHECK (trained_as IN ('', 'ham', 'spam'));
