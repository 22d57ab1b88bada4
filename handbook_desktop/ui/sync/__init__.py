"""What the user sees of sync: the account, sync rounds, their history (the Đồng bộ page)."""
