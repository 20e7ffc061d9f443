"""Per-update data: the caller (id, locale, admin flag) and the translation context."""
