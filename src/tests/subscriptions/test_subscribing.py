"""Subscribing by e-mail to a region, a ministry or a visit (issue 14, point 4): double opt-in, confirming,
unsubscribing erases the address, subscribing again works, requests are limited."""

import datetime

import pytest
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

from kezdesu.core.errors import DomainError
from kezdesu.core.models import AuditLog
from kezdesu.meetings.domain.parts import update_part
from kezdesu.meetings.models import Visit
from kezdesu.subscriptions.domain.queries.targets import Target
from kezdesu.subscriptions.domain.subscribing import (
    REQUESTS_PER_ADDRESS,
    confirm_subscription,
    delete_unconfirmed_subscriptions,
    request_subscription,
    unsubscribe,
)
from kezdesu.subscriptions.models import Subscription

pytestmark = pytest.mark.django_db


def _request(target, email="Citizen@Example.kz", language="ru", **kwargs):
    return request_subscription(target=target, email=email, language=language, consent=True, **kwargs)


def _move_meeting(world):
    part = world.part("meeting")
    update_part(actor=world.user("ministry_editor"), part=part, venue_en=part.venue_en + " (hall 2)")


def test_nothing_but_the_confirmation_is_sent_before_the_address_confirms(world, django_capture_on_commit_callbacks):
    target = Target(region=world.visit.region)
    with django_capture_on_commit_callbacks(execute=True):
        subscription = _request(target)

    assert (subscription.email, subscription.language, subscription.confirmed_at) == ("citizen@example.kz", "ru", None)
    assert len(subscription.token) >= 40
    assert [message.to for message in mail.outbox] == [["citizen@example.kz"]]
    assert f"/ru/follow/confirm/{subscription.token}/" in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        _move_meeting(world)  # news of the region: not for an address that has not confirmed
    assert len(mail.outbox) == 1

    confirm_subscription(token=subscription.token)
    with django_capture_on_commit_callbacks(execute=True):
        _move_meeting(world)
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == ["citizen@example.kz"]


def test_confirming_twice_changes_nothing_and_an_unknown_link_is_refused(world):
    subscription = _request(Target(ministry=world.visit.organisation))
    first = confirm_subscription(token=subscription.token).confirmed_at
    assert confirm_subscription(token=subscription.token).confirmed_at == first
    assert AuditLog.objects.filter(action="subscriptions.confirmed").count() == 1
    with pytest.raises(DomainError) as refused:
        confirm_subscription(token="not-a-token")
    assert refused.value.code == "token"


def test_asking_again_before_confirming_sends_a_fresh_link_and_the_old_one_stops(world):
    target = Target(visit=world.visit)
    old_token = _request(target).token
    new = _request(target, language="kk")
    assert new.token != old_token
    assert new.language == "kk"
    assert Subscription.objects.count() == 1
    with pytest.raises(DomainError):
        confirm_subscription(token=old_token)


def test_an_address_already_subscribed_is_told_so_by_e_mail_only(world, django_capture_on_commit_callbacks):
    target = Target(region=world.visit.region)
    subscription = _request(target)
    confirm_subscription(token=subscription.token)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = _request(target)
    assert again.pk == subscription.pk
    assert again.token == subscription.token
    assert len(mail.outbox) == 1
    assert "уже получаете" in mail.outbox[0].subject  # in the language it was asked in (ru): "you already receive"
    assert "/follow/confirm/" not in mail.outbox[0].body


def test_unsubscribing_erases_the_address_and_subscribing_again_works(world, django_capture_on_commit_callbacks):
    target = Target(region=world.visit.region)
    first = _request(target)
    confirm_subscription(token=first.token)

    ended = unsubscribe(token=first.token)
    assert ended.email == ""
    assert ended.unsubscribed_at is not None
    assert unsubscribe(token=first.token).unsubscribed_at == ended.unsubscribed_at  # twice: nothing more
    with pytest.raises(DomainError) as refused:
        confirm_subscription(token=first.token)
    assert refused.value.code == "ended"

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        second = _request(target)
    assert second.pk != first.pk
    assert second.confirmed_at is None
    assert "/follow/confirm/" in mail.outbox[0].body
    confirm_subscription(token=second.token)
    assert Subscription.objects.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True).get() == second
    audit = str(list(AuditLog.objects.filter(action__startswith="subscriptions.").values()))
    assert "citizen@example.kz" not in audit


def test_consent_a_valid_address_and_a_public_visit_are_required(world):
    with pytest.raises(DomainError) as refused:
        request_subscription(target=Target(visit=world.visit), email="a@example.kz", language="en", consent=False)
    assert refused.value.code == "consent"
    with pytest.raises(DomainError) as refused:
        _request(Target(visit=world.visit), email="not an address")
    assert refused.value.code == "email"
    Visit.objects.filter(pk=world.visit.pk).update(status=Visit.Status.DRAFT)
    world.visit.refresh_from_db()
    with pytest.raises(DomainError) as refused:
        _request(Target(visit=world.visit))
    assert refused.value.code == "not_public"
    assert Subscription.objects.count() == 0


def test_requests_are_limited_per_address_and_per_network(world):
    target = Target(region=world.visit.region)
    for _ in range(REQUESTS_PER_ADDRESS):
        _request(target)
    with pytest.raises(DomainError) as refused:
        _request(target)
    assert refused.value.code == "rate"
    for number in range(30):
        _request(target, email=f"person{number}@example.kz", network="10.0.0.1")
    with pytest.raises(DomainError) as refused:
        _request(target, email="one-more@example.kz", network="10.0.0.1")
    assert refused.value.code == "rate"


def test_a_subscription_follows_exactly_one_thing(world):
    with pytest.raises(IntegrityError):
        Subscription.objects.create(
            email="a@example.kz", language="en", token="t1", region=world.visit.region, visit=world.visit
        )


def test_requests_never_confirmed_are_deleted_after_a_week(world):
    stale = _request(Target(region=world.visit.region), email="old@example.kz")
    fresh = _request(Target(region=world.visit.region), email="new@example.kz")
    confirmed = _request(Target(region=world.visit.region), email="kept@example.kz")
    confirm_subscription(token=confirmed.token)
    Subscription.objects.filter(pk__in=[stale.pk, confirmed.pk]).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    assert delete_unconfirmed_subscriptions() == 1
    assert sorted(Subscription.objects.values_list("pk", flat=True)) == sorted([fresh.pk, confirmed.pk])
