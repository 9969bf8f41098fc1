"""The extension point through which key rotation finds every sealed value."""

from zope.interface import Interface


class ISealedValues(Interface):
    """A named utility per kind of sealed value a concern keeps (case fields, evidence files, second-factor
    secrets, ...). Key rotation re-seals what these yield under the current key."""

    def sealed_values(portal):
        """Yield ``(token, purpose, replace)`` for every sealed value of this kind in ``portal``;
        ``replace(new_token)`` stores the value re-sealed (same plaintext, same purpose)."""
