"""The Russian translation: it is served to a browser that asks for it, it is complete, and the
compiled catalogue (django.mo) matches its source (django.po)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

PO_FILE = Path(settings.BASE_DIR) / "locale" / "ru" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _unquote(text: str) -> str:
    body = text.strip()[1:-1]
    return re.sub(r'\\(["\\nt])', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body)


def _entries() -> list[dict]:
    """The .po's entries (the header included) as dicts: 'msgctxt', 'msgid', 'msgid_plural',
    'msgstr' or 'msgstr[N]', plus 'flags'. Obsolete entries (#~) are left out."""
    entries = []
    for block in PO_FILE.read_text(encoding="utf-8").split("\n\n"):
        entry, key = {"flags": ""}, None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] += line[2:]
            elif line.startswith("#"):
                continue
            elif match := re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) (\".*\")$", line):
                key = match.group(1)
                entry[key] = _unquote(match.group(2))
            elif line.startswith('"') and key:
                entry[key] += _unquote(line)
        if "msgid" in entry:
            entries.append(entry)
    return entries


def _translations(entry: dict) -> list[str]:
    return [value for key, value in entry.items() if key.startswith("msgstr")]


def test_the_catalogue_exists():
    assert PO_FILE.exists()
    assert MO_FILE.exists(), "run: manage.py compilemessages -l ru"


def test_the_header_has_the_three_russian_plural_forms():
    header = _entries()[0]
    assert header["msgid"] == ""
    assert "Language: ru\n" in header["msgstr"]
    assert (
        "Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : "
        "n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
    ) in header["msgstr"]


def test_every_entry_is_translated_and_none_is_fuzzy():
    entries = _entries()[1:]
    assert len(entries) > 300
    untranslated = [e["msgid"] for e in entries if not all(_translations(e))]
    assert untranslated == []
    assert "#, fuzzy" not in PO_FILE.read_text(encoding="utf-8")
    assert [e["msgid"] for e in entries if "fuzzy" in e["flags"]] == []


def test_plural_entries_have_three_forms():
    plurals = [e for e in _entries() if "msgid_plural" in e]
    assert plurals
    for entry in plurals:
        assert sorted(k for k in entry if k.startswith("msgstr")) == ["msgstr[0]", "msgstr[1]", "msgstr[2]"]


def test_translations_keep_every_placeholder_and_no_html():
    for entry in _entries()[1:]:
        expected = sorted(PLACEHOLDER.findall(entry["msgid"]))
        for text in _translations(entry):
            assert sorted(PLACEHOLDER.findall(text)) == expected, entry["msgid"]
            assert "<" not in text or "<" in entry["msgid"], entry["msgid"]


def test_the_compiled_catalogue_matches_the_source():
    """A stale django.mo shows up as a msgid Django cannot translate (file times are useless
    in a git clone). Every singular entry, and every plural entry for 1, 3 and 5, is looked up."""
    with translation.override("ru"):
        for entry in _entries()[1:]:
            msgid, context = entry["msgid"], entry.get("msgctxt")
            if "msgid_plural" in entry:
                for n, form in ((1, 0), (3, 1), (5, 2)):
                    if context:
                        got = translation.npgettext(context, msgid, entry["msgid_plural"], n)
                    else:
                        got = translation.ngettext(msgid, entry["msgid_plural"], n)
                    assert got == entry[f"msgstr[{form}]"], msgid
            else:
                got = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
                assert got == entry["msgstr"], msgid


def test_buying_role_marks_are_short_russian_marks():
    with translation.override("ru"):
        for mark in ("DM", "EB", "INF", "USR", "GK", "CH"):
            russian = translation.pgettext("buying role mark", mark)
            assert russian != mark
            assert len(russian) <= 4
        assert translation.pgettext("buying role mark", "DM") == "ЛПР"


@pytest.mark.django_db
def test_the_login_page_speaks_russian_to_a_russian_browser(client):
    response = client.get(reverse("login"), headers={"accept-language": "ru"})
    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="ru"' in page
    assert "Войти" in page
    assert "Управление ключевыми клиентами" in page
    assert "Log in" not in page


@pytest.mark.django_db
def test_the_login_page_speaks_english_to_an_english_browser(client):
    response = client.get(reverse("login"), headers={"accept-language": "en"})
    page = response.content.decode()
    assert "Log in" in page
    assert "Key account management" in page
    assert "Войти" not in page


@pytest.mark.django_db
def test_the_account_list_in_russian(client_for, owner, account):
    response = client_for(owner).get(reverse("accounts:list"), headers={"accept-language": "ru"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ключевые клиенты" in page
    assert "1 клиент" in page
    assert account.name in page
    assert "Key accounts" not in page


@pytest.mark.django_db
def test_the_default_language_stays_english(client_for, owner, account):
    page = client_for(owner).get(reverse("accounts:list")).content.decode()
    assert "Key accounts" in page
    assert "Ключевые клиенты" not in page
