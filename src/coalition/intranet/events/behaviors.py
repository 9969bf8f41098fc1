"""The coalition's details of a public ``Event`` (behavior ``coalition.public_event``).

The facts (kind, place, organisers, linked prisoners and campaigns, places) are the same in every
language (plone.app.multilingual copies language-independent fields to the translations); the
accessibility notes and the report of a past event are written per language. Nothing here names a
member or a registrant: registrations are kept apart (``registration.py``), never as fields.
"""

from coalition.intranet import _
from coalition.intranet.events.interfaces import IPublicEvent
from plone.app.multilingual.dx import directives as multilingual
from plone.app.textfield import RichText
from plone.autoform import directives as form
from plone.autoform.interfaces import IFormFieldProvider
from plone.supermodel import model
from z3c.form.browser.checkbox import CheckBoxFieldWidget
from zope import schema
from zope.interface import provider


@provider(IFormFieldProvider)
class IPublicEventDetails(model.Schema, IPublicEvent):
    """Public facts of an event beyond plone.app.event's dates and location."""

    model.fieldset(
        "coalition_event",
        label=_("fieldset_event_details", default="Event details"),
        fields=[
            "event_kind",
            "venue",
            "city",
            "country",
            "online_link",
            "organisers",
            "accessibility",
            "prisoners",
            "campaigns",
            "capacity",
            "report",
        ],
    )

    event_kind = schema.Choice(
        title=_("label_event_kind", default="Kind of event"), vocabulary="coalition.events.Kinds", required=False
    )
    venue = schema.TextLine(title=_("label_event_venue", default="Venue"), required=False)
    city = schema.TextLine(title=_("label_event_city", default="City"), required=False)
    country = schema.Choice(
        title=_("label_event_country", default="Country"), vocabulary="coalition.events.Countries", required=False
    )
    online_link = schema.URI(title=_("label_event_online_link", default="Online link"), required=False)
    organisers = schema.List(
        title=_("label_event_organisers", default="Organised by"),
        value_type=schema.Choice(vocabulary="coalition.events.Organisations"),
        required=False,
        default=[],
    )
    form.widget("organisers", CheckBoxFieldWidget)
    accessibility = schema.Text(title=_("label_event_accessibility", default="Accessibility"), required=False)
    prisoners = schema.List(
        title=_("label_event_prisoners", default="Political prisoners the event supports"),
        value_type=schema.Choice(vocabulary="coalition.events.LivePrisoners"),
        required=False,
        default=[],
    )
    form.widget("prisoners", CheckBoxFieldWidget)
    campaigns = schema.List(
        title=_("label_event_campaigns", default="Campaigns"),
        value_type=schema.Choice(vocabulary="coalition.events.Campaigns"),
        required=False,
        default=[],
    )
    form.widget("campaigns", CheckBoxFieldWidget)
    capacity = schema.Int(
        title=_("label_event_capacity", default="Places"),
        description=_(
            "help_event_capacity_public",
            default="Leave empty when visitors need not register; with a number they register on the page.",
        ),
        required=False,
        min=1,
        max=100000,
    )
    report = RichText(
        title=_("label_event_report", default="Report"),
        description=_("help_event_report", default="After the event: a short report with photos."),
        required=False,
    )

    multilingual.languageindependent(
        "event_kind", "venue", "city", "country", "online_link", "organisers", "prisoners", "campaigns", "capacity"
    )
