"""Checks of the built site as browsers, validators and crawlers see it."""
