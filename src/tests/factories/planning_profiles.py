"""The real regulation profiles, loaded for tests of what planning's acts meet (R4, R7, R11)."""

from kezdesu.regulations.domain.profile_loading import load_profiles
from tests.factories.organisations import OrganisationFactory

EXEMPT_CODES = ("defence", "foreign-affairs", "emergency-situations", "internal-affairs", "justice")


def load_real_profiles() -> None:
    """Both acts, with the exempt bodies they name."""
    for code in EXEMPT_CODES:
        OrganisationFactory(code=code, name_en=code.replace("-", " ").title())
    load_profiles()
