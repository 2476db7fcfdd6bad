"""The renderer's only way out of the HTML: the app's own static files, nothing else.

A pack is made of user text (names, notes, goals). The template escapes it, but the renderer
must not be able to read a file or call a URL even if some markup slipped through: WeasyPrint
is given this fetcher, which serves a URL only when it starts with STATIC_PREFIX
("kam-static:css/pdf/briefing_pack.css") and names a file the staticfiles finders (or, once
collected, the static files storage) know. Everything else is refused: file://, http(s)://,
ftp:, and data: too — the pack's charts are inline SVG, its fonts are the system's, so it
needs no data URL, and refusing them keeps the rule to one sentence.
"""

import logging
import mimetypes
import posixpath
from urllib.parse import unquote

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger("kam.packs")

STATIC_PREFIX = "kam-static:"


class ResourceRefused(ValueError):
    """The renderer asked for something outside the app's static files."""


def static_path(url: str) -> str:
    """The static file path a `kam-static:` URL names; ResourceRefused for any other URL or a
    path that climbs out of the static folders."""
    if not url.startswith(STATIC_PREFIX):
        raise ResourceRefused(f"not a static file of the app: {url[:200]}")
    path = unquote(url[len(STATIC_PREFIX) :].split("?", 1)[0].split("#", 1)[0])
    normalised = posixpath.normpath(path.replace("\\", "/"))
    if not path or normalised.startswith(("/", "..")) or normalised == "." or "\x00" in normalised:
        raise ResourceRefused(f"not a static file of the app: {url[:200]}")
    return normalised


def read_static(path: str) -> bytes:
    """The file's bytes, found as the static files app finds it: the finders while files are
    served from the source folders, else the (collected) static files storage."""
    found = finders.find(path)
    if found:
        with open(found, "rb") as handle:
            return handle.read()
    if staticfiles_storage.exists(path):
        with staticfiles_storage.open(path, "rb") as handle:
            return handle.read()
    raise ResourceRefused(f"no such static file: {path}")


class StaticOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher serving `kam-static:` URLs from the static files and refusing
    every other URL (WeasyPrint logs the refusal and leaves the resource out)."""

    def __init__(self):
        super().__init__(allowed_protocols=(), allow_redirects=False)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        try:
            path = static_path(url)
            body = read_static(path)
        except ResourceRefused:
            self.refused.append(url)
            logger.warning("briefing pack: refused to fetch %s", url[:200])
            raise
        mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": mime_type})
