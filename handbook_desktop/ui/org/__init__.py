"""The cell itself: the first-start choice, the setup form and Cài đặt → Chi bộ."""
