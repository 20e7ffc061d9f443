"""The share-link web gallery, served by aiohttp in the bot's process."""
