"""The roles of the visit world (tests/factories/meetings.py) and what a moderator endpoint answers each."""

ROLES = (
    "anonymous",
    "no_role",
    "ministry_viewer",
    "ministry_editor",
    "ministry_approver",
    "akimat_viewer",
    "akimat_editor",
    "akimat_approver",
    "coordinator",
    "apparatus_oversight",
    "superuser",
)
# Moderators act; those who read the visit without moderating are refused (403); others do not see it (404).
MODERATORS = {
    "anonymous": 403,
    "no_role": 404,
    "ministry_viewer": 403,
    "ministry_editor": 200,
    "ministry_approver": 200,
    "akimat_viewer": 403,
    "akimat_editor": 200,
    "akimat_approver": 200,
    "coordinator": 200,
    "apparatus_oversight": 403,
    "superuser": 200,
}
