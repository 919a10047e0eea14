from kezdesu.questions.models.questions import Channel, ImportBatch, Question, QuestionGroup
from kezdesu.questions.models.topics import Topic

__all__ = ["Channel", "ImportBatch", "Question", "QuestionGroup", "Topic"]
