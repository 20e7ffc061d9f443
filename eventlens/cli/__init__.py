"""The `eventlens` command line (contract: ../shared/DESIGN.md)."""
