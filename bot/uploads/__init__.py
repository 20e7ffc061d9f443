"""Uploads from photographers: intake (store + queue), ZIP unpacking, the indexing
worker and the live progress messages, all inside the bot process."""
