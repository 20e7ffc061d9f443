"""Watching a folder that tethering software writes into (`eventlens watch`)."""
