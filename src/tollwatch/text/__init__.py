"""Text utilities: sentence and paragraph segmentation with offsets."""
