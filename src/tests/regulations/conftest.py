import pytest

from kezdesu.organisations.models import Organisation
from tests.factories.organisations import OrganisationFactory

EXEMPT_CODES = ("defence", "foreign-affairs", "emergency-situations", "internal-affairs", "justice")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """The user factory sets a password; the default hasher takes seconds per user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def exempt_ministries() -> dict[str, Organisation]:
    """The five bodies the profiles name as exempt, enough to load the profiles."""
    return {code: OrganisationFactory(code=code, name_en=code.replace("-", " ").title()) for code in EXEMPT_CODES}
