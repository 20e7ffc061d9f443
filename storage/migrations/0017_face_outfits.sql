-- What each face wears below it (core/faces/outfit.py): float32 colour and texture
-- statistics of the chest; NULL where the chest lies outside the photo or for faces
-- indexed before.
ALTER TABLE faces ADD COLUMN outfit BLOB;
