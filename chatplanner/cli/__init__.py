"""Headless commands. Each module registers its subcommands; all of them call services."""
