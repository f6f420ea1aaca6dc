"""Users, roles and permissions, login, and the audit log."""
