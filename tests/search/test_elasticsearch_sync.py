"""The Elasticsearch engine against a recording stand-in server on 127.0.0.1:
publishing, unpublishing, moving and deleting pages send the requests that
keep the index in step, a search reads the server's answer into results, and
an index that cannot be reached never stops an editor from publishing.

No Elasticsearch server can run here; the stand-in answers as Elasticsearch 8
does (with its product header), records every request and returns the
response a test gives it for searches."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from elasticsearch.dsl import connections

from programmes.models import SchoolRecognition
from search.engines.elasticsearch_documents import index_name, pages_index_name
from search.service import search_catalogue
from tests.factories import ProgrammePageFactory, SchoolPageFactory
from tests.search.es_responses import empty_aggregations

pytestmark = pytest.mark.django_db


class _Recorder(BaseHTTPRequestHandler):
    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        lines = [json.loads(line) for line in raw.decode().splitlines() if line.strip()]
        self.server.requests.append((self.command, self.path.split("?")[0], lines))
        if "/_search" in self.path:
            status, body = 200, self.server.search_response
        elif "/_bulk" in self.path:
            actions = [line for line in lines if "index" in line or "delete" in line]
            items = [{verb: {**meta, "status": 201}} for action in actions for verb, meta in action.items()]
            status, body = 200, {"took": 1, "errors": False, "items": items}
        elif self.command == "DELETE":
            status, body = 200, {"_index": index_name(), "_id": self.path.rsplit("/", 1)[-1], "result": "deleted"}
        else:
            status, body = (
                201,
                {
                    "_index": index_name(),
                    "_id": self.path.rsplit("/", 1)[-1],
                    "_version": 1,
                    "result": "created",
                    "_shards": {"total": 1, "successful": 1, "failed": 0},
                    "_seq_no": 0,
                    "_primary_term": 1,
                },
            )
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _answer

    def log_message(self, *args):
        pass


def _forget_connection():
    """Drop elasticsearch-dsl's default connection (made once per process
    from ELASTICSEARCH_URL), so the next request uses the current setting."""
    try:
        connections.remove_connection("default")
    except KeyError:
        pass


@pytest.fixture
def elasticsearch(settings):
    """A recording stand-in for Elasticsearch, with the portal pointed at it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.requests = []
    server.search_response = {}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.ELASTICSEARCH_INDEX_PREFIX = "portal-test"
    _forget_connection()
    yield server
    server.shutdown()
    server.server_close()
    _forget_connection()


def _document_requests(server, method):
    return [(path, lines) for verb, path, lines in server.requests if verb == method and "/_doc/" in path]


def _indexed(server, index=None):
    """``[(index, id, document)]`` sent in bulk requests, in order."""
    documents = []
    for _verb, path, lines in server.requests:
        if path.endswith("/_bulk"):
            for action, document in zip(lines[::2], lines[1::2], strict=True):
                meta = action["index"]
                if index is None or meta["_index"] == index:
                    documents.append((meta["_index"], meta["_id"], document))
    return documents


def test_publishing_a_programme_indexes_its_document(elasticsearch):
    programme = ProgrammePageFactory(title="CNC training", title_zh_hans="数控技术海外培训", slug="cnc")
    indexed = _indexed(elasticsearch, index_name())
    assert indexed, elasticsearch.requests
    _index, page_id, document = indexed[-1]
    assert int(page_id) == programme.pk
    assert document["title_zh_hans"] == "数控技术海外培训"
    assert "数控" in document["search_text"].split()
    # and its entry for the site search, in the pages index
    assert (pages_index_name(), programme.pk) in {(index, int(pk)) for index, pk, _d in _indexed(elasticsearch)}


def test_unpublishing_and_deleting_a_programme_remove_its_document(elasticsearch):
    programme = ProgrammePageFactory(slug="gone")
    elasticsearch.requests.clear()
    programme.unpublish()
    assert f"/{index_name()}/_doc/{programme.pk}" in [
        path for path, _lines in _document_requests(elasticsearch, "DELETE")
    ]
    elasticsearch.requests.clear()
    pk = programme.pk
    programme.delete()
    assert f"/{index_name()}/_doc/{pk}" in [path for path, _lines in _document_requests(elasticsearch, "DELETE")]


def test_moving_a_programme_reindexes_it_with_its_new_school(elasticsearch):
    first, second = SchoolPageFactory(slug="first"), SchoolPageFactory(slug="second")
    programme = ProgrammePageFactory(parent=first, slug="moved")
    elasticsearch.requests.clear()
    programme.move(second, pos="last-child")
    indexed = _indexed(elasticsearch, index_name())
    assert indexed and int(indexed[-1][1]) == programme.pk
    assert indexed[-1][2]["province"] == [second.province.code]


def test_publishing_a_school_reindexes_its_programmes(elasticsearch):
    school = SchoolPageFactory(slug="school")
    programmes = [ProgrammePageFactory(parent=school, slug=f"p{n}") for n in range(2)]
    elasticsearch.requests.clear()
    school.save_revision().publish()
    assert {int(pk) for _index, pk, _d in _indexed(elasticsearch, index_name())} == {p.pk for p in programmes}


def test_a_schools_new_recognition_reaches_its_programmes_documents(elasticsearch):
    """Published with the page (its rows are written after the page's own
    row, which is indexed first) or written by an import."""
    school = SchoolPageFactory(slug="recognised")
    programme = ProgrammePageFactory(parent=school, slug="p")
    elasticsearch.requests.clear()
    page = school.get_latest_revision_as_object()
    page.recognitions = [SchoolRecognition(kind="luban", year=2016)]
    page.save_revision().publish()
    documents = {int(pk): d for _index, pk, d in _indexed(elasticsearch, index_name())}
    assert documents[programme.pk]["recognition"] == ["luban"]
    elasticsearch.requests.clear()
    SchoolRecognition.objects.create(school=school, kind="double-high-major", tier="B", year=2019)
    documents = {int(pk): d for _index, pk, d in _indexed(elasticsearch, index_name())}
    assert documents[programme.pk]["recognition"] == ["double-high-major", "luban"]


def test_unreachable_index_never_stops_publishing(settings, caplog):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # the discard port: nothing answers
    _forget_connection()
    try:
        programme = ProgrammePageFactory(slug="published-anyway")
    finally:
        _forget_connection()
    assert programme.live
    assert "Could not update the elasticsearch index" in caplog.text


def test_catalogue_search_reads_the_servers_answer(elasticsearch):
    programmes = [ProgrammePageFactory(title=f"Programme {n}", slug=f"p{n}", delivery_country="TH") for n in range(3)]
    aggregations = empty_aggregations(2)
    aggregations["_filter_country"]["country"]["buckets"] = [{"key": "TH", "doc_count": 2}]
    elasticsearch.search_response = {
        "took": 1,
        "timed_out": False,
        "hits": {
            "total": {"value": 2, "relation": "eq"},
            "max_score": 1.0,
            "hits": [
                {"_index": index_name(), "_id": str(programmes[2].pk), "_score": 2.0, "_source": {}},
                {"_index": index_name(), "_id": str(programmes[0].pk), "_score": 1.0, "_source": {}},
            ],
        },
        "aggregations": aggregations,
    }
    results = search_catalogue("programme", filters={"country": ["TH"]})
    assert results.engine == "elasticsearch"
    assert [entry.pk for entry in results.programmes] == [programmes[2].pk, programmes[0].pk]
    assert results.total == 2
    assert results.facet("country").values[0].count == 2
    [(_verb, path, [body])] = [r for r in elasticsearch.requests if "/_search" in r[1]]
    assert path == f"/{index_name()}/_search"
    assert body["post_filter"] or body["query"]
