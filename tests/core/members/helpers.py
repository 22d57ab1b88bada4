"""Calling a service as its callers do: each call is one unit of work."""


def act(workspace, service, *args, **kwargs):
    """One user action: `service(uow, ...)` in its own transaction, committed at the end."""
    return workspace.perform(lambda uow: service(uow, *args, **kwargs))
