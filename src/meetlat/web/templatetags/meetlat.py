"""``{% t "English text" name=value %}``: Meetlat's gettext in templates (web.po)."""

from django import template

from meetlat.i18n import _, ngettext

register = template.Library()


@register.simple_tag
def t(message: str, **values) -> str:
    text = _(message)
    return text.format(**values) if values else text


@register.simple_tag
def tn(singular: str, plural: str, count: int, **values) -> str:
    return ngettext(singular, plural, count).format(count=count, **values)
