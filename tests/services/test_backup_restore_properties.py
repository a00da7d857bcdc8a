"""Restoring any file gives a restored profile or the restore's own clear error."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from chatplanner.services.backup import BackupError
from chatplanner.services.workspace import Workspace
from tests.profiles import ProfileTemplates

_json_like = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=60, deadline=None)
@given(
    data=st.binary(max_size=600)
    | st.text(max_size=600).map(str.encode)
    | _json_like.map(lambda v: json.dumps(v).encode())
)
def test_restoring_any_file_refuses_with_the_restore_error_and_changes_nothing(
    profile_templates: ProfileTemplates, data: bytes
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "any.json"
        path.write_bytes(data)
        profile = profile_templates.copy_to(Path(folder) / "p")
        with Workspace.open(profile) as workspace:
            try:
                workspace.backup.restore_from(path)
            except BackupError as error:
                assert str(error)
            assert workspace.overview.overview().is_empty
