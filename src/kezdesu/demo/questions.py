"""Questions demo data: about forty questions to each announced or held demo visit, in Kazakh and Russian,
from every channel (R10, R11).

- questions from the meeting page, the heads' blog platform, eOtinish and social networks, spread over
  the weeks between the visit's announcement and its morning (or now, for a visit ahead), a few with a
  contact for an answer (and consent);
- several exact duplicates (other case, punctuation, spacing) and near duplicates (a few words
  changed), for the grouping to find;
- the sample export of an akim's meeting with the population (files/questions-akim-meeting.csv, its dates
  moved to the visit's weeks) imported through the importer, with its two refused rows;
- the akimat's systemic problems sent to the ministry, attached.
Every question is left "received": moderation is its own concern. No real person is named: contacts
are demo addresses. A visit that already has questions is skipped, so running it twice changes nothing.
"""

import datetime
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from kezdesu.demo.accounts import demo_account
from kezdesu.demo.clock import DemoClock
from kezdesu.demo.sample_files import FILES, sample
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import District, User
from kezdesu.questions.domain.intake import (
    attach_systemic_problems,
    detect_language,
    fingerprint,
    systemic_problems_for,
)
from kezdesu.questions.interfaces.importers import import_question_file
from kezdesu.questions.models import Channel, Question, Topic

SAMPLE_CSV = FILES / "questions-akim-meeting.csv"
SAMPLE_XLSX = FILES / "questions-eotinish.xlsx"
COORDINATOR = "culture-information.coordinator"

# (channel, topic code, text). Duplicates follow their original: exact ones differ only in case,
# punctuation or spacing; near ones change a few words.
QUESTIONS: tuple[tuple[str, str, str], ...] = (
    (Channel.WEB, "roads-transport", "Когда отремонтируют дорогу от районного центра до нашего села?"),
    (Channel.WEB, "roads-transport", "когда отремонтируют дорогу от районного центра до нашего села"),
    (Channel.SOCIAL, "roads-transport", "Когда отремонтируют   дорогу от районного центра до нашего села??"),
    (Channel.BLOG, "roads-transport", "Когда наконец отремонтируют дорогу от районного центра до нашего села?"),
    (Channel.WEB, "roads-transport", "Аудан орталығына баратын жол қашан жөнделеді?"),
    (Channel.SOCIAL, "roads-transport", "Аудан орталығына баратын жол қашан жөнделеді"),
    (Channel.WEB, "healthcare", "Емханада дәрігерге кезек екі аптаға созылады. Жаңа дәрігерлер келе ме?"),
    (Channel.EOTINISH, "healthcare", "В поликлинике запись к терапевту на две недели вперёд. Будут ли новые врачи?"),
    (Channel.EOTINISH, "healthcare", "В поликлинике запись к терапевту на две недели вперед. Будут ли новые врачи?"),
    (Channel.BLOG, "healthcare", "Когда в районной больнице появится аппарат КТ?"),
    (
        Channel.WEB,
        "schools-preschool",
        ("Мектепте орын жетіспейді, балалар үш ауысыммен оқиды. Жаңа мектеп қашан салынады?"),
    ),
    (
        Channel.SOCIAL,
        "schools-preschool",
        ("Мектепте орын жетіспейді балалар үш ауысыммен оқиды жаңа мектеп қашан салынады"),
    ),
    (Channel.WEB, "schools-preschool", "В детский сад очередь на три года. Откроют ли новый сад в микрорайоне?"),
    (Channel.BLOG, "housing-utilities", "Горячую воду в нашем доме отключают каждую зиму. Кто отвечает за трубы?"),
    (
        Channel.WEB,
        "housing-utilities",
        ("Үйдің шатыры ағады, пәтер иелерінің бірлестігі жөндемейді. Қайда жүгіну керек?"),
    ),
    (Channel.EOTINISH, "social-protection-pensions", "Почему пенсию по инвалидности пересчитали в меньшую сторону?"),
    (Channel.WEB, "social-protection-pensions", "Көп балалы аналарға берілетін жәрдемақы қашан көбейеді?"),
    (Channel.SOCIAL, "employment", "Молодёжи в районе негде работать. Будут ли открываться новые предприятия?"),
    (Channel.WEB, "employment", "Жастарға ауылда жұмыс жоқ. Жаңа кәсіпорындар ашыла ма?"),
    (Channel.BLOG, "agriculture-land", "Жайылымдық жерді алу үшін конкурс ашық өтпейді, жер бұрыннан бөлініп қойған."),
    (Channel.WEB, "agriculture-land", "Субсидии на корма приходят с опозданием на полгода. Можно ли ускорить?"),
    (Channel.EOTINISH, "water", "В селе нет питьевой воды, возим воду бочками. Когда проведут водопровод?"),
    (Channel.WEB, "water", "В селе нет питьевой воды, возим воду в бочках. Когда проведут водопровод в село?"),
    (Channel.SOCIAL, "water", "Ауылда ауыз су жоқ, суды бөшкемен тасимыз. Су құбыры қашан тартылады?"),
    (Channel.WEB, "ecology", "Зимой над городом смог от угольных котельных. Когда переведут их на газ?"),
    (Channel.BLOG, "energy", "Электр жарығы жиі сөнеді, әсіресе қыста. Желілер қашан жаңартылады?"),
    (Channel.WEB, "energy", "Тариф на тепло вырос на треть за год. Чем это обосновано?"),
    (Channel.SOCIAL, "digital-services", "В нашем селе нет мобильного интернета, дети не могут учиться онлайн."),
    (Channel.WEB, "culture-media", "Ауылдағы мәдениет үйі жабық тұр, жастарға баратын жер жоқ."),
    (Channel.WEB, "sport-tourism", "Просим построить крытый спортзал: зимой детям негде заниматься."),
    (Channel.EOTINISH, "public-order", "На нашей улице нет освещения, вечером опасно ходить детям."),
    (Channel.WEB, "emergencies", "Көктемде өзен тасып, үйлерді су басады. Бөгет қашан салынады?"),
    (Channel.BLOG, "business-support", "Малому бизнесу трудно получить льготный кредит: банки требуют залог."),
    (Channel.WEB, "prices-trade", "Почему цены на хлеб и муку в районе выше, чем в областном центре?"),
    (Channel.WEB, "other", "Предлагаю проводить такие встречи и в сёлах, а не только в городе."),
)
# Who left a contact for an answer (index in QUESTIONS), with consent.
WITH_CONTACT = {0: "demo.citizen1@example.kz", 7: "+7 700 000 00 02", 21: "demo.citizen3@example.kz"}


def _actor(visit: Visit) -> User:
    """The ministry's demo editor when it has one; the authorized body's coordinator otherwise."""
    try:
        return demo_account(f"{visit.organisation.code}.editor")
    except User.DoesNotExist:
        return demo_account(COORDINATOR)


def _window(clock: DemoClock, visit: Visit) -> tuple[datetime.datetime, datetime.datetime]:
    """When the visit took questions: from its announcement (four weeks before it at most) until its morning, or
    until now for a visit still ahead."""
    start = timezone.make_aware(datetime.datetime.combine(visit.start_date, datetime.time(8)))
    first = max(visit.published_at or start - datetime.timedelta(days=28), start - datetime.timedelta(days=28))
    return first, min(start, clock.now - datetime.timedelta(minutes=30))


def _moment(window: tuple[datetime.datetime, datetime.datetime], rng: random.Random) -> datetime.datetime:
    first, last = window
    return first + (last - first) * rng.random()


def _direct_questions(visit: Visit, rng: random.Random, window: tuple[datetime.datetime, datetime.datetime]) -> int:
    # Entered as received, not through the web form: the form is closed for held visits.
    topics = {topic.code: topic for topic in Topic.objects.all()}
    districts: list[District | None] = [*District.objects.filter(region=visit.region).order_by("kato")[:6], None]
    questions = []
    for index, (channel, topic_code, text) in enumerate(QUESTIONS):
        contact = WITH_CONTACT.get(index, "")
        questions.append(
            Question(
                visit=visit,
                channel=channel,
                external_id="" if channel == Channel.WEB else f"demo-{channel}-{index:03d}",
                region=visit.region,
                district=rng.choice(districts),
                topic=topics.get(topic_code),
                text=text,
                fingerprint=fingerprint(text),
                language=detect_language(text),
                contact=contact,
                consent=bool(contact),
                received_at=_moment(window, rng),
            )
        )
    Question.objects.bulk_create(questions)
    return len(questions)


@transaction.atomic
def add_questions_demo(clock: DemoClock, visits: list[Visit]) -> dict[str, Any]:
    """Enter the questions demo for the announced and held visits; returns what was added."""
    added = {"visits": 0, "questions": 0, "imported": 0, "refused": 0, "systemic_problems": 0}
    for visit in visits:
        if visit.status not in (Visit.Status.PUBLISHED, Visit.Status.HELD) or visit.questions.exists():
            continue
        rng = random.Random(f"questions-{visit.schedule_uid or visit.pk}")
        actor = _actor(visit)
        window = _window(clock, visit)
        added["questions"] += _direct_questions(visit, rng, window)
        with clock.at(_moment(window, rng)):
            batch = import_question_file(
                actor=actor,
                visit=visit,
                channel=Channel.AKIM_MEETING,
                file_name=SAMPLE_CSV.name,
                content=sample(SAMPLE_CSV.name, last=window[1]),
            )
        added["imported"] += batch.created
        added["refused"] += len(batch.refused)
        # The akimat's systemic problems sent before the visit (attached as received when they were sent).
        if all(problem.sent_at and problem.sent_at < window[1] for problem in systemic_problems_for(visit)):
            with clock.at(window[1]):
                added["systemic_problems"] += len(attach_systemic_problems(actor=actor, visit=visit))
        added["visits"] += 1
    return added
