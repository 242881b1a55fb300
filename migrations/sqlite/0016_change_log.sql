-- What each write transaction changed (a ChangeSet as JSON), appended in the transaction itself:
-- ids follow commit order one apart (SQLite has one writer at a time, and a rolled back
-- transaction gives its id back) and are never used again once dropped (AUTOINCREMENT), so every
-- process sharing the file applies the log from where it stopped and learns of other processes'
-- writes (a `kpress import` into a running site).
-- Old entries are dropped as new ones come (see SqliteStore::kChangeLogKept).
CREATE TABLE change_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  committed_at INTEGER NOT NULL,
  changes TEXT NOT NULL
);
