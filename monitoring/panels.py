"""Sections that apps above monitoring add to a user's home page. Monitoring may not import them (the house
plan's layers), so each registers a function from its AppConfig.ready(): given the user, it returns the
context of its template, or None when it has nothing to show that user."""

_home_panels = []


def home_panel(template):
    def register(function):
        _home_panels.append((template, function))
        return function

    return register


def home_panels(user):
    shown = []
    for template, function in _home_panels:
        context = function(user)
        if context:
            shown.append({"template": template, **context})
    return shown
