import pytest
from django.utils import translation

from kezdesu.core.errors import DomainError, NotPermitted
from kezdesu.core.models import AuditLog
from kezdesu.questions.domain.grouping import merge_questions
from kezdesu.questions.domain.moderation import (
    bulk_hide_questions,
    bulk_publish_questions,
    bulk_restore_questions,
    hide_question,
    moderation_version,
    publish_question,
    restore_question,
)
from kezdesu.questions.domain.moderation_checks import check_text
from kezdesu.questions.models import Question
from tests.factories.meetings import build_visit_world
from tests.factories.questions import question

pytestmark = pytest.mark.django_db

SPAM = Question.HiddenReason.SPAM
PERSONAL = Question.HiddenReason.PERSONAL_DATA


def test_checks_find_an_iin_a_phone_an_email_and_a_card_and_propose_their_removal():
    text = (
        "Мой ИИН 900101300123, звоните +7 (701) 123-45-67 или 8 777 765 43 21, "
        "пишите a.bekov@mail.kz, карта 4400 4301 2345 6789."
    )
    with translation.override("en"):
        check = check_text(text, language="en")
    assert check.reasons == {PERSONAL}
    assert check.proposed_text == (
        "Мой ИИН [personal data removed], звоните [personal data removed] или [personal data removed], "
        "пишите [personal data removed], карта [personal data removed]."
    )
    assert len(check.suggestions) == 4


def test_checks_suggest_spam_for_links_repeated_characters_and_advertising():
    assert check_text("Смотрите https://example.com").reasons == {SPAM}
    assert check_text("Когда отремонтируют дорогу!!!!!!!!").reasons == {SPAM}
    assert check_text("Скидки на окна, звоните").reasons == {SPAM}
    assert check_text("Жарнама: арзан тауарлар").reasons == {SPAM}


def test_checks_suggest_abuse_in_each_language_and_nothing_for_a_plain_question():
    assert check_text("Аким — идиот").reasons == {Question.HiddenReason.ABUSE}
    assert check_text("Сен ақымақсың").reasons == {Question.HiddenReason.ABUSE}
    assert check_text("The akim is stupid").reasons == {Question.HiddenReason.ABUSE}
    plain = check_text("Когда построят школу в селе Ақсу?")
    assert plain.suggestions == []
    assert plain.proposed_text == "Когда построят школу в селе Ақсу?"


def test_a_moderator_publishes_with_the_personal_data_removed_and_it_is_audited():
    world = build_visit_world()
    asked = question(world.visit, "Позвоните мне +7 701 123 45 67, когда будет вода?")
    editor = world.user("ministry_editor")
    published = publish_question(actor=editor, question=asked, published_text="Когда будет вода?", note="phone")
    assert (published.status, published.published_text, published.moderated_by) == (
        Question.Status.PUBLISHED,
        "Когда будет вода?",
        editor,
    )
    audit = AuditLog.objects.get(action="questions.publish")
    assert audit.old_values == {"status": "received", "published_text": "", "moderation_note": ""}
    assert audit.new_values == {
        "status": "published",
        "published_text": "Когда будет вода?",
        "moderation_note": "phone",
    }


def test_hiding_needs_a_reason_and_other_needs_a_note():
    world = build_visit_world()
    asked = question(world.visit)
    editor = world.user("akimat_editor")
    with pytest.raises(DomainError, match="Choose why"):
        hide_question(actor=editor, question=asked, reason="")
    with pytest.raises(DomainError, match="Explain in a note"):
        hide_question(actor=editor, question=asked, reason=Question.HiddenReason.OTHER)
    hidden = hide_question(actor=editor, question=asked, reason=SPAM, note="advert")
    assert (hidden.status, hidden.hidden_reason, hidden.moderation_note) == ("hidden", "spam", "advert")
    restored = restore_question(actor=editor, question=hidden)
    assert (restored.status, restored.hidden_reason) == ("received", "")
    assert list(AuditLog.objects.order_by("pk").values_list("action", flat=True)) == [
        "questions.hide",
        "questions.restore",
    ]


def test_a_second_moderator_acting_on_an_old_view_is_refused_with_a_clear_message():
    world = build_visit_world()
    asked = question(world.visit)
    seen = moderation_version(asked)
    publish_question(actor=world.user("ministry_editor"), question=asked, version=seen)
    with pytest.raises(DomainError, match="Another moderator") as refused:
        hide_question(actor=world.user("akimat_editor"), question=asked, reason=SPAM, version=seen)
    assert refused.value.code == "changed_meanwhile"
    assert Question.objects.get(pk=asked.pk).status == Question.Status.PUBLISHED


@pytest.mark.parametrize("role", ["akimat_viewer", "no_role", "ministry_viewer", "apparatus_oversight"])
def test_only_moderators_may_moderate(role):
    world = build_visit_world()
    asked = question(world.visit)
    with pytest.raises(NotPermitted):
        publish_question(actor=world.user(role), question=asked)
    assert Question.objects.get(pk=asked.pk).status == Question.Status.RECEIVED


def test_bulk_publishing_skips_questions_with_personal_data():
    world = build_visit_world()
    plain = question(world.visit, "Когда отремонтируют дорогу?")
    with_iin = question(world.visit, "Мой ИИН 900101300123, помогите")
    result = bulk_publish_questions(actor=world.user("coordinator"), questions=[plain, with_iin])
    assert [q.pk for q in result.changed] == [plain.pk]
    assert [(q.pk, reason) for q, reason in result.skipped] == [(with_iin.pk, "personal data to remove first")]
    assert Question.objects.get(pk=with_iin.pk).status == Question.Status.RECEIVED


def test_bulk_hiding_and_restoring_recount_the_group():
    world = build_visit_world()
    first, second, third = (question(world.visit, f"Вопрос о дороге {n}") for n in range(3))
    editor = world.user("ministry_editor")
    group = merge_questions(actor=editor, visit=world.visit, questions=[first, second, third])
    assert group.size == 3
    result = bulk_hide_questions(actor=editor, questions=[second, third], reason=SPAM)
    assert len(result.changed) == 2
    group.refresh_from_db()
    assert group.size == 1
    bulk_restore_questions(actor=editor, questions=[second, third])
    group.refresh_from_db()
    assert group.size == 3


def test_publishing_makes_the_question_its_groups_representative():
    world = build_visit_world()
    first, second = question(world.visit, "Вопрос о воде"), question(world.visit, "Вопрос о воде!")
    editor = world.user("ministry_editor")
    group = merge_questions(actor=editor, visit=world.visit, questions=[first, second])
    assert group.representative == first
    publish_question(actor=editor, question=second)
    group.refresh_from_db()
    assert group.representative == second
