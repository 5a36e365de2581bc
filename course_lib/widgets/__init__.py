"""ipywidgets apps, one module per topic; ``base`` holds what they share."""
