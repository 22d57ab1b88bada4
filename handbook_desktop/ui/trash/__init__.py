"""Deleting with confirmation, and Đã xóa: restoring what was deleted in the last 30 days."""
