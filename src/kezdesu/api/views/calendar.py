"""Kazakhstan's working-day calendar, and the transfers of days off the authorized body enters."""

from datetime import date, timedelta
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

from kezdesu.api.language import LANG_PARAMETER, LANGUAGE_CODES
from kezdesu.api.serializers.calendar import CalendarExceptionSerializer, CalendarYearSerializer
from kezdesu.api.serializers.errors import ErrorSerializer
from kezdesu.api.views.base import ApiViewMixin, acting_user
from kezdesu.regulations.domain.calendar import WorkingCalendar
from kezdesu.regulations.domain.calendar_exceptions import (
    add_calendar_exception,
    remove_calendar_exception,
    update_calendar_exception,
)
from kezdesu.regulations.models import CalendarException

FIRST_YEAR, LAST_YEAR = 1990, 2100
SATURDAY = 5


def _translations(calendar: WorkingCalendar, day: date) -> dict[str, str]:
    return {code: calendar.holiday_name(day, code) or "" for code in LANGUAGE_CODES}


def calendar_year(year: int) -> dict[str, Any]:
    """Every day off of `year` with its reason, and the weekend days that are working days."""
    calendar = WorkingCalendar(years=[year])
    days_off = []
    for day in calendar.days_off(date(year, 1, 1), date(year, 12, 31)):
        exception = calendar.exception_on(day)
        if exception is not None:
            kind, act = "transfer", exception.act
        else:
            kind, act = ("holiday" if calendar.holiday_name(day, "en") else "weekend"), ""
        weekend = kind == "weekend"
        days_off.append(
            {
                "date": day,
                "kind": kind,
                "reason": None if weekend else calendar.holiday_name(day),
                "reason_i18n": None if weekend else _translations(calendar, day),
                "act": act,
            }
        )
    working_weekend_days = []
    day = date(year, 1, 1)
    while day.year == year:
        if day.weekday() >= SATURDAY and calendar.is_working_day(day):
            exception = calendar.exception_on(day)
            working_weekend_days.append(
                {
                    "date": day,
                    "reason": exception.reason if exception else None,
                    "reason_i18n": {code: getattr(exception, f"reason_{code}") or "" for code in LANGUAGE_CODES}
                    if exception
                    else None,
                    "act": exception.act if exception else "",
                }
            )
        day += timedelta(days=1)
    return {"year": year, "days_off": days_off, "working_weekend_days": working_weekend_days}


class CalendarYearView(ApiViewMixin, APIView):
    @extend_schema(
        summary="Show a year's working-day calendar",
        description=(
            "Every day that is not a working day in the year — weekends, public holidays (from the holidays "
            "law) and the days off the Government transfers by decree — with the reason, and the weekend days "
            "that are working days (working Saturdays). A deadline that falls on a day off moves to the next "
            "working day. Public."
        ),
        parameters=[
            OpenApiParameter("year", int, OpenApiParameter.PATH, description="From 1990 to 2100."),
            LANG_PARAMETER,
        ],
        responses={200: CalendarYearSerializer, 404: ErrorSerializer},
        examples=[
            OpenApiExample(
                "Nauryz",
                response_only=True,
                value={
                    "year": 2026,
                    "days_off": [
                        {
                            "date": "2026-03-21",
                            "kind": "holiday",
                            "reason": "Nowruz Holiday",
                            "reason_i18n": {"kk": "Наурыз мейрамы", "ru": "Наурыз мейрамы", "en": "Nowruz Holiday"},
                            "act": "",
                        }
                    ],
                    "working_weekend_days": [],
                },
            )
        ],
    )
    def get(self, request: Request, year: int) -> Response:
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise Http404
        return Response(CalendarYearSerializer(calendar_year(year)).data)


class CalendarExceptionFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="date", lookup_expr="year", label="Year")

    class Meta:
        model = CalendarException
        fields = ["year", "kind"]


DATE_PARAMETER = OpenApiParameter("date", str, OpenApiParameter.PATH, description="The moved day, YYYY-MM-DD.")
MANAGE = 'Needs the "regulations.manage_calendar" permission (the authorized body\'s coordinators, administrators).'


@extend_schema_view(
    list=extend_schema(
        summary="List entered transfers",
        description="The days off and working days the Government moved by decree, as entered. Public.",
        parameters=[LANG_PARAMETER],
    ),
    retrieve=extend_schema(
        summary="Show an entered transfer",
        description="One entered transfer by its date. Public.",
        parameters=[DATE_PARAMETER, LANG_PARAMETER],
    ),
    create=extend_schema(
        summary="Enter a transfer",
        description=f"Make a working day a day off, or a day off (e.g. a Saturday) a working day. {MANAGE}",
        responses={201: CalendarExceptionSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
        examples=[
            OpenApiExample(
                "A working Saturday",
                request_only=True,
                value={
                    "date": "2026-01-03",
                    "kind": "working_day",
                    "reason_kk": "Жұмыс күнін ауыстыру",
                    "reason_ru": "Перенос рабочего дня",
                    "reason_en": "Transfer of a working day",
                    "act": "Government Decree No. 1 of 2025",
                },
            )
        ],
    ),
    update=extend_schema(
        summary="Change an entered transfer",
        description=MANAGE,
        parameters=[DATE_PARAMETER],
        responses={200: CalendarExceptionSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    ),
    destroy=extend_schema(summary="Remove an entered transfer", description=MANAGE, parameters=[DATE_PARAMETER]),
)
class CalendarExceptionViewSet(
    ApiViewMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[CalendarException],
):
    serializer_class = CalendarExceptionSerializer
    filterset_class = CalendarExceptionFilter
    lookup_field = "date"
    lookup_value_regex = r"\d{4}-\d{2}-\d{2}"
    write_permission = "regulations.manage_calendar"
    http_method_names = ["get", "post", "put", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[CalendarException]:
        return CalendarException.objects.order_by("date")

    def perform_create(self, serializer: BaseSerializer[CalendarException]) -> None:
        data = serializer.validated_data
        serializer.instance = add_calendar_exception(
            actor=acting_user(self.request),
            day=data["date"],
            kind=data["kind"],
            reason_kk=data["reason_kk"],
            reason_ru=data["reason_ru"],
            reason_en=data["reason_en"],
            act=data["act"],
        )

    def perform_update(self, serializer: BaseSerializer[CalendarException]) -> None:
        data = serializer.validated_data
        assert serializer.instance is not None  # update() set it from get_object()
        serializer.instance = update_calendar_exception(
            actor=acting_user(self.request),
            exception=serializer.instance,
            day=data["date"],
            kind=data["kind"],
            reason_kk=data["reason_kk"],
            reason_ru=data["reason_ru"],
            reason_en=data["reason_en"],
            act=data["act"],
        )

    def perform_destroy(self, instance: CalendarException) -> None:
        remove_calendar_exception(actor=acting_user(self.request), exception=instance)
