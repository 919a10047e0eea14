import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The default hasher takes seconds per user; tests need no strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
