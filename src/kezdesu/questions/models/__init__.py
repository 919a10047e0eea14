from kezdesu.questions.models.questions import Channel, ImportBatch, Outcome, Question, QuestionGroup, QuestionVote
from kezdesu.questions.models.topics import Topic

__all__ = ["Channel", "ImportBatch", "Outcome", "Question", "QuestionGroup", "QuestionVote", "Topic"]
