"""The embedded AWS emulator (moto server) and what the ``local`` environment substitutes for it."""
