"""The one permission vocabulary (S2). Views, the API and domain functions ask these by name.

Roles held in an organisation:
- viewer: reads the organisation's data;
- editor: prepares the organisation's data;
- approver: approves and submits for the organisation (and records what met its obligations);
- coordinator (the authorized body): reads everything, coordinates, keeps the working calendar;
- oversight (Government Apparatus, Presidential Administration, Government): reads everything.
Superusers administer the reference data.
"""

import rules

from kezdesu.organisations.domain.queries.scope import has_role, memberships_of, sees_everything
from kezdesu.organisations.models import Organisation, Role

STAFF_ROLES = (Role.VIEWER, Role.EDITOR, Role.APPROVER, Role.COORDINATOR, Role.OVERSIGHT)


@rules.predicate
def is_staff_member(user: object) -> bool:
    return memberships_of(user).exists() or is_superuser(user)


@rules.predicate
def is_nationwide_reader(user: object) -> bool:
    return sees_everything(user)


@rules.predicate
def is_coordinator(user: object) -> bool:
    return memberships_of(user).filter(role=Role.COORDINATOR).exists()


@rules.predicate
def is_superuser(user: object) -> bool:
    return bool(getattr(user, "is_superuser", False) and getattr(user, "is_active", False))


@rules.predicate
def reads_organisation(user: object, organisation: Organisation | None) -> bool:
    return sees_everything(user) or has_role(user, organisation, STAFF_ROLES)


@rules.predicate
def edits_for_organisation(user: object, organisation: Organisation | None) -> bool:
    return has_role(user, organisation, (Role.EDITOR, Role.APPROVER))


@rules.predicate
def approves_for_organisation(user: object, organisation: Organisation | None) -> bool:
    return has_role(user, organisation, (Role.APPROVER,))


@rules.predicate
def approves_for_government(user: object) -> bool:
    """An approver in the Government or its Apparatus: approves the schedule (G3.1)."""
    return (
        memberships_of(user)
        .filter(
            role=Role.APPROVER,
            organisation__kind__in=(Organisation.Kind.GOVERNMENT, Organisation.Kind.GOVERNMENT_APPARATUS),
        )
        .exists()
    )


@rules.predicate
def acts_for_government(user: object, organisation: Organisation | None) -> bool:
    """The Apparatus's approvers record what the Government itself owes (its approval of the schedule)."""
    is_government = organisation is not None and organisation.kind == Organisation.Kind.GOVERNMENT
    return is_government and approves_for_government(user)


# The back office and the obligations of one's own organisation.
rules.add_perm("office.access", is_staff_member)
rules.add_perm("organisations.view_organisation_data", reads_organisation)
rules.add_perm("organisations.edit_organisation_data", edits_for_organisation | is_superuser)
# Recording what met an obligation: the debtor's approver (the Apparatus's for the Government), or the
# authorized body's coordinator.
rules.add_perm(
    "regulations.record_fulfilment",
    approves_for_organisation | acts_for_government | is_coordinator | is_superuser,
)
# The working-day calendar (transfers of days off, working Saturdays).
rules.add_perm("regulations.manage_calendar", is_coordinator | is_superuser)
# The audit trail: the authorized body and oversight (S3).
rules.add_perm("core.view_audit", is_nationwide_reader)
# Reference data (organisations, positions, regions) is kept by administrators.
rules.add_perm("organisations.manage_reference", is_superuser)


@rules.predicate
def prepares_for_any_party(user: object) -> bool:
    """An editor, approver or coordinator anywhere: may raise a risk flag (R4)."""
    return memberships_of(user).filter(role__in=(Role.EDITOR, Role.APPROVER, Role.COORDINATOR)).exists()


# Planning (issue 3). The object, where there is one, is the organisation acting or concerned.
# Proposals: the ministry's editors prepare them, its approvers submit them (R5, R7, R8).
rules.add_perm("planning.edit_proposal", edits_for_organisation)
rules.add_perm("planning.submit_proposals", approves_for_organisation)
# The akims' systemic problems (R11): the akimat sends them, the competent body answers.
rules.add_perm("planning.edit_systemic_problems", edits_for_organisation)
rules.add_perm("planning.send_systemic_problems", approves_for_organisation)
rules.add_perm("planning.answer_systemic_problem", edits_for_organisation)
# Risk flags (R4, R6): any preparing party raises one; the authorized body decides and sets the deadline.
rules.add_perm("planning.raise_risk_flag", prepares_for_any_party)
rules.add_perm("planning.decide_risk_flag", is_coordinator)
# The draft: compiled and submitted by the authorized body, agreed by each ministry and akimat,
# approved by the Government (G3.1); amendments by the authorized body.
rules.add_perm("planning.compile_draft", is_coordinator)
rules.add_perm("planning.agree_item", edits_for_organisation)
rules.add_perm("planning.submit_schedule", is_coordinator)
rules.add_perm("planning.approve_schedule", approves_for_government)
rules.add_perm("planning.amend_schedule", is_coordinator)
rules.add_perm("planning.set_advisor_weights", is_coordinator)


# Visits (issue 4). The object is the visit: its ministry prepares it, the region's akimat hosts it.
def _akimat_of(visit: object) -> Organisation | None:
    region_id = getattr(visit, "region_id", None)
    if region_id is None:
        return None
    return (
        Organisation.objects.filter(kind=Organisation.Kind.AKIMAT, region_id=region_id, is_active=True)
        .order_by("pk")
        .first()
    )


@rules.predicate
def invited_to_visit(user: object, visit: object) -> bool:
    """The staff of an akimat whose akim is invited to a part of the visit (R17), e.g. a district's."""
    parts = getattr(visit, "parts", None)  # asked about other objects too (e.g. which perms a user holds)
    if parts is None or getattr(visit, "pk", None) is None:
        return False
    invited = parts.values("akim_positions__organisation_id")
    return memberships_of(user).filter(role__in=STAFF_ROLES, organisation_id__in=invited).exists()


@rules.predicate
def reads_visit(user: object, visit: object) -> bool:
    if visit is None:
        return sees_everything(user)
    return (
        sees_everything(user)
        or has_role(user, getattr(visit, "organisation", None), STAFF_ROLES)
        or has_role(user, _akimat_of(visit), STAFF_ROLES)
        or invited_to_visit(user, visit)
    )


@rules.predicate
def prepares_visit(user: object, visit: object) -> bool:
    """The visiting ministry's editors and approvers."""
    return visit is not None and has_role(user, getattr(visit, "organisation", None), (Role.EDITOR, Role.APPROVER))


@rules.predicate
def approves_visit(user: object, visit: object) -> bool:
    return visit is not None and has_role(user, getattr(visit, "organisation", None), (Role.APPROVER,))


@rules.predicate
def hosts_visit(user: object, visit: object) -> bool:
    """The editors and approvers of the akimat of the visited region."""
    return visit is not None and has_role(user, _akimat_of(visit), (Role.EDITOR, Role.APPROVER))


@rules.predicate
def speaks_for_akim(user: object, position: object) -> bool:
    """The editors and approvers of the akim's akimat, or of the region's akimat above a district's or town's."""
    organisation = getattr(position, "organisation", None)
    is_akim = organisation is not None and organisation.kind in (
        Organisation.Kind.AKIMAT,
        Organisation.Kind.DISTRICT_AKIMAT,
    )
    return is_akim and has_role(user, organisation, (Role.EDITOR, Role.APPROVER))


rules.add_perm("meetings.view_visit", reads_visit)
# A visit is prepared from an approved schedule item by the visiting ministry or the authorized body.
rules.add_perm("meetings.create_visit", prepares_visit | is_coordinator)
# The ministry prepares the visit and announces it; the akimat helps with the venue and the akims taking part.
rules.add_perm("meetings.edit_visit", prepares_visit | hosts_visit | is_coordinator)
rules.add_perm("meetings.publish_visit", approves_visit | is_coordinator)
rules.add_perm("meetings.edit_agenda", prepares_visit)
# The population's vote on the date (R9): the ministry offers the options and fixes the date.
rules.add_perm("meetings.manage_date_vote", prepares_visit)
rules.add_perm("meetings.fix_visit_date", approves_visit)
# Personal reception (R16, S4): slots by the ministry; bookings on a citizen's behalf and the personal data
# they hold for the ministry and the akimat that receive the citizens.
rules.add_perm("meetings.manage_reception", prepares_visit | hosts_visit)
rules.add_perm("meetings.view_personal_data", prepares_visit | hosts_visit)
# Publicity and coordination tasks (R12, R13, R18): each party works its own; the authorized body sees all.
rules.add_perm("meetings.work_tasks", prepares_visit | hosts_visit | is_coordinator)
# Questions (R10): imported and moderated by the ministry, the akimat or the authorized body.
rules.add_perm("questions.import_questions", prepares_visit | hosts_visit | is_coordinator)
rules.add_perm("questions.moderate", prepares_visit | hosts_visit | is_coordinator)
rules.add_perm("questions.view_analysis", reads_visit)
# The meeting as it happens (issue 5): the ministry, the akimat and the authorized body run it together.
rules.add_perm("meetings.run_meeting", prepares_visit | hosts_visit | is_coordinator)
# Whether each part of the visit took place (R16), which closes it: the ministry, or the authorized body.
rules.add_perm("meetings.record_part_outcome", prepares_visit | is_coordinator)
# An invited akim takes part or not (R17): answered by the akim's akimat. The object is the akim's post.
rules.add_perm("meetings.answer_akim_invitation", speaks_for_akim)
rules.add_perm("questions.enter_question", prepares_visit | hosts_visit | is_coordinator)


# The follow-up (issue 6). For problem issues and the action plan the object is the visit; for a measure's
# progress, the measure; for the quarterly progress report, the ministry.
# The visiting ministry systematises the problem issues and draws up the plan; the akimat and the
# authorized body help.
rules.add_perm("followup.edit_issues", prepares_visit | hosts_visit | is_coordinator)
rules.add_perm("followup.edit_plan", prepares_visit | hosts_visit | is_coordinator)
# The ten-day publication is the ministry's act (P3.7): its approver publishes.
rules.add_perm("followup.publish_results", approves_visit)


@rules.predicate
def executes_measure(user: object, measure: object) -> bool:
    """The executor body's editors and approvers report on its measure."""
    return measure is not None and has_role(user, getattr(measure, "executor", None), (Role.EDITOR, Role.APPROVER))


@rules.predicate
def prepares_measure_visit(user: object, measure: object) -> bool:
    """The visiting ministry reports for executors without an account (a national holding or company)."""
    issue = getattr(measure, "issue", None)
    return issue is not None and prepares_visit(user, issue.visit)


@rules.predicate
def measure_without_executor_body(measure: object) -> bool:
    return measure is not None and getattr(measure, "executor_id", None) is None


rules.add_perm("followup.report_progress", executes_measure | (prepares_measure_visit & measure_without_executor_body))
# The quarterly progress report (R21): prepared by the ministry's editors, published by its approver.
rules.add_perm("followup.prepare_progress_report", edits_for_organisation)
rules.add_perm("followup.publish_progress_report", approves_for_organisation)


# Reports and oversight (issue 7). For the quarterly information the object is the ministry; for an
# instruction, the instruction (its executor body reports on it).
# Quarterly information (R22): the ministry's editors prepare it, its approver approves and submits it; the
# authorized body reads every ministry's and may return one for correction.
rules.add_perm("reports.view_quarterly_information", reads_organisation)
rules.add_perm("reports.prepare_quarterly_information", edits_for_organisation)
rules.add_perm("reports.approve_quarterly_information", approves_for_organisation)
rules.add_perm("reports.return_quarterly_information", is_coordinator)
# Half-year results (R23): compiled and submitted by the authorized body; the Government's review and its
# instructions are recorded by the Government Apparatus's approvers (P6.1).
rules.add_perm("reports.view_half_year_report", is_nationwide_reader | approves_for_government)
rules.add_perm("reports.prepare_half_year_report", is_coordinator)
rules.add_perm("reports.record_government_review", approves_for_government)


@rules.predicate
def executes_instruction(user: object, instruction: object) -> bool:
    """The executor body's editors and approvers; for the authorized body, its coordinators."""
    assignee = getattr(instruction, "assignee", None)
    if assignee is None:
        return False
    if has_role(user, assignee, (Role.EDITOR, Role.APPROVER)):
        return True
    return bool(getattr(assignee, "is_authorized_body", False)) and has_role(user, assignee, (Role.COORDINATOR,))


rules.add_perm("reports.report_on_instruction", executes_instruction)
# The annual evaluation (R24): criteria, weights and publication by the authorized body; published results
# are public.
rules.add_perm("reports.manage_evaluation", is_coordinator)
# The library of the procedure and methodological recommendations (R25): kept by the authorized body, read
# by everyone.
rules.add_perm("reports.manage_library", is_coordinator)
# Oversight dashboards (R26): the authorized body, the Government Apparatus and the Presidential
# Administration.
rules.add_perm("reports.view_oversight", is_nationwide_reader)
