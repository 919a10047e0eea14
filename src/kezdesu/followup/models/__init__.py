from kezdesu.followup.models.followers import Follower
from kezdesu.followup.models.issues import IssueQuestion, ProblemIssue
from kezdesu.followup.models.plans import Measure, MeasureStatus, ProgressUpdate
from kezdesu.followup.models.publications import ProgressReport, Publication
from kezdesu.followup.models.timeline import IssueEvent

__all__ = [
    "Follower",
    "IssueEvent",
    "IssueQuestion",
    "Measure",
    "MeasureStatus",
    "ProblemIssue",
    "ProgressReport",
    "ProgressUpdate",
    "Publication",
]
