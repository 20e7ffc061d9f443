"""Gettext catalogs for the bot: `messages.pot` (English source strings, extracted
from `bot/`) and `<lang>/LC_MESSAGES/messages.po`. The `.mo` files are built from
these at start-up (`bot.i18n.compile_catalogs`), never committed."""

if __name__ != "eventlens.locales":  # pragma: no cover - a wrong sys.path, not a code path
    raise ImportError("import this package as eventlens.locales, never as the bare 'locales'")
