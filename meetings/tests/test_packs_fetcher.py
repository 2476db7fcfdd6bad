"""The renderer reads the app's static files and nothing else: no file://, no network, no
data: URLs, no climbing out of the static folders."""

import io

import pytest
from pypdf import PdfReader

from meetings.packs.fetcher import STATIC_PREFIX, ResourceRefused, StaticOnlyFetcher, static_path
from meetings.packs.render import STYLESHEET, html_to_pdf


def test_the_pack_stylesheet_is_served_from_the_static_files():
    response = StaticOnlyFetcher().fetch(STYLESHEET)
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://evil.example/x.png",
        "https://evil.example/style.css",
        "ftp://evil.example/x",
        "data:image/svg+xml;base64,PHN2Zy8+",
        "/etc/passwd",
        "../../etc/passwd",
        f"{STATIC_PREFIX}../../../etc/passwd",
        f"{STATIC_PREFIX}%2e%2e/%2e%2e/settings.py",
        f"{STATIC_PREFIX}/etc/passwd",
        f"{STATIC_PREFIX}",
        f"{STATIC_PREFIX}css/no-such-file.css",
    ],
)
def test_the_fetcher_refuses_everything_but_static_files(url):
    fetcher = StaticOnlyFetcher()
    with pytest.raises(ResourceRefused):
        fetcher.fetch(url)
    assert fetcher.refused == [url]


def test_static_path_keeps_a_plain_relative_path():
    assert static_path(f"{STATIC_PREFIX}css/pdf/briefing_pack.css?v=2") == "css/pdf/briefing_pack.css"


def test_raw_html_with_foreign_resources_renders_without_them():
    """Even markup that escaped the template's escaping cannot make the renderer read a file
    or call out: each such resource is refused and the PDF is made without it."""
    fetcher = StaticOnlyFetcher()
    html = (
        "<html><head>"
        '<link rel="stylesheet" href="http://evil.example/x.css">'
        f'<link rel="stylesheet" href="{STYLESHEET}">'
        "</head><body><p>Hello</p>"
        '<img src="file:///etc/passwd">'
        '<img src="http://127.0.0.1:9/tracker.png">'
        '<img src="data:image/svg+xml;base64,PHN2Zy8+">'
        "<iframe src='file:///etc/passwd'></iframe>"
        "<object data='file:///etc/hostname'></object>"
        "</body></html>"
    )
    pdf, pages = html_to_pdf(html, fetcher=fetcher)
    assert pages == 1
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Hello" in text
    assert "root:" not in text
    assert "file:///etc/passwd" in fetcher.refused
    assert "http://127.0.0.1:9/tracker.png" in fetcher.refused
    assert "http://evil.example/x.css" in fetcher.refused
    assert "data:image/svg+xml;base64,PHN2Zy8+" in fetcher.refused
    assert not any(url.startswith(STATIC_PREFIX) for url in fetcher.refused)
