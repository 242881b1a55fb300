-- Changes announced to a show's regular schedule (pre-empted, moved, double episodes,
-- specials), read whole with the show, as JSON:
-- [{"kind": "preempted", "date": "2020-12-23", "reason": "..."}, ...].
ALTER TABLE shows ADD COLUMN schedule_changes TEXT NOT NULL DEFAULT '[]';
