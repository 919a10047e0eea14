import pytest
from django.utils import translation


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
