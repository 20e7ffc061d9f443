-- What each face wears below it (core/faces/outfit.py): float16 colour statistics of
-- the chest (2 KB); NULL where the chest lies outside the photo or for faces
-- indexed before.
ALTER TABLE faces ADD COLUMN outfit BLOB;
