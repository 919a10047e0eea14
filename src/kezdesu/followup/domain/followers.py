"""Citizens following a problem issue by e-mail (point 5 of issue 6).

An asker who ticked "tell me what becomes of my question" and left an e-mail follows the issue behind their
question once it is public (`enrol_askers`); anyone else follows with a double opt-in (`follow_issue`, then
`confirm_follow`). Every e-mail carries an unsubscribe link; unsubscribing deletes the row, so the address is
not kept. E-mail addresses are personal data: audit rows name the follower by id only.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from kezdesu.core.domain.audit import record_audit
from kezdesu.core.domain.email_addresses import mail_language, new_link_token, valid_email
from kezdesu.core.errors import DomainError
from kezdesu.core.urls_absolute import absolute_url, site_url
from kezdesu.followup.domain.event_text import describe_event
from kezdesu.followup.models import Follower, IssueEvent, ProblemIssue
from kezdesu.questions.models import Question


def enrol_askers(issue: ProblemIssue) -> int:
    """Make the askers of the issue's questions who asked for updates confirmed followers; returns how many
    were added. Idempotent: an address already following the issue is left as it is."""
    if issue.published_at is None:
        return 0
    questions = Question.objects.filter(issue_link__issue=issue, wants_updates=True, consent=True).order_by("pk")
    added = 0
    for question in questions:
        email = valid_email(question.contact)
        if email is None or Follower.objects.filter(issue=issue, email=email).exists():
            continue
        try:
            with transaction.atomic():
                follower = Follower.objects.create(
                    issue=issue,
                    email=email,
                    language=mail_language(question.language or "kk"),
                    question=question,
                    token=new_link_token(),
                    confirmed_at=timezone.now(),
                )
                record_audit(actor=None, action="followup.follower_enrolled", target=follower)
        except IntegrityError:  # enrolled at the same moment by another worker
            continue
        added += 1
        transaction.on_commit(_sender(follower, "enrolled"), robust=True)
    return added


def follow_issue(*, issue: ProblemIssue, email: str, language: str, consent: bool) -> Follower:
    """Ask to follow a public issue: an unconfirmed follower and an e-mail with the confirmation link."""
    if not consent:
        raise DomainError(_("To follow this issue, agree to the processing of your e-mail address."), code="consent")
    if issue.published_at is None:
        raise DomainError(_("This problem issue is not public."), code="not_public")
    address = valid_email(email)
    if address is None:
        raise DomainError(_("Enter a valid e-mail address."), code="email")
    with transaction.atomic():
        follower = Follower.objects.select_for_update().filter(issue=issue, email=address).first()
        if follower is not None and follower.confirmed_at is not None:
            # Already following: say so again by e-mail rather than on the page, which anyone can see.
            transaction.on_commit(_sender(follower, "already"), robust=True)
            return follower
        if follower is None:
            follower = Follower.objects.create(
                issue=issue, email=address, language=mail_language(language), token=new_link_token()
            )
            record_audit(actor=None, action="followup.follow_requested", target=follower)
        else:  # asked again before confirming: a fresh link, the old one stops working
            follower.token = new_link_token()
            follower.language = mail_language(language)
            follower.save(update_fields=["token", "language"])
    transaction.on_commit(_sender(follower, "confirm"), robust=True)
    return follower


def confirm_follow(*, token: str) -> Follower:
    with transaction.atomic():
        follower = Follower.objects.select_for_update().select_related("issue").filter(token=token).first()
        if follower is None:
            raise DomainError(_("This link is no longer valid."), code="token")
        if follower.confirmed_at is None:
            follower.confirmed_at = timezone.now()
            follower.save(update_fields=["confirmed_at"])
            record_audit(actor=None, action="followup.follow_confirmed", target=follower)
    return follower


def unfollow(*, token: str) -> ProblemIssue:
    """Stop following: the row and its address are deleted. Returns the issue that was followed."""
    with transaction.atomic():
        follower = Follower.objects.select_related("issue").filter(token=token).first()
        if follower is None:
            raise DomainError(_("This link is no longer valid."), code="token")
        record_audit(actor=None, action="followup.unfollowed", target=follower)
        issue = follower.issue
        follower.delete()
    return issue


def notify_followers(*, event_id: int) -> int:
    """E-mail each confirmed follower of a public issue about one event of its history; returns how many."""
    event = IssueEvent.objects.select_related("issue", "measure").filter(pk=event_id).first()
    if event is None or event.issue.published_at is None:
        return 0
    followers = Follower.objects.filter(issue=event.issue, confirmed_at__isnull=False).order_by("pk")
    sent = 0
    for follower in followers:
        follower.issue = event.issue
        _send(follower, "event", event=event)
        sent += 1
    return sent


def _absolute(view: str, language: str, **kwargs: object) -> str:
    with translation.override(language):
        return absolute_url(reverse(view, kwargs=kwargs))


_SUBJECTS = {
    "enrolled": _("You now follow the problem issue “{title}”"),
    "confirm": _("Confirm that you want to follow the problem issue “{title}”"),
    "already": _("You already follow the problem issue “{title}”"),
    "event": _("News of the problem issue “{title}”"),
}


def _sender(follower: Follower, purpose: str) -> Callable[[], None]:
    return lambda: _send(follower, purpose)


def _send(follower: Follower, purpose: str, *, event: IssueEvent | None = None) -> None:
    issue = follower.issue
    language = mail_language(follower.language)
    with translation.override(language):
        context = {
            "purpose": purpose,
            "issue": issue,
            "issue_title": issue.title,
            "issue_url": _absolute("portal:issue_detail", language, pk=issue.pk),
            "confirm_url": _absolute("portal:issue_follow_confirm", language, token=follower.token),
            "unfollow_url": _absolute("portal:issue_unfollow", language, token=follower.token),
            "event_text": describe_event(event) if event is not None else "",
            "event": event,
            "site_url": site_url(),
            "LANGUAGE_CODE": language,
        }
        message = EmailMultiAlternatives(
            subject=str(_SUBJECTS[purpose]).format(title=issue.title),
            body=render_to_string("followup/email/follower.txt", context),
            to=[follower.email],
            headers={"List-Unsubscribe": f"<{context['unfollow_url']}>"},
        )
        message.attach_alternative(render_to_string("followup/email/follower.html", context), "text/html")
    message.send()
