"""Telegram side: routers, handlers, keyboards, middlewares, texts. Installed as
`eventlens.bot`; it translates between Telegram and `eventlens.core` only."""

if __name__ != "eventlens.bot":  # pragma: no cover - a wrong sys.path, not a code path
    raise ImportError("import this package as eventlens.bot, never as the bare 'bot'")
