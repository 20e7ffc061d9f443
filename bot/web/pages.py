"""The gallery's HTML: one page, no scripts, styles inline, every string translated.

A responsive grid of previews; each photo links to its original (GPS removed) as
a download, and one button downloads them all as a ZIP.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from html import escape

_STYLE = """
*{box-sizing:border-box}
body{margin:0;font:16px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
background:#111;color:#eee}
header{padding:20px 16px 8px;max-width:1200px;margin:auto}
h1{font-size:1.5rem;margin:0 0 4px}
p{margin:0 0 12px;color:#bbb}
.all{display:inline-block;padding:10px 16px;border-radius:8px;background:#f5b400;color:#111;
text-decoration:none;font-weight:600}
main{display:grid;gap:8px;padding:8px 16px 32px;max-width:1200px;margin:auto;
grid-template-columns:repeat(auto-fill,minmax(160px,1fr))}
figure{margin:0;background:#222;border-radius:8px;overflow:hidden}
figure img{display:block;width:100%;aspect-ratio:1;object-fit:cover}
figcaption a{display:block;padding:6px 8px;color:#f5b400;text-decoration:none;font-size:.9rem}
@media (min-width:700px){main{grid-template-columns:repeat(auto-fill,minmax(220px,1fr))}}
"""


@dataclass(frozen=True)
class AlbumPage:
    token: str
    event_name: str
    count: int


def _document(language: str, title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="{escape(language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="robots" content="noindex,nofollow">'
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head>"
        f"<body>{body}</body></html>"
    )


def album_html(page: AlbumPage, language: str, t: gettext.NullTranslations) -> str:
    title = t.gettext("Photos from {event}").format(event=page.event_name)
    count = t.ngettext("{count} photo", "{count} photos", page.count).format(count=page.count)
    base = f"/a/{escape(page.token)}"
    alt = t.gettext("Photo {number}")
    download = escape(t.gettext("Download"))
    tiles = "".join(
        f'<figure><a href="{base}/{n}/download" download>'
        f'<img src="{base}/{n}.jpg" loading="lazy" alt="{escape(alt.format(number=n))}"></a>'
        f'<figcaption><a class="download" href="{base}/{n}/download" download>{download}</a>'
        "</figcaption></figure>"
        for n in range(1, page.count + 1)
    )
    label = escape(t.gettext("Download all (ZIP)"))
    download_all = f'<a class="all" href="{base}/all.zip" download>{label}</a>'
    if not page.count:
        download_all = ""
    body = (
        f"<header><h1>{escape(title)}</h1><p>{escape(count)}</p>{download_all}</header>"
        f"<main>{tiles}</main>"
    )
    return _document(language, title, body)


def gone_html(language: str, t: gettext.NullTranslations, reason: str) -> str:
    """410: the link existed, and its owner revoked it or it expired."""
    title = t.gettext("This link no longer works")
    message = (
        t.gettext("Its owner revoked it.")
        if reason == "revoked"
        else t.gettext("It has expired. Ask the person who shared it for a new one.")
    )
    return _document(
        language, title, f"<header><h1>{escape(title)}</h1><p>{escape(message)}</p></header>"
    )


def not_found_html(language: str, t: gettext.NullTranslations) -> str:
    title = t.gettext("Nothing here")
    message = t.gettext("Check that the link was copied completely.")
    return _document(
        language, title, f"<header><h1>{escape(title)}</h1><p>{escape(message)}</p></header>"
    )
