"""Entry point: `python -m chatplanner` and the `chatplanner` command."""

from __future__ import annotations

import sys


def main() -> int:
    from chatplanner.collection import pause_for_start_up

    pause_for_start_up()  # ended by the command line once it knows what runs (cli.main)
    from chatplanner.cli.main import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
