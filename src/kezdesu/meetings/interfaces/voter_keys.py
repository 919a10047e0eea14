"""How the public page and the API tell one voter from another without knowing who they are (R9).

- `voter_key`: an HMAC (keyed with SECRET_KEY) of a random id kept in a long-lived signed cookie,
  one per visit. Clearing cookies or another browser gives a new id: it stops casual repeats only.
- `network_key`: an HMAC of the client's address and the visit. Only the HMAC is stored, never the
  address; at most KEZDESU_DATE_VOTES_PER_NETWORK votes per visit come from one address.
- A per-address rate limit in the cache (KEZDESU_DATE_VOTE_ATTEMPTS_PER_MINUTE), which expires.
X-Forwarded-For is believed only when KEZDESU_BEHIND_PROXY says a proxy in front sets it.
"""

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponseBase
from django.utils.crypto import salted_hmac

from kezdesu.core.rate_limit import count_attempt
from kezdesu.meetings.models import Visit

COOKIE_SALT = "kezdesu.meetings.date_vote"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
RATE_WINDOW_SECONDS = 60


def cookie_name(visit: Visit) -> str:
    return f"kezdesu_vote_{visit.pk}"


def client_address(request: HttpRequest) -> str:
    if settings.KEZDESU_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        # The proxy appends the address it saw: the last entry; earlier ones are the client's say-so.
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return str(request.META.get("REMOTE_ADDR", ""))


def _hmac(purpose: str, value: str) -> str:
    return salted_hmac(f"{COOKIE_SALT}.{purpose}", value, algorithm="sha256").hexdigest()


def voter_id(request: HttpRequest, visit: Visit) -> str:
    """The random id in the visitor's signed cookie for this visit, or "" (none, or tampered with)."""
    try:
        return str(request.get_signed_cookie(cookie_name(visit), salt=COOKIE_SALT, max_age=COOKIE_MAX_AGE))
    except (KeyError, signing.BadSignature):
        return ""


def new_voter_id() -> str:
    return secrets.token_urlsafe(24)


def voter_key(visit: Visit, voter: str) -> str:
    return _hmac("voter", f"{visit.pk}:{voter}") if voter else ""


@dataclass(frozen=True)
class VoterKeys:
    voter_id: str  # to set in the cookie when it is new
    is_new: bool
    voter_key: str
    network_key: str


def voter_keys(request: HttpRequest, visit: Visit) -> VoterKeys:
    """The keys of this request's voter; a new random id when the cookie is missing."""
    existing = voter_id(request, visit)
    voter = existing or new_voter_id()
    return VoterKeys(
        voter_id=voter,
        is_new=not existing,
        voter_key=voter_key(visit, voter),
        network_key=_hmac("network", f"{visit.pk}:{client_address(request)}"),
    )


def remember_voter(response: HttpResponseBase, request: HttpRequest, visit: Visit, keys: VoterKeys) -> None:
    """Keep the voter's id in the long-lived signed cookie (only for this site, not readable by scripts)."""
    if keys.is_new:
        response.set_signed_cookie(
            cookie_name(visit),
            keys.voter_id,
            salt=COOKIE_SALT,
            max_age=COOKIE_MAX_AGE,
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )


def too_many_attempts(request: HttpRequest, *, purpose: str = "date-vote", limit: int | None = None) -> bool:
    """Count one attempt of this address at `purpose`; True past the per-minute limit (the date vote's
    setting unless `limit` is given)."""
    attempts = count_attempt(f"{purpose}-rate:" + _hmac("rate", client_address(request)), window=RATE_WINDOW_SECONDS)
    return attempts > (settings.KEZDESU_DATE_VOTE_ATTEMPTS_PER_MINUTE if limit is None else limit)
