"""The Biên tập page: an editor composes, publishes, corrects and withdraws items."""
