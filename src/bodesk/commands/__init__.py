"""The headless subcommands of `bodesk`, one module per group. They use the domain and the store,
never the UI."""
