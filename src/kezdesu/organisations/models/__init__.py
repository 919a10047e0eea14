from kezdesu.organisations.models.geography import District, Region
from kezdesu.organisations.models.organisations import Organisation, Position
from kezdesu.organisations.models.people import Membership, Role, User

__all__ = ["District", "Membership", "Organisation", "Position", "Region", "Role", "User"]
