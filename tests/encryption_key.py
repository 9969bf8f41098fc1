"""One encryption key file per test run (security/encryption), in a temporary folder, named in the environment.

Imported by ``tests/__init__.py``, so every test module has it, and every site a test starts in a subprocess
(runwsgi, zconsole) inherits it: the environment variable wins over the key file named in zope.conf.
"""

import atexit
import os
import pathlib
import shutil
import tempfile


def use_a_test_key() -> None:
    if os.environ.get("COALITION_ENCRYPTION_KEY_FILE"):
        return
    from coalition.intranet.security.encryption.keyring import create_key_file

    folder = tempfile.mkdtemp(prefix="coalition-test-key-")
    atexit.register(shutil.rmtree, folder, True)
    key_file = pathlib.Path(folder) / "coalition.key"
    create_key_file(key_file)
    os.environ["COALITION_ENCRYPTION_KEY_FILE"] = str(key_file)
