from kezdesu.meetings.models.agenda import AgendaItem
from kezdesu.meetings.models.live import LiveMeeting, TimerSegment
from kezdesu.meetings.models.reception import Booking, ReceptionSlot
from kezdesu.meetings.models.tasks import VisitTask
from kezdesu.meetings.models.visits import AkimAnswer, BroadcastLink, OfficialAccount, Platform, Visit, VisitPart
from kezdesu.meetings.models.voting import DateOption, DateVote

__all__ = [
    "AgendaItem",
    "AkimAnswer",
    "Booking",
    "BroadcastLink",
    "DateOption",
    "DateVote",
    "LiveMeeting",
    "OfficialAccount",
    "Platform",
    "ReceptionSlot",
    "TimerSegment",
    "Visit",
    "VisitPart",
    "VisitTask",
]
