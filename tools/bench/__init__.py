"""Build-speed benchmark: a content generator and a runner (`make bench`)."""
