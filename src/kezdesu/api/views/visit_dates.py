"""The vote on a visit's date (R9) in the API.

Public: the options of an announced visit (counts once visible) and the vote itself, guarded as on
the public page: a voter cookie (sent back, or set by the answer), a limit of votes per network
address and a per-address rate limit. Staff: offer and withdraw options, open and close the vote,
fix the date. Writes call `meetings.domain.date_vote`, which checks the permission on the visit
(403); visits outside the user's organisations answer 404.
"""

from typing import Any

from django.http import Http404
from django.urls import URLPattern, URLResolver, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response

from kezdesu.api.language import LANG_PARAMETER
from kezdesu.api.serializers.errors import ErrorSerializer
from kezdesu.api.serializers.visit_dates import (
    AddDateOptionSerializer,
    CastVoteSerializer,
    DateOptionSerializer,
    DateVoteSerializer,
    FixedDateSerializer,
    MyVoteSerializer,
    OpenVoteSerializer,
)
from kezdesu.api.views.base import ApiViewMixin, acting_user
from kezdesu.core.errors import DomainError
from kezdesu.meetings.domain.date_vote import (
    add_date_option,
    cast_vote,
    close_date_vote,
    fix_visit_date,
    open_date_vote,
    remove_date_option,
)
from kezdesu.meetings.domain.queries.access import visit_for
from kezdesu.meetings.domain.queries.date_vote import VoteState, vote_of, vote_results, vote_state
from kezdesu.meetings.domain.queries.visits import PUBLIC_STATUSES
from kezdesu.meetings.interfaces.voter_keys import remember_voter, too_many_attempts, voter_id, voter_key, voter_keys
from kezdesu.meetings.models import DateOption, Visit
from kezdesu.organisations.models import District

REFUSALS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer}
VISIT_PARAMETER = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The visit's id.")
OPTION_PARAMETER = OpenApiParameter("option_id", int, OpenApiParameter.PATH, description="The option's id.")
VOTER_COOKIE = (
    "The voter is known by the signed cookie `kezdesu_vote_<visit id>`: send back the cookie the first answer "
    "set, or a new one is set and the vote counts as another voter's."
)


def _readable_visit(request: Request, pk: int) -> tuple[Visit, bool]:
    """An announced visit for anyone, any visit for its staff; and whether the user is its staff."""
    user = request.user
    if user.is_authenticated and user.has_perm("office.access"):
        try:
            return visit_for(user, pk), True
        except Http404:
            pass
    visit = Visit.objects.filter(status__in=PUBLIC_STATUSES).select_related("region").filter(pk=pk).first()
    if visit is None:
        raise Http404
    return visit, False


def date_vote_data(visit: Visit, *, mine: Any, staff: bool) -> dict[str, Any]:
    state = vote_state(visit)
    results = vote_results(visit)
    visible = staff or mine is not None or state in (VoteState.CLOSED, VoteState.FIXED)
    return {
        "visit": visit.pk,
        "state": str(state),
        "vote_closes_at": visit.vote_closes_at,
        "date_fixed_at": visit.date_fixed_at,
        "results_visible": visible,
        "total": results.total if visible else None,
        "options": [
            {
                "id": row.option.pk,
                "starts_at": row.option.starts_at,
                "ends_at": row.option.ends_at,
                "is_chosen": row.option.is_chosen,
                "votes": row.votes if visible else None,
                "percent": row.percent if visible else None,
            }
            for row in results.options
        ],
        "districts": [
            {
                "district": {"id": row.district.pk, "name": row.district.name} if row.district else None,
                "votes": row.votes,
                "by_option": list(row.by_option),
            }
            for row in results.districts
        ]
        if visible
        else None,
        "my_vote": {"option": mine.option_id, "district": mine.district_id} if mine is not None else None,
    }


class DateOptionsView(ApiViewMixin, generics.GenericAPIView[DateOption]):
    read_permission = None
    write_permission = "office.access"
    serializer_class = DateVoteSerializer

    @extend_schema(
        summary="Show the dates offered for a visit",
        description=(
            "The dates and times the ministry offers the region's residents for the meeting, the state of the "
            "vote and, once visible, the votes per option and per district. Counts are visible once you have "
            "voted (your voter cookie), when voting has closed, and always to the visit's staff. Public for "
            "announced visits; other visits exist only for their staff. " + VOTER_COOKIE
        ),
        parameters=[VISIT_PARAMETER, LANG_PARAMETER],
        responses={200: DateVoteSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, pk: int) -> Response:
        visit, staff = _readable_visit(request, pk)
        mine = vote_of(visit, voter_key(visit, voter_id(request, visit)))
        return Response(DateVoteSerializer(date_vote_data(visit, mine=mine, staff=staff)).data)

    @extend_schema(
        summary="Offer a date for a visit",
        description=(
            'Needs "meetings.manage_date_vote" on the visit: the ministry\'s editors and approvers. A working '
            "day within the planning period, in the future, starting and ending on the same day; not once the "
            "vote has closed or the date is fixed (400)."
        ),
        parameters=[VISIT_PARAMETER, LANG_PARAMETER],
        request=AddDateOptionSerializer,
        responses={201: DateOptionSerializer, **REFUSALS},
    )
    def post(self, request: Request, pk: int) -> Response:
        visit = visit_for(request.user, pk)
        body = AddDateOptionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        option = add_date_option(actor=acting_user(request), visit=visit, **body.validated_data)
        data = {**option.__dict__, "id": option.pk, "votes": 0, "percent": 0}
        return Response(DateOptionSerializer(data).data, status=status.HTTP_201_CREATED)


class DateOptionView(ApiViewMixin, generics.GenericAPIView[DateOption]):
    write_permission = "office.access"

    @extend_schema(
        summary="Withdraw a date offered",
        description=(
            'Needs "meetings.manage_date_vote" on the visit. Only an option nobody has voted for, and not once '
            "the vote has closed or the date is fixed (400)."
        ),
        parameters=[VISIT_PARAMETER, OPTION_PARAMETER, LANG_PARAMETER],
        request=None,
        responses={204: None, **REFUSALS},
    )
    def delete(self, request: Request, pk: int, option_id: int) -> Response:
        visit = visit_for(request.user, pk)
        option = generics.get_object_or_404(DateOption.objects.select_related("visit"), pk=option_id, visit=visit)
        remove_date_option(actor=acting_user(request), option=option)
        return Response(status=status.HTTP_204_NO_CONTENT)


class FixDateView(ApiViewMixin, generics.GenericAPIView[DateOption]):
    write_permission = "office.access"
    serializer_class = FixedDateSerializer

    @extend_schema(
        summary="Fix the date of a visit",
        description=(
            'Needs "meetings.fix_visit_date" on the visit: the ministry\'s approvers. The meeting part moves '
            "to the option, the other parts by the same number of days, the vote closes, and the schedule item "
            'is amended: a new version with the reason "Date chosen after the population\'s vote" when the '
            "working draft has no other change, otherwise the change waits in the draft and the authorized "
            "body is asked to amend. The akimat and the authorized body are told."
        ),
        parameters=[VISIT_PARAMETER, OPTION_PARAMETER, LANG_PARAMETER],
        request=None,
        responses={200: FixedDateSerializer, **REFUSALS},
    )
    def post(self, request: Request, pk: int, option_id: int) -> Response:
        visit = visit_for(request.user, pk)
        option = generics.get_object_or_404(DateOption, pk=option_id, visit=visit)
        amendment = fix_visit_date(actor=acting_user(request), visit=visit, option=option)
        visit.refresh_from_db()
        data = {
            "option": option.pk,
            "start_date": visit.start_date,
            "end_date": visit.end_date,
            "schedule": str(amendment.outcome),
            "version": amendment.version.number if amendment.version is not None else None,
        }
        return Response(FixedDateSerializer(data).data)


class OpenVoteView(ApiViewMixin, generics.GenericAPIView[Visit]):
    write_permission = "office.access"
    serializer_class = DateVoteSerializer

    @extend_schema(
        summary="Open the vote on a visit's date",
        description=(
            'Needs "meetings.manage_date_vote" on the visit. At least two options; the vote closes at '
            "`closes_at`, in the future and before the earliest option (400). Sent again, it moves the closing time."
        ),
        parameters=[VISIT_PARAMETER, LANG_PARAMETER],
        request=OpenVoteSerializer,
        responses={200: DateVoteSerializer, **REFUSALS},
    )
    def post(self, request: Request, pk: int) -> Response:
        visit = visit_for(request.user, pk)
        body = OpenVoteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        open_date_vote(actor=acting_user(request), visit=visit, closes_at=body.validated_data["closes_at"])
        return Response(DateVoteSerializer(date_vote_data(visit, mine=None, staff=True)).data)


class CloseVoteView(ApiViewMixin, generics.GenericAPIView[Visit]):
    write_permission = "office.access"
    serializer_class = DateVoteSerializer

    @extend_schema(
        summary="Close the vote on a visit's date now",
        description='Needs "meetings.manage_date_vote" on the visit; the vote must be open (400).',
        parameters=[VISIT_PARAMETER, LANG_PARAMETER],
        request=None,
        responses={200: DateVoteSerializer, **REFUSALS},
    )
    def post(self, request: Request, pk: int) -> Response:
        visit = visit_for(request.user, pk)
        close_date_vote(actor=acting_user(request), visit=visit)
        return Response(DateVoteSerializer(date_vote_data(visit, mine=None, staff=True)).data)


class CastVoteView(ApiViewMixin, generics.GenericAPIView[Visit]):
    serializer_class = MyVoteSerializer
    permission_classes: list[Any] = []  # public: residents vote without an account
    # No session, so no CSRF token: JSON only, which a cross-site form cannot send without CORS consent.
    authentication_classes: list[Any] = []
    parser_classes = [JSONParser]

    @extend_schema(
        summary="Vote on a visit's date",
        description=(
            "A resident of the region votes for one of the options, optionally saying their district or town. "
            "Voting again with the same cookie replaces the vote; it is never counted twice. At most a set "
            "number of votes per visit come from one network address (shared Wi-Fi and NAT are allowed for), "
            "and too many attempts from one address in a minute answer 429. Only keyed hashes are stored, "
            "never the address. This stops casual repeats, not a determined person. " + VOTER_COOKIE
        ),
        parameters=[VISIT_PARAMETER, LANG_PARAMETER],
        request=CastVoteSerializer,
        responses={200: MyVoteSerializer, 429: ErrorSerializer, **REFUSALS},
    )
    def post(self, request: Request, pk: int) -> Response:
        visit: Visit = generics.get_object_or_404(Visit.objects.filter(status__in=PUBLIC_STATUSES), pk=pk)
        keys = voter_keys(request, visit)
        if too_many_attempts(request):
            response = Response(
                {
                    "detail": _("Too many attempts from your connection. Please wait a minute and try again."),
                    "code": "rate_limited",
                },
                status=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        else:
            body = CastVoteSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            option = DateOption.objects.filter(pk=body.validated_data["option"], visit=visit).first()
            if option is None:
                raise DomainError(_("Choose one of the dates offered."), code="option")
            district = None
            if body.validated_data.get("district") is not None:
                district = District.objects.filter(pk=body.validated_data["district"]).first()
                if district is None:
                    raise DomainError(_("Choose a district or town of the region."), code="district")
            vote = cast_vote(
                visit=visit,
                option=option,
                district=district,
                voter_key=keys.voter_key,
                network_key=keys.network_key,
            )
            response = Response(MyVoteSerializer({"option": vote.option_id, "district": vote.district_id}).data)
        remember_voter(response, request, visit, keys)
        return response


urlpatterns: list[URLPattern | URLResolver] = [
    path("visits/<int:pk>/date-options/", DateOptionsView.as_view(), name="visit-date-options"),
    path("visits/<int:pk>/date-options/<int:option_id>/", DateOptionView.as_view(), name="visit-date-option"),
    path("visits/<int:pk>/date-options/<int:option_id>/fix/", FixDateView.as_view(), name="visit-date-fix"),
    path("visits/<int:pk>/date-vote/", CastVoteView.as_view(), name="visit-date-vote"),
    path("visits/<int:pk>/date-vote/open/", OpenVoteView.as_view(), name="visit-date-vote-open"),
    path("visits/<int:pk>/date-vote/close/", CloseVoteView.as_view(), name="visit-date-vote-close"),
]
