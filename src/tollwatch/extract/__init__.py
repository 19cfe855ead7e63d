"""Reading casualty figures: numbers, figures, links between them, and the document toll."""
