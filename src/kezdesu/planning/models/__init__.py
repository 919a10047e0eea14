from kezdesu.planning.models.advisor import AdvisorWeights
from kezdesu.planning.models.availability import OfficialUnavailability, RegionBlackout
from kezdesu.planning.models.periods import PlanningPeriod
from kezdesu.planning.models.problems import SystemicProblem
from kezdesu.planning.models.proposals import Proposal
from kezdesu.planning.models.risks import RiskFlag
from kezdesu.planning.models.schedule import (
    ItemAgreement,
    ScheduleItem,
    ScheduleVersion,
    WarningAcknowledgement,
)

__all__ = [
    "AdvisorWeights",
    "ItemAgreement",
    "OfficialUnavailability",
    "PlanningPeriod",
    "Proposal",
    "RegionBlackout",
    "RiskFlag",
    "ScheduleItem",
    "ScheduleVersion",
    "SystemicProblem",
    "WarningAcknowledgement",
]
