"""Server services: plain functions over a session; routers and the admin CLI call them."""
