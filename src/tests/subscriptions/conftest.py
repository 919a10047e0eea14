import pytest
from django.core.cache import cache

from tests.factories.meetings import build_visit_world


@pytest.fixture(autouse=True)
def _empty_cache():
    """Requests are rate-limited through the cache: each test starts with none counted."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world():
    return build_visit_world()
