"""The class pulse: a service the learners' widgets report to, and the instructor's live page."""
