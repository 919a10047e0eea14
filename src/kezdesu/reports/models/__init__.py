from kezdesu.reports.models.evaluation import EvaluationCriterion, EvaluationResult, EvaluationScheme
from kezdesu.reports.models.half_year import GovernmentReview, HalfYearReport, Instruction
from kezdesu.reports.models.library import DocumentVersion, LibraryDocument
from kezdesu.reports.models.quarterly import QuarterlyInformation

__all__ = [
    "DocumentVersion",
    "EvaluationCriterion",
    "EvaluationResult",
    "EvaluationScheme",
    "GovernmentReview",
    "HalfYearReport",
    "Instruction",
    "LibraryDocument",
    "QuarterlyInformation",
]
