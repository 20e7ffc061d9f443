"""Telegram-side helpers of the guest features: sending albums, pushing updates."""
