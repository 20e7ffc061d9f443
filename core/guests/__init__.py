"""The guest's side: `desk.GuestDesk` is the one use case every front door calls.

desk          join, consent, the whole selfie, follow, links, privacy (one method each)
outcomes      the typed answers the front doors render
selfie_search the search behind a selfie: cap, one at a time, face choice, album, "not me"
sessions      each guest's current search, in memory only
share_links   signed, expiring, revocable album URLs
gallery       what a share link opens (photos by position, previews, originals)
album_files   album photos for a chat, and the chat's file ids for them
live_updates  new photos matched against followers, queued as batches
"""
