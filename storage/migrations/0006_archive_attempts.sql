-- How often unpacking an archive started without ending cleanly at the same place:
-- a ZIP whose entry kills the process is set aside instead of killing it forever.
ALTER TABLE upload_archives ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
