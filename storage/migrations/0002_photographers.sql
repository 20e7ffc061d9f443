-- The photographer side of the bot: who may upload where, what each chat is
-- uploading to, upload batches with their progress message, and the Telegram
-- file ids of stored photos.

-- Owners and the co-photographers they invited; one row per person per event.
CREATE TABLE event_members (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'photographer')),
    added_at REAL NOT NULL,
    PRIMARY KEY (event_id, user_id)
);
CREATE INDEX event_members_user ON event_members(user_id);

-- The event a photographer's uploads go to (chosen with /use).
CREATE TABLE selected_events (
    user_id INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    updated_at REAL NOT NULL
);

-- Uploads that arrive in one chat for one event while the previous ones are
-- still being indexed share a batch, and one progress message (message_id).
CREATE TABLE upload_batches (
    id TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL,
    chat_id INTEGER NOT NULL,
    reply_to INTEGER,
    message_id INTEGER,
    locale TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    created_at REAL NOT NULL,
    finished_at REAL
);
CREATE INDEX upload_batches_open ON upload_batches(status, chat_id, event_id);

-- A ZIP is stored whole before it is acknowledged, then unpacked in the
-- background; entries_done lets a restarted bot resume where it stopped.
CREATE TABLE upload_archives (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id TEXT NOT NULL REFERENCES upload_batches(id) ON DELETE CASCADE,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    name TEXT NOT NULL,
    entries_done INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done')),
    created_at REAL NOT NULL
);
CREATE INDEX upload_archives_status ON upload_archives(status, id);

-- Telegram's ids for a stored photo: file_id to send it again without an upload,
-- file_unique_id (stable across chats and bots) to recognise it in a reply.
CREATE TABLE telegram_files (
    photo_id TEXT NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
    file_unique_id TEXT NOT NULL,
    file_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('photo', 'document')),
    PRIMARY KEY (photo_id, file_unique_id)
);
CREATE INDEX telegram_files_unique ON telegram_files(file_unique_id);
