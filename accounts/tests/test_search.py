"""Searching the dossier: access, scoping, ranking, highlighting, freshness of the index.

These run on SQLite and on PostgreSQL alike; what needs PostgreSQL's full-text search
(stemming, websearch syntax) is in test_search_postgres.py.
"""

from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.urls import reverse

from accounts.models import SearchEntry
from accounts.search import index_object, rebuild_index
from accounts.selectors_search import search_for_user, search_kind_counts
from accounts.tests.factories import AccountFactory, BusinessPartnerFactory, ContactFactory, DossierEntryFactory
from kam.core import access
from kam.core.templatetags.kam_tags import highlight

pytestmark = pytest.mark.django_db


def search(client, query, **params):
    return client.get(reverse("search"), {"q": query, **params})


def plain(text: str) -> str:
    return text.replace("\x02", "").replace("\x03", "")


def titles(response) -> list[str]:
    return [plain(hit.title) for hit in response.context["page"].object_list]


def hits_for(user, query) -> list[tuple[str, str, str]]:
    return [(hit.kind, hit.url, plain(hit.title)) for hit in search_for_user(user=user, query=query)[:100]]


@pytest.fixture
def dossier(account):
    """One record of each kind in the owner's account, each mentioning "zebra"."""
    account.base_information = "Zebra logistics hub near Moscow."
    account.save()
    return {
        "account": account,
        "contact": ContactFactory(account=account, first_name="Ирина", last_name="Кузнецова", interests="zebra"),
        "partner": BusinessPartnerFactory(account=account, name="ТрансЛогистик", notes="Ships zebra crossings."),
        "entry": DossierEntryFactory(account=account, title="Budget 2025", text="A zebra of a budget."),
    }


# Access ---------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client_for):
    response = search(client_for(None), "zebra")
    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_department_member_gets_404_and_the_denial_is_logged(client_for, department_member):
    with mock.patch.object(access.logger, "warning") as warning:
        response = search(client_for(department_member), "zebra")
    assert response.status_code == 404
    warning.assert_called_once()
    assert warning.call_args.args[2:4] == ("search", "search")


def test_post_is_not_allowed(client_for, owner):
    assert client_for(owner).post(reverse("search"), {"q": "zebra"}).status_code == 405


# The page -------------------------------------------------------------------------------


def test_empty_query_shows_how_to_search(client_for, owner, dossier):
    response = search(client_for(owner), "   ")
    assert response.status_code == 200
    assert "page" not in response.context
    assert "Find anything in the dossiers you can see." in response.content.decode()


def test_no_results_shows_a_helpful_empty_state(client_for, owner, dossier):
    response = search(client_for(owner), "nonexistentword")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nothing found for “nonexistentword”." in content
    assert "Check the spelling" in content


def test_query_stays_in_the_navbar_box(client_for, owner, dossier):
    response = search(client_for(owner), "Кузнецова")
    assert response.context["search_query"] == "Кузнецова"
    assert response.content.decode().count('name="q" value="Кузнецова"') == 2  # navbar and page


def test_every_kind_is_found_and_links_to_the_object(client_for, owner, dossier):
    account, contact, partner, entry = (dossier[key] for key in ("account", "contact", "partner", "entry"))
    response = search(client_for(owner), "zebra")
    hits = {hit.kind: hit for hit in response.context["page"].object_list}
    assert {kind: hit.url for kind, hit in hits.items()} == {
        "account": f"/accounts/{account.pk}/",
        "contact": f"/accounts/{account.pk}/contacts/#contact-{contact.pk}",
        "partner": f"/accounts/{account.pk}/partners/#partner-{partner.pk}",
        "entry": f"/accounts/{account.pk}/dossier/?entry={entry.pk}#entry-{entry.pk}",
    }
    assert {hit.account_name for hit in hits.values()} == {"Северсталь Логистик"}
    content = response.content.decode()
    for label in ("Account", "Contact", "Business partner", "Dossier entry"):
        assert f">{label}</span>" in content
    assert f'href="/accounts/{account.pk}/contacts/#contact-{contact.pk}"' in content
    assert "Ирина Кузнецова" in content


def test_matched_words_are_highlighted_in_title_and_snippet(client_for, owner, dossier):
    content = search(client_for(owner), "budget").content.decode()
    assert "<mark>Budget</mark> 2025" in content
    assert "of a <mark>budget</mark>" in content


def test_html_in_user_text_is_escaped(client_for, owner, account):
    DossierEntryFactory(account=account, title="<script>alert(1)</script> contract", text="<b>bold</b> contract")
    content = search(client_for(owner), "contract").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>contract</mark>" in content
    # PostgreSQL's ts_headline leaves tag-like text out of snippets; SQLite keeps it, escaped.
    assert "bold" in content
    assert "<script>alert" not in content
    assert "<b>bold" not in content


def test_user_text_cannot_forge_a_highlight(client_for, owner, account):
    DossierEntryFactory(account=account, title="\x02forged\x03 contract", text="")
    assert SearchEntry.objects.get(kind="entry").title == "forged contract"
    content = search(client_for(owner), "contract").content.decode()
    assert "forged <mark>contract</mark>" in content


def test_kind_tabs_count_each_kind_and_filter(client_for, owner, dossier):
    ContactFactory(account=dossier["account"], first_name="Zebra", last_name="Second")
    c = client_for(owner)
    response = search(c, "zebra")
    tabs = {tab["key"]: tab["count"] for tab in response.context["tabs"]}
    assert tabs == {"": 5, "account": 1, "contact": 2, "partner": 1, "entry": 1}
    response = search(c, "zebra", kind="contact")
    assert {hit.kind for hit in response.context["page"].object_list} == {"contact"}
    assert response.context["page"].paginator.count == 2
    assert [tab["key"] for tab in response.context["tabs"] if tab["active"]] == ["contact"]
    # An unknown kind is ignored rather than an error.
    assert search(c, "zebra", kind="nonsense").context["page"].paginator.count == 5


def test_empty_kind_offers_the_other_results(client_for, owner, dossier):
    response = search(client_for(owner), "budget", kind="partner")
    content = response.content.decode()
    assert "Nothing found for “budget”." in content
    assert "See the 1 result of all kinds" in content


def test_results_are_paginated_twenty_per_page(client_for, owner, account):
    for number in range(25):
        DossierEntryFactory(account=account, title=f"Visit {number}", text="quarterly review")
    c = client_for(owner)
    first = search(c, "quarterly")
    assert len(first.context["page"].object_list) == 20
    assert first.context["page"].paginator.count == 25
    assert "1–20 of 25" in first.content.decode()
    second = search(c, "quarterly", page=2)
    assert len(second.context["page"].object_list) == 5
    assert not set(titles(first)) & set(titles(second))


@pytest.mark.parametrize(("asked", "shown"), [("9", 2), ("0", 2), ("two", 1), ("", 1)])
def test_a_page_out_of_range_or_not_a_number_shows_the_last_or_the_first(client_for, owner, account, asked, shown):
    for number in range(25):
        DossierEntryFactory(account=account, title=f"Visit {number}", text="quarterly review")
    response = search(client_for(owner), "quarterly", page=asked)
    page = response.context["page"]
    assert page.number == shown
    assert len(page.object_list) == (5 if shown == 2 else 20)
    assert {tab["key"]: tab["count"] for tab in response.context["tabs"]} == {"": 25, "entry": 25}


def test_pages_follow_one_another_in_rank_order(owner, account):
    for number in range(25):
        DossierEntryFactory(account=account, title=f"Visit {number}", text="quarterly review")
    DossierEntryFactory(account=account, title="Quarterly plan", text="")
    everything = hits_for(owner, "quarterly")
    results = search_for_user(user=owner, query="quarterly")
    pages = [results.page(number, 20) for number in (1, 2)]
    assert [(hit.kind, hit.url, plain(hit.title)) for page in pages for hit in page.object_list] == everything
    assert everything[0][2] == "Quarterly plan"
    assert results.kind_counts()["entry"] == len(everything) == 26


# Matching and ranking ---------------------------------------------------------------------


def test_cyrillic_is_matched_whatever_the_case(owner, account):
    for query in ("северсталь", "СЕВЕРСТАЛЬ", "СеВеРсТаЛь"):
        assert hits_for(owner, query) == [("account", f"/accounts/{account.pk}/", "Северсталь Логистик")]


def test_the_beginning_of_a_word_is_enough(owner, account):
    assert [title for _, _, title in hits_for(owner, "Север")] == ["Северсталь Логистик"]


def test_every_word_must_match(owner, account):
    DossierEntryFactory(account=account, title="Logistics changes", text="New warehouse in Kazan")
    DossierEntryFactory(account=account, title="Warehouse tour", text="Moscow")
    assert [title for _, _, title in hits_for(owner, "warehouse Kazan")] == ["Logistics changes"]


def test_a_title_match_ranks_above_a_body_match(owner, account):
    DossierEntryFactory(account=account, title="Packaging", text="Specification attached.")
    # Newer, and mentioning the word more often, but only in their text.
    DossierEntryFactory(account=account, title="Tender results", text="The tender for packaging went well.")
    DossierEntryFactory(account=account, title="Visit notes", text="Packaging line. More packaging planned.")
    ranked = [title for _, _, title in hits_for(owner, "packaging")]
    assert ranked[0] == "Packaging"
    assert set(ranked[1:]) == {"Tender results", "Visit notes"}


def test_equal_ranks_show_the_most_recently_changed_first(owner, account):
    older = DossierEntryFactory(account=account, title="Tender one", text="")
    DossierEntryFactory(account=account, title="Tender two", text="")
    assert [title for _, _, title in hits_for(owner, "tender")] == ["Tender two", "Tender one"]
    older.text = "edited"
    older.save()
    assert [title for _, _, title in hits_for(owner, "tender")] == ["Tender one", "Tender two"]


# Scoping -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "sees_it"),
    [
        ("owner", True),
        ("team_member", True),
        ("other_kam", False),
        ("director", True),
        ("other_director", False),
        ("admin_user", True),
    ],
)
def test_results_are_only_what_the_user_may_see(request, client_for, dossier, persona, sees_it):
    user = request.getfixturevalue(persona)
    response = search(client_for(user), "zebra")
    assert response.status_code == 200
    assert response.context["page"].paginator.count == (4 if sees_it else 0)
    assert search_kind_counts(user=user, query="zebra")["contact"] == (1 if sees_it else 0)


def test_other_kam_sees_their_own_and_admin_sees_everything(client_for, other_kam, admin_user, dossier):
    AccountFactory(name="Zebra Foods", owner=other_kam)
    assert titles(search(client_for(other_kam), "zebra")) == ["Zebra Foods"]
    assert search(client_for(admin_user), "zebra").context["page"].paginator.count == 5


def test_a_department_member_finds_nothing_even_through_the_selectors(department_member, dossier):
    results = search_for_user(user=department_member, query="zebra")
    assert results[:20] == []
    assert results.kind_counts() == search_kind_counts(user=department_member, query="zebra")
    assert sum(results.kind_counts().values()) == 0


def test_other_kam_sees_no_contact_or_entry_of_the_owner(other_kam, dossier):
    assert hits_for(other_kam, "Кузнецова") == []
    assert hits_for(other_kam, "budget") == []
    assert hits_for(other_kam, "Северсталь") == []


# Freshness of the index ---------------------------------------------------------------------


def test_created_edited_and_deleted_records_show_at_once(owner, account):
    contact = ContactFactory(account=account, first_name="Pavel", last_name="Sokolov")
    partner = BusinessPartnerFactory(account=account, name="Baltic Freight")
    entry = DossierEntryFactory(account=account, title="Price review", text="")
    assert [kind for kind, _, _ in hits_for(owner, "Sokolov")] == ["contact"]
    assert [kind for kind, _, _ in hits_for(owner, "Baltic")] == ["partner"]
    assert [kind for kind, _, _ in hits_for(owner, "review")] == ["entry"]

    contact.last_name = "Sokolova"
    contact.save()
    partner.notes = "Reefer trucks"
    partner.save()
    entry.title = "Price agreement"
    entry.save()
    assert [title for _, _, title in hits_for(owner, "Sokolova")] == ["Pavel Sokolova"]
    assert [kind for kind, _, _ in hits_for(owner, "reefer")] == ["partner"]
    assert hits_for(owner, "review") == []
    assert [title for _, _, title in hits_for(owner, "agreement")] == ["Price agreement"]

    contact.delete()
    partner.delete()
    entry.delete()
    assert hits_for(owner, "Sokolova") == []
    assert hits_for(owner, "Baltic") == []
    assert hits_for(owner, "agreement") == []


def test_account_changes_show_at_once_and_its_deletion_takes_every_row(owner, account, dossier):
    account.name = account.legal_name = "Уралсталь"
    account.save()
    assert hits_for(owner, "Северсталь") == []
    assert [title for _, _, title in hits_for(owner, "Уралсталь")] == ["Уралсталь"]
    # The account's name on its records' hits follows at once too (it is joined, not copied).
    assert {hit.account_name for hit in search_for_user(user=owner, query="zebra")[:10]} == {"Уралсталь"}

    new_account = AccountFactory(name="Magnit Retail", owner=owner)
    assert [title for _, _, title in hits_for(owner, "magnit")] == ["Magnit Retail"]

    account.delete()
    assert hits_for(owner, "zebra") == []
    assert not SearchEntry.objects.exclude(account=new_account).exists()


def test_moving_a_record_to_another_account_moves_its_hit(owner, other_kam, account):
    contact = ContactFactory(account=account, last_name="Movable")
    elsewhere = AccountFactory(owner=other_kam)
    contact.account = elsewhere
    contact.save()
    assert hits_for(owner, "Movable") == []
    assert hits_for(other_kam, "Movable") == [
        ("contact", f"/accounts/{elsewhere.pk}/contacts/#contact-{contact.pk}", contact.full_name)
    ]


def test_saving_a_record_costs_one_upsert(account, django_assert_num_queries):
    contact = ContactFactory(account=account)
    # The vector (on PostgreSQL) is computed in the upsert itself: no UPDATE after it.
    with django_assert_num_queries(1):
        index_object(contact)


def test_rebuild_from_scratch_gives_the_same_results(owner, director, dossier):
    DossierEntryFactory(account=dossier["account"], title="Zebra audit", text="Packaging")
    ContactFactory(account=AccountFactory(owner=owner, name="Zebra Park"), last_name="Audit")
    queries = ["zebra", "audit", "Кузнецова", "Север", "budget"]
    before = {(user.pk, q): hits_for(user, q) for user in (owner, director) for q in queries}
    assert all(before[(owner.pk, q)] for q in queries)

    SearchEntry.objects.all().delete()
    assert hits_for(owner, "zebra") == []
    call_command("rebuild_search_index", stdout=mock.MagicMock())

    after = {(user.pk, q): hits_for(user, q) for user in (owner, director) for q in queries}
    assert after == before


def test_rebuild_removes_stale_rows_and_reports_counts(owner, dossier):
    SearchEntry.objects.filter(kind="contact").update(title="Stale name", body="")
    assert rebuild_index() == {"account": 1, "contact": 1, "partner": 1, "entry": 1, "meeting": 0}
    assert hits_for(owner, "Stale") == []
    assert SearchEntry.objects.count() == 4


# Query counts -------------------------------------------------------------------------------


# User, (a director's regions,) the page of hits with the counts per kind: the same for 2
# and 20 hits. On PostgreSQL that statement runs in a transaction (here a savepoint and its
# release) after setting the planner's random page cost; on SQLite the counts are a query
# of their own.
@pytest.mark.parametrize(("persona", "queries"), [("owner", 2), ("director", 3)])
def test_search_page_query_count_is_constant(
    request, client_for, account, persona, queries, django_assert_max_num_queries
):
    queries += 3 if connection.vendor == "postgresql" else 1
    c = client_for(request.getfixturevalue(persona))
    search(c, "warm-up")  # the first request of a session records its start in the session
    for number in range(2):
        DossierEntryFactory(account=account, title=f"Tender {number}", text="tender notes")
    with django_assert_max_num_queries(queries):
        response = search(c, "tender")
    assert response.context["page"].paginator.count == 2
    for _ in range(18):
        ContactFactory(account=AccountFactory(owner=account.owner, region=account.region), interests="tender")
    with django_assert_max_num_queries(queries):
        response = search(c, "tender")
    assert len(response.context["page"].object_list) == 20
    with django_assert_max_num_queries(queries):
        response = search(c, "tender", kind="contact")
    assert response.context["page"].paginator.count == 18


# The highlight filter ---------------------------------------------------------------------


def test_highlight_escapes_first_then_marks():
    assert highlight("<i>a</i> \x02b&c\x03") == "&lt;i&gt;a&lt;/i&gt; <mark>b&amp;c</mark>"


def test_highlight_drops_unbalanced_markers():
    assert highlight("\x02open \x02x\x03 close\x03 \x03") == "open <mark>x</mark> close "


def test_highlight_in_a_template_is_not_escaped_twice():
    rendered = Template("{% load kam_tags %}{{ text|highlight }}").render(Context({"text": "R&D \x02plan\x03"}))
    assert rendered == "R&amp;D <mark>plan</mark>"
