from kezdesu.organisations.models.geography import District, Region
from kezdesu.organisations.models.organisations import Organisation, OrganisationName, Position
from kezdesu.organisations.models.people import Membership, Role, User

__all__ = ["District", "Membership", "Organisation", "OrganisationName", "Position", "Region", "Role", "User"]
