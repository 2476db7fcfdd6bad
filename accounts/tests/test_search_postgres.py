"""Full-text search on PostgreSQL: Russian and English stemming in one configuration, prefix
matching of the last word, websearch syntax, weighting, highlighting and escaping."""

import pytest
from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.urls import reverse

from accounts import search as search_index
from accounts.models import SearchEntry
from accounts.selectors_search import RANDOM_PAGE_COST, search_for_user, search_kind_counts
from accounts.tests.factories import ContactFactory, DossierEntryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.usefixtures("require_postgres")]


def plain(text: str) -> str:
    return text.replace("\x02", "").replace("\x03", "")


def found(user, query) -> list[str]:
    return [plain(hit.title) for hit in search_for_user(user=user, query=query)[:50]]


@pytest.fixture
def entries(account):
    return {
        "supply": DossierEntryFactory(
            account=account, title="Договоры поставки на 2025 год", text="Подписаны оба договора, contracts signed."
        ),
        "english": DossierEntryFactory(account=account, title="Framework contracts", text="Renewal due in March."),
        "logistics": DossierEntryFactory(
            account=account, title="Логистика", text="Склад переезжает в Казань, меняются условия поставки."
        ),
    }


def test_the_vector_is_current_right_after_a_save(account):
    entry = DossierEntryFactory(account=account, title="Договоры", text="")
    row = SearchEntry.objects.get(kind="entry", object_id=entry.pk)
    assert row.vector is not None
    assert SearchEntry.objects.filter(pk=row.pk, vector=SearchQuery("договор", config="russian")).exists()
    entry.title = "Претензия"
    entry.save()
    assert not SearchEntry.objects.filter(pk=row.pk, vector=SearchQuery("договор", config="russian")).exists()
    assert SearchEntry.objects.filter(pk=row.pk, vector=SearchQuery("претензии", config="russian")).exists()


def test_the_vector_written_with_the_row_is_the_one_of_its_stored_text(account, entries):
    def stale() -> list[str]:
        recomputed = SearchEntry.objects.annotate(recomputed=search_index._vector())
        return [row.title for row in recomputed if row.vector != row.recomputed]

    ContactFactory(account=account, first_name="Мария", last_name="Северова", interests="<b>упаковка</b> & co")
    assert SearchEntry.objects.count() == 5
    assert stale() == []
    # (updated_at is the source's own change time after a rebuild, the save's time before.)
    columns = ("kind", "object_id", "account_id", "title", "body", "url", "vector")
    before = set(SearchEntry.objects.values_list(*columns))
    search_index.rebuild_index()
    assert stale() == []
    # The rebuild writes its batches through its own INSERT: the same rows as one by one.
    assert set(SearchEntry.objects.values_list(*columns)) == before


def test_russian_morphology_finds_other_forms_of_a_word(owner, entries):
    assert found(owner, "договор") == ["Договоры поставки на 2025 год"]
    assert set(found(owner, "поставка")) == {"Договоры поставки на 2025 год", "Логистика"}


def test_english_words_are_stemmed_too(owner, entries):
    assert set(found(owner, "contract")) == {"Framework contracts", "Договоры поставки на 2025 год"}
    assert found(owner, "renewals") == ["Framework contracts"]


def test_mixed_russian_and_english_text(owner, entries):
    assert found(owner, "поставка contract") == ["Договоры поставки на 2025 год"]


def test_the_beginning_of_the_last_word_is_enough(owner, account, entries):
    ContactFactory(account=account, first_name="Мария", last_name="Северова")
    assert set(found(owner, "Север")) == {"Северсталь Логистик", "Мария Северова"}
    # The words before the last must still match (as words, not prefixes).
    assert found(owner, "Логистик Север") == ["Северсталь Логистик"]
    assert found(owner, "договор пост") == ["Договоры поставки на 2025 год"]


def test_websearch_syntax_phrase_and_exclusion(owner, entries):
    assert set(found(owner, "поставки")) == {"Договоры поставки на 2025 год", "Логистика"}
    assert found(owner, "поставки -договор") == ["Логистика"]
    assert found(owner, '"договоры поставки"') == ["Договоры поставки на 2025 год"]
    assert set(found(owner, "Казань or renewal")) == {"Логистика", "Framework contracts"}


def test_a_title_match_outranks_a_body_match(owner, account):
    DossierEntryFactory(account=account, title="Скидки", text="Обсудили претензии по качеству.")
    DossierEntryFactory(account=account, title="Визит", text="Претензия. Ещё одна претензия, и снова претензии.")
    DossierEntryFactory(account=account, title="Претензии по качеству", text="Список приложен.")
    assert found(owner, "претензия")[0] == "Претензии по качеству"


def test_matched_words_are_highlighted(client_for, owner, entries):
    content = client_for(owner).get(reverse("search"), {"q": "договор"}).content.decode()
    assert "<mark>Договоры</mark> поставки на 2025 год" in content
    assert "<mark>договора</mark>" in content
    prefix = client_for(owner).get(reverse("search"), {"q": "Север"}).content.decode()
    assert "<mark>Северсталь</mark> Логистик" in prefix


def test_html_in_a_title_is_escaped_with_only_the_match_marked(client_for, owner, account):
    DossierEntryFactory(account=account, title="<script>alert(1)</script> contract", text="")
    content = client_for(owner).get(reverse("search"), {"q": "contract"}).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>contract</mark>" in content
    assert "<script>alert" not in content
    assert content.count("<mark>") == 1


@pytest.mark.parametrize(
    "query",
    [
        "foo:* & bar",
        "a | b & !c",
        "(x",
        "'; DROP TABLE accounts_account; --",
        "\\",
        "север:*",
        "<->",
        '"',
        "-",
        "e-mail",
    ],
)
def test_query_syntax_from_the_user_never_breaks_the_search(client_for, owner, entries, query):
    response = client_for(owner).get(reverse("search"), {"q": query})
    assert response.status_code == 200
    assert SearchEntry.objects.filter(kind="entry").count() == 3


def test_stop_words_alone_find_nothing_without_error(client_for, owner, entries):
    response = client_for(owner).get(reverse("search"), {"q": "и в на"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0
    assert search_kind_counts(user=owner, query="и") == dict.fromkeys(SearchEntry.Kind.values, 0)


def test_other_kam_finds_nothing_of_the_owner_by_any_form(other_kam, director, entries):
    assert found(other_kam, "договор") == []
    assert found(other_kam, "Север") == []
    assert found(director, "договор") == ["Договоры поставки на 2025 год"]


@pytest.mark.django_db(transaction=True)
def test_the_planner_setting_is_the_search_statements_alone(owner, entries):
    # Outside any test transaction, as a request runs: the search sets the planner's random
    # page cost for its own transaction, and the connection is back to the server's afterwards.
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        before = cursor.fetchone()[0]
    assert found(owner, "поставка")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == before != RANDOM_PAGE_COST
