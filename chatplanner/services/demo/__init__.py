"""Sample data for `chatplanner --demo`: a realistic network, venues and chats."""

from chatplanner.services.demo.seed import (
    DEMO_SEED,
    DemoProfileNotEmptyError,
    DemoSummary,
    seed_demo,
)

__all__ = ["DEMO_SEED", "DemoProfileNotEmptyError", "DemoSummary", "seed_demo"]
