from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import I18n

from eventlens.bot.keyboards.guest import (
    AlbumGroup,
    AlbumMore,
    AlbumSend,
    PhotoAction,
    album_keyboard,
    possible_keyboard,
    without_data,
    without_face,
)
from eventlens.core.search.album import Album
from eventlens.core.search.matches import Match


def _album(sure: int, maybe: int) -> Album:
    matches = [Match(f"{i:032x}", f"{i:032x}-0", 0.9, "sure") for i in range(sure)]
    matches += [Match(f"{i:032x}", f"{i:032x}-1", 0.3, "maybe") for i in range(sure, sure + maybe)]
    return Album.of(matches)


def _labels(keyboard: InlineKeyboardMarkup) -> list[str]:
    return [button.text for row in keyboard.inline_keyboard for button in row]


def test_a_short_album_has_two_buttons_per_photo_and_offers_possible_matches(
    english: I18n,
) -> None:
    keyboard = album_keyboard(_album(3, 4))

    rows = keyboard.inline_keyboard
    assert [button.text for button in rows[0]] == ["⬇ 1", "✖ 1"]
    assert _labels(keyboard)[6:] == ["Show possible matches (4)", "Add another selfie"]
    assert AlbumMore.unpack(rows[3][0].callback_data or "") == AlbumMore(tier="maybe", page=0)


def test_a_long_album_lists_its_groups_and_each_group_has_its_buttons(english: I18n) -> None:
    album = _album(35, 0)

    groups = album_keyboard(album)
    one = album_keyboard(album, 3)

    assert _labels(groups) == [
        "Photos 1-10",
        "Photos 11-20",
        "Photos 21-30",
        "Photos 31-35",
        "Add another selfie",
    ]
    assert AlbumGroup.unpack(groups.inline_keyboard[1][0].callback_data or "").group == 3
    assert _labels(one)[:2] == ["⬇ 31", "✖ 31"] and _labels(one)[10:] == ["◀", "Add another selfie"]
    for row in one.inline_keyboard:  # callback data stays within Telegram's 64 bytes
        assert all(len((button.callback_data or "").encode()) <= 64 for button in row)


def test_a_large_album_offers_to_send_it_and_a_shown_page_button_goes(english: I18n) -> None:
    keyboard = album_keyboard(_album(120, 2), send_all=True)

    labels = _labels(keyboard)
    assert "Send all 120 here" in labels and len(labels) == 12 + 3
    shown = AlbumMore(tier="maybe", page=0).pack()
    left = without_data(keyboard, shown)
    assert "Show possible matches (2)" not in _labels(left) and "Send all 120 here" in _labels(left)
    data = [b.callback_data for row in keyboard.inline_keyboard for b in row]
    assert AlbumSend().pack() in data


def test_a_possible_match_has_that_is_me_and_not_me(english: I18n) -> None:
    keyboard = possible_keyboard("f" * 32 + "-1")

    assert _labels(keyboard) == ["✓ That's me", "✖ Not me"]
    (row,) = keyboard.inline_keyboard
    assert PhotoAction.unpack(row[0].callback_data or "").action == "confirm"


def test_not_me_takes_one_row_out(english: I18n) -> None:
    album = _album(3, 0)
    keyboard = album_keyboard(album)
    face = album.sure[1].face_id

    smaller = without_face(keyboard, face)

    assert len(smaller.inline_keyboard) == len(keyboard.inline_keyboard) - 1
    data = [b.callback_data or "" for row in smaller.inline_keyboard for b in row]
    assert PhotoAction(action="not_me", face_id=face).pack() not in data
