"""The learner's language: translation catalogs per domain, plural rules, the language chosen."""
