"""Face detection, embedding, quality and search. Knows nothing about Telegram."""
