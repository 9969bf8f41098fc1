from coalition.intranet import _
from zope import schema
from zope.interface import Interface


class ITwoFactorSettings(Interface):
    """Who must log in with a second factor (registry prefix ``coalition.twofactor``).

    Whoever has switched the second factor on needs it at every login, required or not.
    """

    required_groups = schema.List(
        title=_("Groups whose members must use two-step login"),
        value_type=schema.TextLine(),
        default=["list-commission", "coordinators"],
        required=False,
    )
    require_organisation_admins = schema.Bool(
        title=_("Organisation admins must use two-step login"),
        description=_("Everyone with the Admin role on a member organisation's roster."),
        default=True,
        required=False,
    )
    require_roster_members = schema.Bool(
        title=_("Everyone who can open case files must use two-step login"),
        description=_("Every person on the roster of a member organisation (admins, members and guests)."),
        default=False,
        required=False,
    )
