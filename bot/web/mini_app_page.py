"""The Mini App's page and script: a grid of the album, full-screen view, ZIP of a selection.

The HTML is a translated shell with no data; `APP_SCRIPT` reads `initData` from
Telegram's SDK when it is there (else from the `tgWebAppData` fragment Telegram
adds to the URL, which never reaches the server), sends it with every API call,
and draws the photos from what the API returns. Photos are fetched with the
header, as their tiles come near the screen, and shown as blob URLs. Possible
matches sit in their own marked section, each with ✓ ("that's me", which moves
it into the album) and ✖ ("not me"); a verdict
button posts `{"verdict": ...}` for its photo.
"""

from __future__ import annotations

import gettext
from html import escape

TELEGRAM_SDK = "https://telegram.org/js/telegram-web-app.js"

_STYLE = """
*{box-sizing:border-box}
body{margin:0;font:16px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
background:var(--tg-theme-bg-color,#111);color:var(--tg-theme-text-color,#eee)}
header{padding:16px 12px 8px}
h1{font-size:1.3rem;margin:0 0 4px}
h2{font-size:1.1rem;margin:16px 12px 4px}
p{margin:0 12px 12px;color:var(--tg-theme-hint-color,#bbb)}
button{font:inherit;border:0;border-radius:8px;padding:8px 12px;cursor:pointer}
#download{background:var(--tg-theme-button-color,#f5b400);color:var(--tg-theme-button-text-color,#111);
font-weight:600}
#download:disabled{opacity:.4}
.grid{display:grid;gap:6px;padding:0 12px 16px;
grid-template-columns:repeat(auto-fill,minmax(110px,1fr))}
figure{position:relative;margin:0;border-radius:8px;overflow:hidden;background:#222}
figure img{display:block;width:100%;aspect-ratio:1;object-fit:cover;cursor:zoom-in}
figure.picked{outline:3px solid var(--tg-theme-button-color,#f5b400)}
.pick{position:absolute;top:6px;left:6px;width:22px;height:22px}
.maybe{border:2px dashed #e0a000}
.maybe .badge{display:block;color:#ffd36b;font-size:.75rem;padding:4px 6px 0}
.not-me,.me{display:block;width:calc(100% - 8px);margin:4px;background:#444;color:#fff;padding:4px}
#viewer{position:fixed;inset:0;background:#000;display:flex;align-items:center;
justify-content:center;z-index:10}
#viewer[hidden]{display:none}
#viewer img{max-width:100%;max-height:100%}
#close{position:absolute;top:10px;right:10px;background:#000b;color:#fff}
"""

APP_SCRIPT = r"""
"use strict";
(() => {
  const tg = window.Telegram && window.Telegram.WebApp;
  const fragment = new URLSearchParams(location.hash.slice(1));
  const initData = (tg && tg.initData) || fragment.get("tgWebAppData") || "";
  if (tg) { tg.ready(); tg.expand(); }
  const $ = (id) => document.getElementById(id);
  const labels = document.body.dataset;
  const picked = new Set();
  // Previews load as their tiles come near the screen: a long album stays within
  // the gallery's request budget.
  const nearby = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      nearby.unobserve(entry.target);
      entry.target.load();
    }
  }, {rootMargin: "600px"});

  async function api(path, options = {}) {
    const headers = Object.assign({Authorization: "tma " + initData}, options.headers || {});
    const response = await fetch(path, Object.assign({}, options, {headers}));
    if (response.status === 401) { refuse(); throw new Error("refused"); }
    if (!response.ok) throw new Error(String(response.status));
    return response;
  }

  function refuse() {
    $("refused").hidden = false;
    for (const id of ["sure", "maybe"]) $(id).replaceChildren();
    $("possible").hidden = true;
    $("download").hidden = true;
  }

  async function image(face, size) {
    const path = `/app/api/photos/${encodeURIComponent(face)}/${size}.jpg`;
    return URL.createObjectURL(await (await api(path)).blob());
  }

  function updateDownload() {
    $("download").disabled = picked.size === 0;
    $("download").textContent = labels.download + (picked.size ? ` (${picked.size})` : "");
  }

  async function open(face) {
    $("full").src = await image(face, "full");
    $("viewer").hidden = false;
  }

  async function judge(face, verdict) {
    await api(`/app/api/photos/${encodeURIComponent(face)}`, {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({verdict}),
    });
  }

  function leftPossible() {
    if (!$("maybe").children.length) $("possible").hidden = true;
  }

  async function notMe(face, tile) {
    await judge(face, "not_me");
    picked.delete(face);
    tile.remove();
    leftPossible();
    updateDownload();
  }

  async function itsMe(tile) {
    await judge(tile.dataset.face, "me");
    tile.classList.remove("maybe");
    tile.querySelector("figcaption").remove();
    $("sure").append(tile);
    leftPossible();
  }

  function tile(face, maybe) {
    const figure = document.createElement("figure");
    figure.dataset.face = face;
    const img = document.createElement("img");
    img.alt = labels.photo;
    img.addEventListener("click", () => open(face));
    const pick = document.createElement("input");
    pick.type = "checkbox";
    pick.className = "pick";
    pick.setAttribute("aria-label", labels.select);
    pick.addEventListener("change", () => {
      if (pick.checked) picked.add(face); else picked.delete(face);
      figure.classList.toggle("picked", pick.checked);
      updateDownload();
    });
    figure.append(img, pick);
    if (maybe) {
      figure.classList.add("maybe");
      const caption = document.createElement("figcaption");
      const badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = labels.possible;
      const button = document.createElement("button");
      button.className = "not-me";
      button.textContent = "✖ " + labels.notMe;
      button.addEventListener("click", () => notMe(face, figure));
      const mine = document.createElement("button");
      mine.className = "me";
      mine.textContent = labels.me;
      mine.addEventListener("click", () => itsMe(figure));
      caption.append(badge, mine, button);
      figure.append(caption);
    }
    figure.load = () => image(face, "grid").then((url) => { img.src = url; }).catch(() => {});
    nearby.observe(figure);
    return figure;
  }

  async function download() {
    const response = await api("/app/api/zip", {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({faces: [...picked]}),
    });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await response.blob());
    link.download = "photos.zip";
    document.body.append(link);
    link.click();
    link.remove();
  }

  async function start() {
    const album = await (await api("/app/api/album")).json();
    if (!album.event) { $("empty").hidden = false; $("download").hidden = true; return; }
    $("event").textContent = album.event;
    $("sure").append(...album.sure.map((face) => tile(face, false)));
    $("maybe").append(...album.maybe.map((face) => tile(face, true)));
    $("possible").hidden = album.maybe.length === 0;
    updateDownload();
  }

  $("close").addEventListener("click", () => { $("viewer").hidden = true; });
  $("download").addEventListener("click", () => download().catch(() => {}));
  start().catch(() => {});
})();
"""


def mini_app_html(language: str, t: gettext.NullTranslations) -> str:
    title = escape(t.gettext("Your photos"))
    refused = escape(t.gettext("Open this gallery from the bot in Telegram."))
    empty = escape(t.gettext("No album yet: send the bot a selfie first."))
    possible = escape(t.gettext("Possible matches"))
    doubt = escape(t.gettext("Not sure these are you: tap ✓ on yours and ✖ on any that is not."))
    close = escape(t.gettext("Close"))
    labels = {
        "download": t.gettext("Download selected (ZIP)"),
        "select": t.gettext("Select"),
        "notMe": t.gettext("Not me"),
        "me": t.gettext("✓ That's me"),
        "possible": t.gettext("Possible match"),
        "photo": t.gettext("Photo"),
    }
    data = " ".join(
        f'data-{"not-me" if key == "notMe" else key}="{escape(value)}"'
        for key, value in labels.items()
    )
    return (
        f'<!doctype html><html lang="{escape(language)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        '<meta name="robots" content="noindex,nofollow">'
        f"<title>{title}</title><style>{_STYLE}</style>"
        f'<script src="{TELEGRAM_SDK}"></script>'
        '<script src="/app/app.js" defer></script></head>'
        f"<body {data}><header><h1>{title}</h1><p id=event></p>"
        f'<button id="download" disabled>{escape(labels["download"])}</button></header>'
        f'<p id="refused" hidden>{refused}</p><p id="empty" hidden>{empty}</p>'
        '<main id="sure" class="grid"></main>'
        f'<section id="possible" hidden><h2>{possible}</h2><p>{doubt}</p>'
        '<div id="maybe" class="grid"></div></section>'
        f'<div id="viewer" hidden><img id="full" alt="{escape(labels["photo"])}">'
        f'<button id="close">{close}</button></div>'
        "</body></html>"
    )
