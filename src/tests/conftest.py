import pytest
from django.utils import translation


def pytest_collection_modifyitems(config, items):
    """CI runs the suite on SQLite and then on PostgreSQL. The browser tests (tests/e2e) and the tests marked
    `rendering` (page walks, layouts at every width, the demo on several days) check what people see and do in
    the pages, which the database does not change: they run in the SQLite pass only, which keeps both passes within
    CI's time. Everything they drive is also tested below the browser, on both databases."""
    from django.conf import settings

    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        return
    skip = pytest.mark.skip(reason="Browser and rendering tests run in the SQLite pass.")
    for item in items:
        if item.get_closest_marker("rendering") or "tests/e2e/" in item.nodeid:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _plain_settings(settings, tmp_path):
    """Tests send mail to the locmem outbox and keep uploads in a temporary folder."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CELERY_TASK_ALWAYS_EAGER = True
    # PBKDF2 costs about two seconds per user on these machines; tests need no strong hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in English, the language the tests are written in.

    The test client switches the active language; tests about kk and ru ask for them explicitly.
    """
    translation.activate("en")
    yield
    translation.deactivate()


DEMO_TODAY = "2026-11-21"


@pytest.fixture(scope="module")
def demo_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo as loaded on 21 November 2026, once for a module's tests.

    It is loaded inside a transaction that is rolled back after the module, and each test runs in its own
    savepoint within it, so a test's changes never reach the next one. The demo takes half a minute to load:
    a module of tests about it loads it once rather than once per test.
    """
    import io

    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    plain = override_settings(
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        MEDIA_ROOT=tmp_path_factory.mktemp("demo-media"),
        CELERY_TASK_ALWAYS_EAGER=True,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    with django_db_blocker.unblock(), plain, transaction.atomic():
        call_command("load_reference", stdout=io.StringIO())
        call_command("load_demo", "--today", DEMO_TODAY, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
