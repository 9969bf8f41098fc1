"""The public pages of a campaign: the campaign itself, signing, the thank-you page, the mailed links.

The campaign page shows only public facts and the whitelisted copies of approved supporters
(``signatures.py``); it has no per-user content, so proxies may cache it. Signing is its own page
(``@@sign``): the form carries the CSRF authenticator and the honeypot, and nothing is stored unless every
check passes. The mailed links open a page with a button: mail scanners that open links confirm nothing.
"""

from coalition.intranet import _
from coalition.intranet.campaigns import api as campaigns
from coalition.intranet.campaigns.prisoners import linked_prisoners
from coalition.intranet.campaigns.supporters import campaign_language
from coalition.intranet.campaigns.supporters import CONFIRM_PURPOSE
from coalition.intranet.campaigns.supporters import supporter_of_token
from coalition.intranet.campaigns.supporters import WITHDRAW_PURPOSE
from coalition.intranet.campaigns.vocabularies import country_items
from coalition.intranet.campaigns.vocabularies import country_name
from coalition.intranet.campaigns.vocabularies import ROLE_PLURALS
from coalition.intranet.campaigns.vocabularies import SUPPORTER_ROLES
from coalition.intranet.errors import CoalitionError
from coalition.intranet.errors import error_texts
from coalition.intranet.notifications.api import MailNotConfigured
from coalition.intranet.public.facts import format_date
from coalition.intranet.signups import api as signups
from plone.memoize.view import memoize
from Products.Five.browser import BrowserView
import transaction
from urllib.parse import quote
from urllib.parse import urlencode
from zope.i18n import translate


SIGN_FORM = "campaign-sign"
LINK_FORM = "campaign-signature-link"
# Shown names per page of the supporters' list.
NAMES_SHOWN = 200


class CampaignPage(BrowserView):
    """What every page of a campaign knows: its language, its numbers."""

    def __call__(self):
        # A campaign's pages are for one task each: no portlets beside them (a phone would show them first).
        self.request.set("disable_plone.leftcolumn", True)
        self.request.set("disable_plone.rightcolumn", True)
        return self.index()

    @memoize
    def language(self) -> str:
        return campaign_language(self.context)

    @memoize
    def summary(self):
        return campaigns.summary(self.context)

    def date(self, value) -> str:
        return format_date(value, self.language())

    def count_text(self) -> str:
        summary = self.summary()
        if summary.target:
            message = _(
                "campaign_count_of_target",
                default="${count} of ${target} supporters",
                mapping={"count": summary.count, "target": summary.target},
            )
        else:
            message = _("campaign_count", default="${count} supporters", mapping={"count": summary.count})
        return translate(message, context=self.request)


class CampaignView(CampaignPage):
    """The campaign page: appeal, prisoners, what you can do, who signed."""

    def text(self) -> str:
        text = getattr(self.context, "text", None)
        return text.output_relative_to(self.context) if text else ""

    def image_tag(self) -> str:
        if not getattr(self.context, "image", None):
            return ""
        images = self.context.restrictedTraverse("@@images")
        tag = images.tag("image", scale="large", css_class="img-fluid rounded coalition-campaign-image", alt="")
        return tag or ""

    @memoize
    def prisoners(self):
        return linked_prisoners(self.context, self.language())

    def letter(self) -> dict | None:
        template = (self.context.letter_template or "").strip()
        if not template:
            return None
        return {
            "recipient": self.context.letter_recipient or "",
            "address": [line for line in (self.context.letter_address or "").splitlines() if line.strip()],
            "template": template,
        }

    def share_links(self) -> list[dict]:
        """Plain links to share the page (no third-party script is loaded)."""
        url = self.context.absolute_url()
        text = self.context.Title()
        return [
            {"title": "E-mail", "url": f"mailto:?{urlencode({'subject': text, 'body': url}, quote_via=quote)}"},
            {"title": "Mastodon", "url": f"https://mastodonshare.com/?{urlencode({'text': text, 'url': url})}"},
            {"title": "Bluesky", "url": f"https://bsky.app/intent/compose?{urlencode({'text': f'{text} {url}'})}"},
            {"title": "Facebook", "url": f"https://www.facebook.com/sharer/sharer.php?{urlencode({'u': url})}"},
            {"title": "Telegram", "url": f"https://t.me/share/url?{urlencode({'url': url, 'text': text})}"},
        ]

    @memoize
    def signatures(self):
        return campaigns.public_signatures(self.context)

    def role_counts(self) -> list[dict]:
        counts = campaigns.counts_by(self.context, "role")
        return [
            {"role": value, "label": ROLE_PLURALS[value], "count": counts[value]}
            for value, _title in SUPPORTER_ROLES
            if counts.get(value)
        ]

    def country_counts(self) -> list[dict]:
        counts = campaigns.counts_by(self.context, "country")
        rows = [{"code": code, "name": country_name(code, self.language()), "count": n} for code, n in counts.items()]
        return sorted(rows, key=lambda row: (-row["count"], row["name"]))

    def named_by_role(self) -> list[dict]:
        """Supporters who allowed their name, grouped by role (a role or country filter from the query)."""
        role = self.request.form.get("role")
        country = self.request.form.get("country")
        groups = []
        for value, _title in SUPPORTER_ROLES:
            if role and role != value:
                continue
            names = [
                {
                    "name": signature.name,
                    "organisation": signature.organisation,
                    "country": country_name(signature.country, self.language()),
                }
                for signature in self.signatures()
                if signature.name and signature.role == value and (not country or signature.country == country)
            ]
            if names:
                groups.append({"role": value, "label": ROLE_PLURALS[value], "names": names[:NAMES_SHOWN]})
        return groups

    def unnamed_count(self) -> int:
        return sum(1 for signature in self.signatures() if not signature.name)

    def filter_url(self, **parameters) -> str:
        query = urlencode({key: value for key, value in parameters.items() if value})
        return f"{self.context.absolute_url()}{'?' + query if query else ''}#supporters"


class SignView(CampaignPage):
    """The sign-up form (GET) and its processing (POST)."""

    errors: list = ()

    def __call__(self):
        self.errors = []
        if self.request.get("REQUEST_METHOD", "GET").upper() == "POST" and self.process():
            self.request.response.redirect(f"{self.context.absolute_url()}/@@signed")
            return ""
        return super().__call__()

    def process(self) -> bool:
        savepoint = transaction.savepoint()
        try:
            signups.check_public_post(self.request, SIGN_FORM)
            campaigns.sign_up(self.context, self.request.form)
        except CoalitionError as error:
            savepoint.rollback()
            self.errors = error_texts(self.request, error)
            return False
        except MailNotConfigured:
            savepoint.rollback()
            self.errors = [
                translate(
                    _("signup_error_no_mail", default="Signing is not possible at the moment. Please try again later."),
                    context=self.request,
                )
            ]
            return False
        return True

    def value(self, name: str) -> str:
        return self.request.form.get(name, "") if self.errors else ""

    def show_name_checked(self) -> bool:
        return bool(self.request.form.get("show_name")) if self.errors else True

    def roles(self):
        return SUPPORTER_ROLES

    def countries(self):
        return country_items(self.language())


class SignedView(CampaignPage):
    """After signing: check your mailbox."""


class SignatureLinkView(CampaignPage):
    """A mailed link: GET shows a button, POST acts. Bad, expired or used links get a clear message."""

    purpose = ""
    done = False
    errors: list = ()
    note = ""

    def __call__(self):
        self.errors = []
        self.token = self.request.form.get("token", "")
        try:
            supporter_of_token(self.purpose, self.token)
            if self.request.get("REQUEST_METHOD", "GET").upper() == "POST":
                signups.check_public_post(self.request, LINK_FORM, limit=30)
                self.act()
                self.done = True
        except CoalitionError as error:
            self.errors = error_texts(self.request, error)
        return super().__call__()

    def act(self) -> None:
        raise AssertionError("subclasses act")


class ConfirmView(SignatureLinkView):
    purpose = CONFIRM_PURPOSE
    heading = _("confirm_signature_heading", default="Confirm your signature")
    explanation = _(
        "confirm_signature_explanation",
        default="Press the button to confirm that you signed this campaign. Editors then check the signature "
        "before it is counted.",
    )
    button = _("button_confirm_signature", default="Confirm my signature")

    def act(self) -> None:
        _supporter, before = campaigns.confirm(self.token)
        self.note = (
            _("confirm_signature_again", default="Your signature was already confirmed. Thank you!")
            if before
            else _(
                "confirm_signature_done",
                default="Thank you! Your signature is confirmed. It will be counted once our editors have checked it.",
            )
        )


class WithdrawView(SignatureLinkView):
    purpose = WITHDRAW_PURPOSE
    heading = _("withdraw_signature_heading", default="Withdraw your signature")
    explanation = _(
        "withdraw_signature_explanation",
        default="Press the button to withdraw your signature. Your name and address are deleted; the "
        "campaign no longer counts you.",
    )
    button = _("button_withdraw_signature", default="Withdraw my signature")

    def act(self) -> None:
        campaigns.withdraw(self.token)
        self.note = _("withdraw_signature_done", default="Your signature has been withdrawn and your data deleted.")
