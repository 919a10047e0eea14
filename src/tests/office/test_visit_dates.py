import datetime

import pytest
from django.urls import reverse

from kezdesu.core.models import AuditLog
from kezdesu.meetings.domain.date_vote import cast_vote, open_date_vote
from kezdesu.meetings.models import DateOption, Visit
from kezdesu.planning.models import ScheduleItem
from tests.factories.date_vote import build_scheduled_visit, offer_options
from tests.factories.meetings import at, build_visit_world

pytestmark = pytest.mark.django_db

CLOSES = at(18, day=datetime.date(2027, 3, 1))


@pytest.fixture
def vw():
    return build_visit_world()


def dates_url(visit):
    return reverse("office:visit_dates", args=[visit.pk])


def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_editor_offers_a_date_in_almaty_time(client, vw):
    signed_in(client, vw.user("ministry_editor"))

    response = client.post(dates_url(vw.visit), {"day": "2027-03-11", "starts": "10:00", "ends": "12:00"})

    assert response.status_code == 302
    option = DateOption.objects.get()
    assert (option.starts_at, option.ends_at) == (
        at(10, day=datetime.date(2027, 3, 11)),
        at(12, day=datetime.date(2027, 3, 11)),
    )


def test_a_date_on_a_day_off_is_offered_and_shown_as_a_day_off(client, vw):
    signed_in(client, vw.user("ministry_editor"))

    response = client.post(dates_url(vw.visit), {"day": "2027-03-22", "starts": "10:00", "ends": "12:00"}, follow=True)

    html = response.content.decode()
    assert DateOption.objects.get().starts_at == at(10, day=datetime.date(2027, 3, 22))
    assert "Monday, 22.03.2027" in html
    assert "Day off: Nowruz Holiday" in html


def test_a_date_in_the_past_is_refused_with_the_reason_and_the_form_keeps_it(client, vw):
    signed_in(client, vw.user("ministry_editor"))

    response = client.post(dates_url(vw.visit), {"day": "2026-01-14", "starts": "10:00", "ends": "12:00"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Offer a date in the future." in html
    assert 'value="2026-01-14"' in html
    assert not DateOption.objects.exists()


def test_the_fix_page_says_the_date_is_a_day_off(client, vw):
    [saturday] = offer_options(vw.visit, (datetime.date(2027, 3, 13),))
    signed_in(client, vw.user("ministry_approver"))

    html = client.get(reverse("office:visit_date_fix", args=[vw.visit.pk, saturday.pk])).content.decode()

    assert "will take place on Saturday, 13.03.2027, 10:00–12:00" in html
    assert "Day off: Saturday" in html


def test_the_page_shows_votes_per_option_and_district_with_bars(client, vw):
    first, second, _third = offer_options(vw.visit)
    open_date_vote(actor=vw.user("ministry_editor"), visit=vw.visit, closes_at=CLOSES)
    for key, option in (("a", first), ("b", first), ("c", second)):
        cast_vote(visit=vw.visit, option=option, voter_key=key, network_key="n", district=vw.district)
    signed_in(client, vw.user("akimat_viewer"))

    html = client.get(dates_url(vw.visit)).content.decode()

    assert "Dates offered and 3 votes" in html
    assert 'style="width: 67%"' in html
    assert 'style="width: 33%"' in html
    assert vw.district.name in html
    assert "Fix this date" not in html  # a reader, not the ministry's approver
    assert "Offer a date" not in html


def test_opening_and_closing_the_vote(client, vw):
    offer_options(vw.visit)
    signed_in(client, vw.user("ministry_editor"))

    client.post(
        reverse("office:visit_vote_open", args=[vw.visit.pk]), {"closes_day": "2027-03-01", "closes_time": "18:00"}
    )
    opened = Visit.objects.get(pk=vw.visit.pk).vote_closes_at
    client.post(reverse("office:visit_vote_close", args=[vw.visit.pk]))

    assert opened == CLOSES
    assert Visit.objects.get(pk=vw.visit.pk).vote_closes_at < CLOSES
    assert [row.action for row in AuditLog.objects.filter(action__startswith="meetings.date_vote").order_by("pk")] == [
        "meetings.date_vote.open",
        "meetings.date_vote.close",
    ]


def test_opening_with_a_closing_time_after_the_dates_is_refused_with_the_reason(client, vw):
    offer_options(vw.visit)
    signed_in(client, vw.user("ministry_editor"))

    response = client.post(
        reverse("office:visit_vote_open", args=[vw.visit.pk]), {"closes_day": "2027-03-20", "closes_time": "18:00"}
    )

    assert response.status_code == 400
    assert "The vote must close before the earliest date offered." in response.content.decode()


def test_withdrawing_an_option_without_votes(client, vw):
    first, *_rest = offer_options(vw.visit)
    signed_in(client, vw.user("ministry_editor"))

    client.post(reverse("office:visit_date_remove", args=[vw.visit.pk, first.pk]))

    assert not DateOption.objects.filter(pk=first.pk).exists()


def test_the_approver_confirms_and_fixes_the_date_and_the_schedule_draft_carries_it(client):
    scheduled = build_scheduled_visit()
    _first, second, _third = offer_options(scheduled.visit)
    signed_in(client, scheduled.user("ministry_approver"))
    fix_url = reverse("office:visit_date_fix", args=[scheduled.visit.pk, second.pk])

    confirmation = client.get(fix_url)
    response = client.post(fix_url, follow=True)

    assert "The meeting with the population will take place on Thursday, 11.03.2027, 10:00–12:00" in (
        confirmation.content.decode()
    )
    assert (
        "The date is fixed and written into the working draft of the schedule: the akimat is asked to agree it, "
        "then the authorized body submits the amendment for approval."
    ) in response.content.decode()
    assert Visit.objects.get(pk=scheduled.visit.pk).start_date == datetime.date(2027, 3, 11)
    assert ScheduleItem.objects.get(pk=scheduled.item.pk).start_date == datetime.date(2027, 3, 11)


def test_the_editor_cannot_open_the_fix_page(client, vw):
    first, *_rest = offer_options(vw.visit)
    signed_in(client, vw.user("ministry_editor"))

    assert client.get(reverse("office:visit_date_fix", args=[vw.visit.pk, first.pk])).status_code == 404


@pytest.mark.parametrize(("role", "status"), [("ministry_viewer", 200), ("akimat_approver", 200), ("no_role", 403)])
def test_who_reads_the_vote_page(client, vw, role, status):
    signed_in(client, vw.user(role))

    assert client.get(dates_url(vw.visit)).status_code == status


def test_an_akimat_cannot_offer_dates(client, vw):
    signed_in(client, vw.user("akimat_editor"))

    response = client.post(dates_url(vw.visit), {"day": "2027-03-11", "starts": "10:00", "ends": "12:00"})

    assert response.status_code == 404
    assert not DateOption.objects.exists()
