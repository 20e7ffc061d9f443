"""Telegram side: handlers, keyboards, middlewares."""
