"""Counting attempts in the cache, for the public forms' limits against casual flooding (not an attack)."""

from django.core.cache import cache


def count_attempt(key: str, *, window: int) -> int:
    """Count one attempt under `key`; returns the attempts in the current window of `window` seconds."""
    cache.add(key, 0, timeout=window)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1
