from __future__ import annotations

from aiogram.utils.i18n import I18n

from eventlens.bot.keyboards.guest import AlbumMore, PhotoAction, page_keyboard, without_face
from eventlens.core.search.album import Album
from eventlens.core.search.matches import Match


def _album(sure: int, maybe: int) -> Album:
    matches = [Match(f"{i:032x}", f"{i:032x}-0", 0.9, "sure") for i in range(sure)]
    matches += [Match(f"{i:032x}", f"{i:032x}-1", 0.3, "maybe") for i in range(sure, sure + maybe)]
    return Album.of(matches)


def test_a_page_has_two_buttons_per_photo_then_more(english: I18n) -> None:
    album = _album(12, 3)

    keyboard = page_keyboard(album.page("sure", 0), 1, len(album.maybe))

    rows = keyboard.inline_keyboard
    assert [button.text for button in rows[0]] == ["⬇ 1", "✖ 1"]
    assert len(rows) == 10 + 2
    assert rows[10][0].text == "Show more (2 left)"
    assert AlbumMore.unpack(rows[10][0].callback_data or "") == AlbumMore(tier="sure", page=1)
    assert rows[11][0].text == "Add another selfie"
    for row in rows[:10]:  # callback data stays within Telegram's 64 bytes
        assert all(len((button.callback_data or "").encode()) <= 64 for button in row)


def test_the_last_sure_page_offers_the_possible_matches(english: I18n) -> None:
    album = _album(3, 4)
    keyboard = page_keyboard(album.page("sure", 0), 1, len(album.maybe))
    labels = [button.text for row in keyboard.inline_keyboard for button in row]
    assert "Show possible matches (4)" in labels


def test_not_me_takes_one_row_out(english: I18n) -> None:
    album = _album(3, 0)
    keyboard = page_keyboard(album.page("sure", 0), 1, 0)
    face = album.sure[1].face_id

    smaller = without_face(keyboard, face)

    assert len(smaller.inline_keyboard) == len(keyboard.inline_keyboard) - 1
    data = [b.callback_data or "" for row in smaller.inline_keyboard for b in row]
    assert PhotoAction(action="not_me", face_id=face).pack() not in data
