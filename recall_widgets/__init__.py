"""Flashcards, quizzes and open-recall prompts for Jupyter, authored as YAML."""
