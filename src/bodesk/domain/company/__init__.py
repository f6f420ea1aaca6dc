"""The company bodesk works for: name, tax id, address, logo, language, currency."""
