-- The addresses that asked for no more e-mail from the site, as the keyed hashes of
-- CommentKeys::key_of("email", ...): notices to moderators and to commenters skip them.
CREATE TABLE mail_unsubscribed (
  email_key TEXT PRIMARY KEY,
  at        INTEGER NOT NULL
) WITHOUT ROWID;
