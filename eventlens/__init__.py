"""EventLens: find every event photo a guest is in, from one selfie."""

__version__ = "0.1.0"
