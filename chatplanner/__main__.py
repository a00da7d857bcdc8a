"""Entry point: `python -m chatplanner` and the `chatplanner` command."""

from __future__ import annotations

import sys


def main() -> int:
    from chatplanner.cli.main import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
