from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest

from eventlens.core.errors import MiniAppAuthError
from eventlens.core.guests.webapp_auth import check_init_data, sign_init_data
from eventlens.core.reasons import Code

TOKEN = "123456:AAE-our-bot-token"
NOW = 1_700_000_000.0
HOUR = 3600.0


def init_data(token: str = TOKEN, auth_date: float = NOW - 10, **extra: str) -> str:
    fields = {
        "auth_date": str(int(auth_date)),
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps({"id": 4242, "first_name": "Ana", "language_code": "es"}),
        **extra,
    }
    return urlencode({**fields, "hash": sign_init_data(fields, token)})


def test_signed_data_names_its_user() -> None:
    user = check_init_data(init_data(), TOKEN, NOW, HOUR)

    assert user.id == 4242
    assert user.language_code == "es"


def test_a_changed_field_breaks_the_signature() -> None:
    forged = init_data().replace("4242", "4243")

    with pytest.raises(MiniAppAuthError) as refused:
        check_init_data(forged, TOKEN, NOW, HOUR)
    assert refused.value.code is Code.MINI_APP_FORGED


def test_a_forged_hash_is_refused() -> None:
    good = init_data()
    forged = good[: good.index("hash=") + 5] + "0" * 64

    with pytest.raises(MiniAppAuthError) as refused:
        check_init_data(forged, TOKEN, NOW, HOUR)
    assert refused.value.code is Code.MINI_APP_FORGED


def test_data_signed_for_another_bot_is_refused() -> None:
    foreign = init_data(token="999999:AAE-someone-elses-bot")

    with pytest.raises(MiniAppAuthError) as refused:
        check_init_data(foreign, TOKEN, NOW, HOUR)
    assert refused.value.code is Code.MINI_APP_FORGED


def test_old_data_has_expired() -> None:
    old = init_data(auth_date=NOW - HOUR - 1)

    with pytest.raises(MiniAppAuthError) as refused:
        check_init_data(old, TOKEN, NOW, HOUR)
    assert refused.value.code is Code.MINI_APP_EXPIRED


def test_data_from_the_future_is_refused() -> None:
    with pytest.raises(MiniAppAuthError):
        check_init_data(init_data(auth_date=NOW + HOUR), TOKEN, NOW, HOUR)


def test_signed_data_without_a_user_is_refused() -> None:
    fields = {"auth_date": str(int(NOW)), "query_id": "AAH"}
    signed = urlencode({**fields, "hash": sign_init_data(fields, TOKEN)})

    with pytest.raises(MiniAppAuthError):
        check_init_data(signed, TOKEN, NOW, HOUR)


@pytest.mark.parametrize("user", ['{"first_name": "Ana"}', '{"id": "4242"}', "not json"])
def test_signed_data_with_a_user_without_a_numeric_id_is_refused(user: str) -> None:
    fields = {"auth_date": str(int(NOW)), "user": user}
    signed = urlencode({**fields, "hash": sign_init_data(fields, TOKEN)})

    with pytest.raises(MiniAppAuthError):
        check_init_data(signed, TOKEN, NOW, HOUR)


@pytest.mark.parametrize("garbage", ["", "hash", "a=1&a=2", "%%%"])
def test_garbage_is_refused(garbage: str) -> None:
    with pytest.raises(MiniAppAuthError):
        check_init_data(garbage, TOKEN, NOW, HOUR)
