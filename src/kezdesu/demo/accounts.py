"""Demo accounts for every role, marked as demo in their names. Idempotent: keyed by username."""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from kezdesu.core.domain.audit import record_audit
from kezdesu.organisations.models import Membership, Organisation, Role, User

DEMO_PASSWORD = "kezdesu-demo"
DEMO_EMAIL_DOMAIN = "demo.kezdesu.kz"
# Shown in every demo person's surname, so no screen can mistake them for a real official.
DEMO_MARKER = "Demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    label: str  # the part of the surname after the marker, e.g. "Finance"
    organisation: str | None  # organisation code; None for the administrator
    role: str | None  # Role value; None for the administrator
    language: str

    @property
    def last_name(self) -> str:
        return f"{DEMO_MARKER}-{self.label}"

    @property
    def email(self) -> str:
        return f"{self.username}@{DEMO_EMAIL_DOMAIN}"


def _ministry(slug: str, label: str, names: tuple[str, str, str], languages: tuple[str, str, str]) -> list[DemoAccount]:
    roles = (Role.VIEWER, Role.EDITOR, Role.APPROVER)
    return [
        DemoAccount(f"{slug}.{role}", name, label, slug, role, language)
        for role, name, language in zip(roles, names, languages, strict=True)
    ]


def _akimat(
    slug: str, code: str, label: str, names: tuple[str, str, str], languages: tuple[str, str, str]
) -> list[DemoAccount]:
    # The approver sends the akimat's systemic problems (R11).
    roles = (Role.EDITOR, Role.VIEWER, Role.APPROVER)
    return [
        DemoAccount(f"{slug}.{role}", name, label, code, role, language)
        for role, name, language in zip(roles, names, languages, strict=True)
    ]


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    *_ministry("finance", "Finance", ("Aigerim", "Nurlan", "Saule"), ("kk", "ru", "en")),
    *_ministry("healthcare", "Healthcare", ("Dana", "Yerlan", "Gulnara"), ("ru", "kk", "ru")),
    *_ministry("enlightenment", "Enlightenment", ("Aruzhan", "Timur", "Zhanar"), ("kk", "en", "kk")),
    *_ministry("agriculture", "Agriculture", ("Madina", "Bauyrzhan", "Asel"), ("en", "ru", "kk")),
    # Exempt from the meetings under REG-2024: a role whose obligations list is (rightly) short.
    *_ministry("internal-affairs", "Internal Affairs", ("Kamila", "Arman", "Dinara"), ("ru", "kk", "en")),
    *_akimat("almaty-city", "akimat-almaty-city", "Almaty", ("Aliya", "Daniyar", "Botagoz"), ("ru", "kk", "ru")),
    *_akimat("turkestan", "akimat-turkistan", "Turkestan", ("Zhuldyz", "Yerzhan", "Nurzhan"), ("kk", "ru", "kk")),
    *_akimat("abai", "akimat-abai", "Abai", ("Ainur", "Marat", "Serik"), ("kk", "en", "ru")),
    DemoAccount("culture-information.coordinator", "Laura", "Culture", "culture-information", Role.COORDINATOR, "kk"),
    DemoAccount("culture-information.coordinator2", "Askar", "Culture", "culture-information", Role.COORDINATOR, "en"),
    DemoAccount("culture-information.viewer", "Samal", "Culture", "culture-information", Role.VIEWER, "ru"),
    DemoAccount("government-apparatus.oversight", "Ruslan", "Apparatus", "government-apparatus", Role.OVERSIGHT, "ru"),
    DemoAccount("government-apparatus.approver", "Akmaral", "Apparatus", "government-apparatus", Role.APPROVER, "kk"),
    DemoAccount(
        "presidential-administration.oversight",
        "Yerbol",
        "Administration",
        "presidential-administration",
        Role.OVERSIGHT,
        "en",
    ),
    DemoAccount("admin", "Admin", "Administrator", None, None, "en"),
)


def demo_account(username: str) -> User:
    return User.objects.get(username=username, is_demo=True)


@transaction.atomic
def create_demo_accounts() -> dict[str, int]:
    """Create the demo accounts and their roles; existing ones are left as they are."""
    codes = {account.organisation for account in DEMO_ACCOUNTS if account.organisation}
    organisations = Organisation.objects.in_bulk(list(codes), field_name="code")
    missing = sorted(codes - set(organisations))
    if missing:
        raise LookupError(f"Organisations missing from the reference data: {', '.join(missing)}")
    counts = {"users": 0, "roles": 0}
    password = make_password(DEMO_PASSWORD)  # hashed once: a hash takes a good part of a second
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=account.username,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "email": account.email,
                "language": account.language,
                "is_demo": True,
                "is_staff": account.role is None,
                "is_superuser": account.role is None,
                "password": password,
            },
        )
        if created:
            record_audit(
                actor=None,
                action="organisations.user.create",
                target=user,
                new={"username": user.username, "is_demo": True, "is_superuser": user.is_superuser},
            )
            counts["users"] += 1
        if account.organisation and account.role:
            organisation = organisations[account.organisation]
            membership, created = Membership.objects.get_or_create(
                user=user, organisation=organisation, role=account.role
            )
            if created:
                record_audit(
                    actor=None,
                    action="organisations.membership.grant",
                    target=membership,
                    organisation=organisation,
                    new={"user": user.username, "role": account.role},
                )
                counts["roles"] += 1
    return counts
