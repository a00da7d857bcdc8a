"""The brief's small offline map: the Venues page's map widget, showing base, contact and venue."""

from __future__ import annotations

from chatplanner.domain.brief import BriefMap
from chatplanner.ui.venues.map_view import MapPoint, MapVenue, MapView


def brief_map_view(brief_map: BriefMap) -> MapView:
    view = MapView()
    view.setAccessibleName("Map of your base, the contact and the venue")
    base = brief_map.base
    contact = brief_map.contact
    venue = brief_map.venue
    view.set_places(
        MapPoint(base.latitude, base.longitude, base.label) if base else None,
        MapPoint(contact.latitude, contact.longitude, contact.label) if contact else None,
        [MapVenue(0, 1, venue.label, venue.latitude, venue.longitude)] if venue else [],
    )
    view.set_selected(0 if venue else None)
    return view
