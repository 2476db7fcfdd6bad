"""The briefing pack as a PDF, read back: what it says, in Cyrillic too; the confidential
limits; the sections without data saying so; the page numbers and the contents."""

import io
import os
import re

import pytest
from django.utils.formats import number_format
from pypdf import PdfReader

from meetings.models import Meeting
from meetings.packs.content import pack_content
from meetings.packs.render import pack_html, render_pack
from meetings.tests.factories import MeetingFactory
from meetings.tests.packs_data import AGENDA_GOAL, LIMIT_PRICE, briefed_meeting

pytestmark = pytest.mark.django_db


def pages_text(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    # The extracted text breaks lines where the layout did; words are what we look for.
    return [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


@pytest.fixture
def rendered(account, owner):
    meeting = briefed_meeting(account, owner)
    rendered = render_pack(pack_content(user=owner, meeting_id=meeting.pk))
    folder = os.environ.get("KAM_PACK_DUMP")
    if folder:  # to look at the pages: pdftoppm -png -r 50 pack.pdf page
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "pack.pdf"), "wb") as handle:
            handle.write(rendered.pdf)
    return rendered


def test_pack_is_a_pdf_of_several_numbered_pages(rendered):
    assert rendered.pdf.startswith(b"%PDF-")
    texts = pages_text(rendered.pdf)
    assert rendered.pages == len(texts) >= 5
    # The footer counts the pages: "Page 2 of N" (the cover has no footer).
    assert f"Page 2 of {rendered.pages}" in texts[1]
    assert f"Page {rendered.pages} of {rendered.pages}" in texts[-1]


def test_pack_names_the_client_the_goal_and_the_people_in_cyrillic(rendered):
    text = " ".join(pages_text(rendered.pdf))
    assert "Северсталь Логистик" in text
    assert "Годовая встреча 2027" in text
    assert AGENDA_GOAL in text
    assert "Ирина Волкова" in text
    assert "Директор по закупкам" in text
    assert "Стрейч-плёнка 23 мкм" in text


def test_limits_are_printed_and_marked_confidential(rendered):
    texts = pages_text(rendered.pdf)
    limit = number_format(LIMIT_PRICE, decimal_pos=0, force_grouping=True)
    pages_with_limit = [text for text in texts if limit in text and "Lowest price" in text]
    assert pages_with_limit, f"{limit} not found"
    page = pages_with_limit[0]
    assert "Negotiation targets and limits" in page
    assert page.count("CONFIDENTIAL") >= 2  # the heading's tag and the warning under it
    assert page.index("CONFIDENTIAL") < page.index(limit)


def test_contents_lists_sections_with_their_page_numbers(rendered):
    contents = pages_text(rendered.pdf)[1]
    assert "Contents" in contents
    # Each entry ends with the page its section starts on (target-counter).
    assert re.search(r"Client dossier[ .]*3\b", contents)
    assert re.search(r"Draft proposal[ .]*\d+", contents)


def test_the_draft_proposal_comes_from_the_checklist(rendered):
    text = " ".join(pages_text(rendered.pdf))
    assert "рамочный договор на 2 года" in text


def test_sections_without_data_say_so(account, owner):
    meeting = MeetingFactory(account=account, kind=Meeting.Kind.REGULAR, title="Первое знакомство")
    rendered = render_pack(pack_content(user=owner, meeting_id=meeting.pk))
    text = " ".join(pages_text(rendered.pdf))
    for sentence in (
        "No contacts recorded at this client yet",
        "The client has not been scored yet",
        "No actual sales imported for this client",
        "No sales plan for",
        "No earlier meeting with this client was held",
        "No open commitments",
        "This is not an annual meeting: it has no checklist.",
        "No negotiation targets or limits set for this meeting yet.",
        "No agenda yet",
        "No draft proposal written yet",
    ):
        assert sentence in text, sentence
    assert rendered.pages >= 5


def test_user_text_is_printed_as_text_never_fetched(account, owner):
    meeting = MeetingFactory(
        account=account,
        objective='<img src="file:///etc/passwd"> see http://evil.example/x.png',
    )
    content = pack_content(user=owner, meeting_id=meeting.pk)
    html = pack_html(content)
    assert '<img src="file:///etc/passwd">' not in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    text = " ".join(pages_text(render_pack(content).pdf))
    assert '<img src="file:///etc/passwd">' in text
    assert "root:x:0:0" not in text
