"""The second-factor secrets for key rotation (``security.encryption``'s ``ISealedValues`` extension point)."""

from coalition.intranet.security.encryption.interfaces import ISealedValues
from coalition.intranet.security.twofactor import store
from zope.interface import implementer


@implementer(ISealedValues)
class TwoFactorSecrets:
    def sealed_values(self, portal):
        for user_id in store.user_ids(portal):
            enrolment = store.get(portal, user_id)

            def replace(token, user_id=user_id):
                store.put(portal, user_id, store.get(portal, user_id).replaced(sealed_secret=token))

            yield enrolment.sealed_secret, f"twofactor-secret:{user_id}", replace
