"""Trading with other tools: import peers' files, export to Anki and QTI."""
