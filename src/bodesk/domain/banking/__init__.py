"""Banking: bank statements read from the files banks export (OFX)."""
