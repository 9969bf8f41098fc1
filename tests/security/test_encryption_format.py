"""The sealed format and the keyring (security/encryption): real AES-256-GCM, real key files, no mocks."""

from coalition.intranet.security.encryption import api
from coalition.intranet.security.encryption import keyring
from coalition.intranet.security.encryption.envelope import seal_with
from coalition.intranet.security.encryption.envelope import unseal_with
import json
import os
import pathlib
import shutil
import stat
import tempfile
import unittest


class KeyFileCase(unittest.TestCase):
    """Each test gets its own key file, named in the environment as a deployment names it."""

    def setUp(self):
        self.folder = pathlib.Path(tempfile.mkdtemp(prefix="coalition-key-test-"))
        self.addCleanup(shutil.rmtree, self.folder, True)
        self.key_file = self.folder / "keys" / "site.key"
        previous = os.environ.get(keyring.ENVIRONMENT_VARIABLE)
        self.addCleanup(self.restore_environment, previous)
        os.environ[keyring.ENVIRONMENT_VARIABLE] = str(self.key_file)

    @staticmethod
    def restore_environment(previous):
        if previous is None:
            os.environ.pop(keyring.ENVIRONMENT_VARIABLE, None)
        else:
            os.environ[keyring.ENVIRONMENT_VARIABLE] = previous


class TestKeyFile(KeyFileCase):
    def test_created_key_file_is_private_and_a_keyring(self):
        self.assertTrue(keyring.create_key_file(self.key_file))
        self.assertEqual(stat.S_IMODE(self.key_file.stat().st_mode), 0o600)
        data = json.loads(self.key_file.read_text())
        self.assertEqual(list(data["keys"]), [data["current"]])
        # A second call never replaces an existing key.
        before = self.key_file.read_bytes()
        self.assertFalse(keyring.create_key_file(self.key_file))
        self.assertEqual(self.key_file.read_bytes(), before)

    def test_missing_key_file_is_a_clear_error(self):
        with self.assertRaises(api.KeyFileMissing) as raised:
            api.seal(b"x", "test")
        self.assertIn(str(self.key_file), str(raised.exception))
        self.assertIn("COALITION_ENCRYPTION_KEY_FILE", str(raised.exception))

    def test_no_key_file_configured_is_a_clear_error(self):
        os.environ.pop(keyring.ENVIRONMENT_VARIABLE)
        with self.assertRaises(api.KeyFileMissing) as raised:
            api.seal(b"x", "test")
        self.assertIn("No encryption key file is configured", str(raised.exception))

    def test_damaged_key_file_is_a_clear_error(self):
        self.key_file.parent.mkdir()
        for content in ("not json", '{"format": 1, "current": "a", "keys": {"a": "c2hvcnQ="}}', "{}"):
            self.key_file.write_text(content)
            with self.assertRaises(api.KeyFileInvalid) as raised:
                api.seal(b"x", "test")
            self.assertIn(str(self.key_file), str(raised.exception))

    def test_unreadable_key_file_is_a_clear_error(self):
        # A path that cannot be read as a file for whoever runs the tests (root reads a file of any mode).
        self.key_file.mkdir(parents=True)
        with self.assertRaises(api.KeyFileMissing) as raised:
            api.seal(b"x", "test")
        self.assertIn("cannot be read", str(raised.exception))


class TestSealedFormat(KeyFileCase):
    def setUp(self):
        super().setUp()
        keyring.create_key_file(self.key_file)

    def test_round_trip_and_no_plaintext_in_the_token(self):
        plaintext = "Адвокат Иванова, +7 900 000-00-00 marker-round-trip".encode()
        token = api.seal(plaintext, "casefile:abc:lawyer_contacts")
        self.assertTrue(api.is_sealed(token))
        self.assertNotIn(b"marker-round-trip", token)
        self.assertEqual(api.unseal(token, "casefile:abc:lawyer_contacts"), plaintext)
        self.assertEqual(api.unseal_text(api.seal_text("текст", "t"), "t"), "текст")
        self.assertEqual(api.unseal(api.seal(b"", "empty"), "empty"), b"")

    def test_same_plaintext_seals_differently_each_time(self):
        self.assertNotEqual(api.seal(b"same", "p"), api.seal(b"same", "p"))

    def test_each_changed_byte_is_refused(self):
        token = api.seal(b"tamper me", "p")
        for position in range(len(token)):
            damaged = bytearray(token)
            damaged[position] ^= 0x01
            with self.subTest(position=position), self.assertRaises(api.EncryptionError):
                api.unseal(bytes(damaged), "p")
        with self.assertRaises(api.TamperedValue):
            api.unseal(token[:-1], "p")
        with self.assertRaises(api.TamperedValue):
            api.unseal(b"plain text, never sealed", "p")

    def test_value_moved_to_another_field_or_person_is_refused(self):
        token = api.seal(b"address", "casefile:person-a:home_address")
        for purpose in ("casefile:person-a:health_notes", "casefile:person-b:home_address", "twofactor-secret"):
            with self.subTest(purpose=purpose), self.assertRaises(api.TamperedValue):
                api.unseal(token, purpose)

    def test_wrong_key_with_the_same_id_is_refused(self):
        token = api.seal(b"secret", "p")
        ring = keyring.read_keyring(self.key_file)
        impostor = keyring.Keyring(ring.current, {ring.current: os.urandom(32)})
        with self.assertRaises(api.TamperedValue):
            unseal_with(impostor, token, "p")

    def test_unknown_key_id_names_the_key_and_the_fix(self):
        other = keyring.Keyring("other-key", {"other-key": os.urandom(32)})
        token = seal_with(other, b"secret", "p")
        with self.assertRaises(api.UnknownKey) as raised:
            api.unseal(token, "p")
        self.assertIn("other-key", str(raised.exception))
        self.assertIn("key-file", str(raised.exception))

    def test_rotation_with_two_keys(self):
        old_token = api.seal(b"before rotation", "p")
        old_id = api.key_id_of(old_token)
        new_id = keyring.add_new_current_key(self.key_file)
        self.assertNotEqual(old_id, new_id)
        self.assertEqual(api.current_key_id(), new_id)
        # The old key still opens what it sealed; new values use the new key.
        self.assertEqual(api.unseal(old_token, "p"), b"before rotation")
        self.assertEqual(api.key_id_of(api.seal(b"x", "p")), new_id)
        new_token = api.reseal(old_token, "p")
        self.assertEqual(api.key_id_of(new_token), new_id)
        self.assertIs(api.reseal(new_token, "p"), new_token)
        self.assertEqual(keyring.retire_keys(self.key_file, keep=set()), [old_id])
        self.assertEqual(stat.S_IMODE(self.key_file.stat().st_mode), 0o600)
        self.assertEqual(api.unseal(new_token, "p"), b"before rotation")
        with self.assertRaises(api.UnknownKey):
            api.unseal(old_token, "p")
