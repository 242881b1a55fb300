-- What each write transaction changed (a ChangeSet as JSON), appended in the transaction itself.
-- Ids come from the head row, which a writer holds until it commits: they follow commit order
-- one apart and are never given twice, so every process sharing the database applies the log
-- from where it stopped and learns of other processes' writes (a `kpress import` into a running
-- site). Old entries are dropped as new ones come (see SqlStore::kChangeLogKept).
CREATE TABLE change_log_head (id INTEGER NOT NULL);
INSERT INTO change_log_head VALUES (0);
CREATE TABLE change_log (
  id INTEGER PRIMARY KEY,
  committed_at INTEGER NOT NULL,
  changes TEXT NOT NULL
);
