"""The plugin contract: every item of every registry describes itself with a name and a title."""

import pytest

import meetlat.collect.catalog  # noqa: F401  (registers every collector)
import meetlat.platforms.catalog  # noqa: F401  (registers every reader)
from meetlat import plugins
from meetlat.collect.base import collectors
from meetlat.platforms.base import Canonical, RawRecord, Reader, Source, readers


def _all_registries():
    pytest.importorskip("meetlat.indicators.catalog")
    return plugins.registries()


def test_every_registered_item_describes_itself():
    try:
        import meetlat.indicators.catalog  # noqa: F401
    except ImportError:
        pass  # the indicators are not on the registry mechanism yet
    registries = plugins.registries()
    assert readers in registries and collectors in registries
    for registry in registries:
        for item in registry:
            described = item.describe()
            assert isinstance(described.get("name"), str) and described["name"], registry.kind
            assert isinstance(described.get("title"), str) and described["title"], registry.kind


def test_indicators_describe_themselves_when_their_catalog_exists():
    for registry in _all_registries():
        for item in registry:
            assert item.describe()["name"]


def test_readers_come_in_the_order_of_detection():
    names = readers.names()
    assert names[:3] == ["x-v2", "x-v1", "x-archive"]
    assert names.index("mastodon") < names.index("bluesky") < names.index("facebook")
    assert names[-1] == "csv"
    assert [reader["name"] for reader in readers.describe()] == names
    assert all(reader["platform"] for reader in readers.describe())


class _Complete(Reader):
    platform = "x"
    title = "A complete test reader"

    @classmethod
    def sniff(cls, head: bytes) -> bool:
        return False

    def records(self, source: Source):
        return iter(())

    def canonical(self, record: RawRecord) -> Canonical:
        return Canonical()


def _registry():
    return type(readers)()


def test_a_reader_without_a_title_is_refused():
    class Untitled(_Complete):
        title = ""

    with pytest.raises(ValueError, match="title"):
        _registry().register("untitled")(Untitled)


def test_a_reader_without_canonical_is_refused():
    class Partial(Reader):
        platform = "x"
        title = "Partial"

        @classmethod
        def sniff(cls, head: bytes) -> bool:
            return False

        def records(self, source):
            return iter(())

    with pytest.raises(TypeError, match="canonical"):
        _registry().register("partial")(Partial)


def test_a_reader_name_is_registered_once():
    registry = _registry()
    registry.register("twice")(_Complete)
    with pytest.raises(ValueError, match="twice"):
        registry.register("twice")(type("Again", (_Complete,), {}))
    assert registry.get("twice").describe()["name"] == "twice"


def test_collectors_name_their_platform_and_the_reader_of_their_responses():
    assert collectors.names() == ["mastodon", "bluesky", "x"]
    for described in collectors.describe():
        assert described["kind"] == "collector" and described["endpoints"]
        assert readers.get(described["reader"]).platform == described["platform"]


def test_a_collector_without_collect_is_refused():
    from meetlat.collect.base import Collector

    class Idle(Collector):
        platform, reader, title, endpoints = "x", "x-v2", "Idle", ("tweets",)

    with pytest.raises(TypeError, match="collect"):
        type(collectors)("collector-test", make=collectors._make, validate=collectors._validate
                         ).register("idle")(Idle)  # fmt: skip
