-- The site's own spam filter (core/spam_filter.hpp): how often each word was seen in comments
-- moderators marked spam and approved, what it learned in all and how its calls fared; and, on
-- each comment, its score when it came and what a moderator's decision on it taught the filter.
CREATE TABLE spam_words (
  token TEXT COLLATE "C" PRIMARY KEY,
  spam  BIGINT NOT NULL DEFAULT 0,
  ham   BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE spam_filter (
  id             BIGINT PRIMARY KEY CHECK (id = 1),
  spam_trained   BIGINT NOT NULL DEFAULT 0,
  ham_trained    BIGINT NOT NULL DEFAULT 0,
  caught         BIGINT NOT NULL DEFAULT 0,
  wrongly_caught BIGINT NOT NULL DEFAULT 0,
  missed         BIGINT NOT NULL DEFAULT 0,
  rightly_passed BIGINT NOT NULL DEFAULT 0
);
INSERT INTO spam_filter (id) VALUES (1);
-- The score in millionths (0 to 1,000,000): the store binds whole numbers only.
ALTER TABLE comments ADD COLUMN spam_score BIGINT;
ALTER TABLE comments ADD COLUMN trained_as TEXT COLLATE "C" NOT NULL DEFAULT '' CHECK (trained_as IN ('', 'ham', 'spam'));
