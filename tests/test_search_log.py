"""The search log: normalised queries with long digit runs masked, result counts and opened
results, written in batches; nothing about who searched."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from services.models import SearchOpen, SearchQuery
from services.search import log
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_buffer():
    log.flush()
    yield
    log.flush()


def test_a_public_search_is_logged_with_its_normalised_query_and_result_count(client):
    f.matter(name="居民身份证补领")
    client.get("/search/", {"q": "  身份证 ＢＵ領 "}, REMOTE_ADDR="10.1.2.3")
    log.flush()
    (row,) = SearchQuery.objects.all()
    assert row.query == "身份证 bu领" and row.results == 1


def test_id_card_and_phone_numbers_are_masked_before_anything_is_stored(client):
    client.get("/search/", {"q": "身份证410102199001011234补办 电话138-1234-5678"})
    log.flush()
    stored = SearchQuery.objects.get().query
    assert stored == "身份证#补办 电话#"
    assert not any(c.isdigit() for c in stored)


def test_the_log_keeps_no_address_cookie_or_user(client):
    client.cookies["sessionid"] = "abc"
    client.get("/search/", {"q": "结婚"}, REMOTE_ADDR="10.9.9.9", HTTP_USER_AGENT="Test/1")
    log.flush()
    fields = {f.name for f in SearchQuery._meta.get_fields()}
    assert fields == {"id", "query", "results", "searched_at"}
    assert "10.9.9.9" not in str(list(SearchQuery.objects.values()))


def test_the_next_page_of_the_same_search_is_not_logged_again(client):
    client.get("/search/", {"q": "结婚"})
    client.get("/search/", {"q": "结婚", "page": "2"})
    log.flush()
    assert SearchQuery.objects.count() == 1


def test_writes_are_batched(client, settings):
    settings.SEARCH_LOG_BATCH = 3
    settings.SEARCH_LOG_FLUSH_SECONDS = 3600
    client.get("/search/", {"q": "结婚"})
    client.get("/search/", {"q": "离婚"})
    assert SearchQuery.objects.count() == 0
    client.get("/search/", {"q": "低保"})
    assert SearchQuery.objects.count() == 3


def test_the_result_link_records_which_result_was_opened_and_goes_to_the_matter(client):
    matter = f.matter(name="居民身份证补领")
    response = client.get(f"/search/open/{matter.code}/", {"q": "身份证补办", "at": "1"})
    assert response.status_code == 302 and response["Location"] == f"/matters/{matter.code}/"
    log.flush()
    opened = SearchOpen.objects.get()
    assert (opened.query, opened.matter_code, opened.position) == ("身份证补办", matter.code, 1)


def test_the_result_page_links_through_the_log_with_the_query(client):
    matter = f.matter(name="居民身份证补领")
    page = client.get("/search/", {"q": "身份证"}).content.decode()
    assert f"/search/open/{matter.code}/?q=%E8%BA%AB%E4%BB%BD%E8%AF%81&amp;at=1" in page


def test_a_link_to_an_unknown_matter_is_a_404_and_logs_nothing(client):
    assert client.get("/search/open/NOPE/", {"q": "x", "at": "1"}).status_code == 404
    assert client.get("/search/open/A%00B/", {"q": "x"}).status_code == 404
    log.flush()
    assert not SearchOpen.objects.exists()


def test_prune_deletes_rows_older_than_the_kept_days():
    old = timezone.now() - timezone.timedelta(days=200)
    SearchQuery.objects.create(query="旧", results=0, searched_at=old)
    SearchQuery.objects.create(query="新", results=1)
    SearchOpen.objects.create(query="旧", matter_code="X", position=1, opened_at=old)
    call_command("search_log_prune", days=180)
    assert list(SearchQuery.objects.values_list("query", flat=True)) == ["新"]
    assert not SearchOpen.objects.exists()


def test_a_search_answered_from_the_page_cache_is_logged_too(client):
    f.matter(name="内地居民结婚登记")
    first = client.get("/search/", {"q": "结婚"})
    again = client.get("/search/", {"q": "结婚"})  # from the cache: the view does not run
    revalidated = client.get("/search/", {"q": "结婚"}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.content == first.content
    assert revalidated.status_code == 304
    log.flush()
    assert list(SearchQuery.objects.values_list("query", "results")) == [("结婚", 1)] * 3
