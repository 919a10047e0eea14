"""Django's own interface strings that Kezdesu translates itself (issue 14).

Django's Kazakh catalogue leaves validators and form errors in English, spells "Жума" and "тандау", and abbreviates
Tuesday as "Сб" (Saturday to a Russian reader). Our catalogues (LOCALE_PATHS) win over Django's, but makemessages
keeps only msgids found in our sources: listing them here keeps our translations of them in the catalogues. Every
msgid and context is exactly Django 5.2's (django/conf/locale, django/contrib/auth/locale); nothing imports this
module at run time.
"""

from django.utils.translation import gettext_noop, ngettext_lazy, pgettext_lazy

# django.core.paginator
PAGINATION = (
    gettext_noop("…"),
    gettext_noop("That page number is not an integer"),
    gettext_noop("That page number is less than 1"),
    gettext_noop("That page contains no results"),
)

# django.core.validators and model field errors
VALIDATION = (
    gettext_noop("Enter a valid value."),
    gettext_noop("Enter a valid domain name."),
    gettext_noop("Enter a valid URL."),
    gettext_noop("Enter a valid integer."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."),
    gettext_noop("Enter a valid “slug” consisting of Unicode letters, numbers, underscores, or hyphens."),
    gettext_noop("Enter a valid %(protocol)s address."),
    gettext_noop("IPv4"),
    gettext_noop("IPv6"),
    gettext_noop("IPv4 or IPv6"),
    gettext_noop("Enter only digits separated by commas."),
    gettext_noop("Ensure this value is %(limit_value)s (it is %(show_value)s)."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is a multiple of step size %(limit_value)s."),
    gettext_noop(
        "Ensure this value is a multiple of step size %(limit_value)s, starting from %(offset)s, e.g. %(offset)s, %(valid_value1)s, %(valid_value2)s, and so on."  # noqa: E501 (Django's msgid, verbatim)
    ),
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        1,
    ),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        1,
    ),
    gettext_noop("Enter a number."),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit in total.",
        "Ensure that there are no more than %(max)s digits in total.",
        1,
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s decimal place.",
        "Ensure that there are no more than %(max)s decimal places.",
        1,
    ),
    ngettext_lazy(
        "Ensure that there are no more than %(max)s digit before the decimal point.",
        "Ensure that there are no more than %(max)s digits before the decimal point.",
        1,
    ),
    gettext_noop("File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s."),
    gettext_noop("Null characters are not allowed."),
    gettext_noop("and"),
    gettext_noop("%(model_name)s with this %(field_labels)s already exists."),
    gettext_noop("Constraint “%(name)s” is violated."),
    gettext_noop("Value %(value)r is not a valid choice."),
    gettext_noop("This field cannot be null."),
    gettext_noop("This field cannot be blank."),
    gettext_noop("%(model_name)s with this %(field_label)s already exists."),
    gettext_noop("%(field_label)s must be unique for %(date_field_label)s %(lookup_type)s."),
    gettext_noop("“%(value)s” value must be either True or False."),
    gettext_noop("“%(value)s” value must be either True, False, or None."),
    gettext_noop("“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format."),
    gettext_noop("“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date."),
    gettext_noop("“%(value)s” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format."),
    gettext_noop(
        "“%(value)s” value has the correct format (YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ]) but it is an invalid date/time."
    ),
    gettext_noop("“%(value)s” value must be a decimal number."),
    gettext_noop("“%(value)s” value has an invalid format. It must be in [DD] [[HH:]MM:]ss[.uuuuuu] format."),
    gettext_noop("“%(value)s” value must be a float."),
    gettext_noop("“%(value)s” value must be an integer."),
    gettext_noop("“%(value)s” value must be either None, True or False."),
    gettext_noop("“%(value)s” value has an invalid format. It must be in HH:MM[:ss[.uuuuuu]] format."),
    gettext_noop("“%(value)s” value has the correct format (HH:MM[:ss[.uuuuuu]]) but it is an invalid time."),
    gettext_noop("“%(value)s” is not a valid UUID."),
    gettext_noop("Value must be valid JSON."),
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),
)

# django.forms: fields, formsets, model forms, widgets
FORMS = (
    gettext_noop("This field is required."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid time."),
    gettext_noop("Enter a valid date/time."),
    gettext_noop("Enter a valid duration."),
    gettext_noop("The number of days must be between {min_days} and {max_days}."),
    gettext_noop("No file was submitted. Check the encoding type on the form."),
    gettext_noop("No file was submitted."),
    gettext_noop("The submitted file is empty."),
    ngettext_lazy(
        "Ensure this filename has at most %(max)d character (it has %(length)d).",
        "Ensure this filename has at most %(max)d characters (it has %(length)d).",
        1,
    ),
    gettext_noop("Please either submit a file or check the clear checkbox, not both."),
    gettext_noop("Upload a valid image. The file you uploaded was either not an image or a corrupted image."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Enter a list of values."),
    gettext_noop("Enter a complete value."),
    gettext_noop("Enter a valid UUID."),
    gettext_noop("Enter a valid JSON."),
    gettext_noop(":"),
    gettext_noop("(Hidden field %(name)s) %(error)s"),
    ngettext_lazy("Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", 1),
    ngettext_lazy("Please submit at least %(num)d form.", "Please submit at least %(num)d forms.", 1),
    gettext_noop("Delete"),
    gettext_noop("Please correct the duplicate data for %(field)s."),
    gettext_noop("Please correct the duplicate data for %(field)s, which must be unique."),
    gettext_noop(
        "Please correct the duplicate data for %(field_name)s which must be unique for the %(lookup)s in %(date_field)s."  # noqa: E501 (Django's msgid, verbatim)
    ),
    gettext_noop("Please correct the duplicate values below."),
    gettext_noop("The inline value did not match the parent instance."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    gettext_noop("“%(pk)s” is not a valid value."),
    gettext_noop(
        "%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it may be ambiguous or it may not exist."  # noqa: E501 (Django's msgid, verbatim)
    ),
    gettext_noop("Clear"),
    gettext_noop("Currently"),
    gettext_noop("Unknown"),
    gettext_noop("Yes"),
    gettext_noop("No"),
)

# template filters: yesno, filesizeformat
FILTERS = (
    gettext_noop("yes,no,maybe"),
    ngettext_lazy("%(size)d byte", "%(size)d bytes", 1),
    gettext_noop("%s KB"),
    gettext_noop("%s MB"),
    gettext_noop("%s GB"),
    gettext_noop("%s TB"),
    gettext_noop("%s PB"),
)

# django.utils.dateformat and django.utils.dates: weekdays, months ("alt. month" is the "E" format)
DATES = (
    gettext_noop("p.m."),
    gettext_noop("a.m."),
    gettext_noop("PM"),
    gettext_noop("AM"),
    gettext_noop("midnight"),
    gettext_noop("noon"),
    gettext_noop("Monday"),
    gettext_noop("Tuesday"),
    gettext_noop("Wednesday"),
    gettext_noop("Thursday"),
    gettext_noop("Friday"),
    gettext_noop("Saturday"),
    gettext_noop("Sunday"),
    gettext_noop("Mon"),
    gettext_noop("Tue"),
    gettext_noop("Wed"),
    gettext_noop("Thu"),
    gettext_noop("Fri"),
    gettext_noop("Sat"),
    gettext_noop("Sun"),
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
    gettext_noop("jan"),
    gettext_noop("feb"),
    gettext_noop("mar"),
    gettext_noop("apr"),
    gettext_noop("may"),
    gettext_noop("jun"),
    gettext_noop("jul"),
    gettext_noop("aug"),
    gettext_noop("sep"),
    gettext_noop("oct"),
    gettext_noop("nov"),
    gettext_noop("dec"),
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."),
    pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."),
    pgettext_lazy("abbrev. month", "Dec."),
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)

# django.utils.text and django.utils.timesince
TEXT_AND_DURATIONS = (
    pgettext_lazy("String to return when truncating text", "%(truncated_text)s…"),
    gettext_noop("or"),
    gettext_noop(", "),
    ngettext_lazy("%(num)d year", "%(num)d years", 1),
    ngettext_lazy("%(num)d month", "%(num)d months", 1),
    ngettext_lazy("%(num)d week", "%(num)d weeks", 1),
    ngettext_lazy("%(num)d day", "%(num)d days", 1),
    ngettext_lazy("%(num)d hour", "%(num)d hours", 1),
    ngettext_lazy("%(num)d minute", "%(num)d minutes", 1),
)

# django.contrib.auth: the office's sign-in form and password validation
SIGN_IN_AND_PASSWORDS = (
    gettext_noop("Please enter a correct %(username)s and password. Note that both fields may be case-sensitive."),
    gettext_noop("This account is inactive."),
    gettext_noop("username"),
    gettext_noop("Password"),
    gettext_noop("Password confirmation"),
    gettext_noop("Enter the same password as before, for verification."),
    gettext_noop("The two password fields didn’t match."),
    gettext_noop("Old password"),
    gettext_noop("New password"),
    gettext_noop("New password confirmation"),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        1,
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        1,
    ),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("This password is too common."),
    gettext_noop("Your password can’t be a commonly used password."),
    gettext_noop("This password is entirely numeric."),
    gettext_noop("Your password can’t be entirely numeric."),
)
