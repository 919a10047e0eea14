from kezdesu.regulations.models.calendar import CalendarException
from kezdesu.regulations.models.fulfilments import Fulfilment, Reminder
from kezdesu.regulations.models.profiles import ObligationRule, ProfileAmendment, RegulationProfile

__all__ = ["CalendarException", "Fulfilment", "ObligationRule", "ProfileAmendment", "RegulationProfile", "Reminder"]
