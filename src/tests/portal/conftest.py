import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Feeds and documents are cached by the schedule's state; test databases reuse the same states."""
    cache.clear()
    yield
    cache.clear()
