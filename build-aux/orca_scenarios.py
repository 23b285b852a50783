# Scenarios of build-aux/orca-test: what a blind clerk does, and what Orca
# must say meanwhile.
import re


# Orca 43 says "push button", later ones "button".
ROLE = (r"(push button|button|toggle button|text|password text|radio button|check box|combo box|"
        r"link|spin button|switch|menu button|menu item|page tab|list item)\b")


END = ROLE + r"|\bnot selected\b"


def focus(s, keys, what, expect=None):
    """Presses KEYS, awaits what Orca says of the new focus (an utterance
    naming a role), checks it, and returns all said since the keys."""
    s.key(*keys)
    utterances = s.wait_say(what, END)
    while expect and not re.search(expect, " ".join(utterances)):
        utterances += s.wait_say(what + " (" + expect + ")", END)
    # Each utterance on its own: Orca saying "Text unselected." on two
    # events is not a name said twice.
    s.check_clean(utterances, what)
    return " ".join(utterances)


def start(s, desk=""):
    s.start_app("desk-country='nl'\n" + desk)
    s.start_orca()
    focus(s, ["alt+Tab"], "the window", r"")


def scenario_checks(s):
    start(s)

    # Welcome: one Tab stop per choice, information rows are none, no type
    # names. Around once, from Next back to Next.
    stops = []
    for _ in range(25):
        said = focus(s, ["Tab"], "Tab on the welcome page")
        stops.append(said)
        if re.search(r"\bNext (push )?button", said):
            break
    joined = " / ".join(stops)
    s.expect(not re.search(r"Identity Document.*not selected", joined),
             "welcome: the information rows are Tab stops: " + joined)
    s.expect(len([x for x in stops if "New Applicant" in x]) == 1,
             "welcome: New Applicant is not one Tab stop: " + joined)

    # Leaving practice mode asks first.
    for _ in range(25):
        said = focus(s, ["Tab"], "Tab to Leave Practice Mode")
        if "Leave Practice Mode" in said:
            break
    s.key("space")
    said = " ".join(s.wait_say("Space on Leave Practice Mode", r"practice"))
    s.expect(re.search(r"dialog|alert", said, re.I) is not None,
             "Leave Practice Mode does not ask first: " + said)
    s.key("Escape")
    s.wait_say("Escape on the question", r"Leave Practice Mode push button|" + ROLE)

    # Step 2: the step is spoken, the first field has the focus and speaks
    # its name.
    said = focus(s, ["alt+Right"], "Alt+Right to the Applicant step", r"First Name")
    s.expect(re.search(r"Step 2 of 8: Applicant", said) is not None,
             "page change: the step is not spoken: " + said)
    s.type("Anna")
    focus(s, ["Tab"], "Tab to Last Name", r"Last Name")
    s.type("Jansen")
    focus(s, ["Tab"], "Tab to Email", r"Email Address")
    s.type("anna@")
    said = focus(s, ["Tab"], "Tab from a wrong email", r"Telephone Number")
    if not re.search(r"name@example\.com", said):
        said += " ".join(s.wait_say("the email message", r"name@example\.com"))
    # Back: the field speaks its name, value and message.
    said = focus(s, ["shift+Tab"], "Shift+Tab to the wrong email", r"Email Address")
    said += " ".join(s.wait_say("the email's value", r"anna@"))
    if not re.search(r"name@example\.com", said):
        said += " ".join(s.wait_say("the email's message with the field", r"name@example\.com"))
    s.key("ctrl+a")
    s.type("anna@example.nl")
    focus(s, ["Tab"], "Tab to Telephone", r"Telephone Number")
    s.type("+31 20 123 4567")
    said = focus(s, ["Tab"], "Tab to Country", r"Country")
    if "Netherlands" not in said:
        said += " ".join(s.wait_say("the country's value", r"Netherlands|" + END))
    s.expect("Netherlands" in said, "the country picker does not speak its value: " + said)
    focus(s, ["Tab"], "Tab to City", r"City")
    s.type("Utrecht")
    focus(s, ["Tab"], "Tab to Postal Code", r"Postal Code")
    s.type("12")
    said = focus(s, ["shift+Tab"], "Shift+Tab from a wrong postal code", r"City")
    if not re.search(r"Postal Code:", said, re.I):
        said += " ".join(s.wait_say("the postal code message", r"Postal Code: "))
    focus(s, ["Tab"], "Tab to Postal Code", r"Postal Code")
    s.key("ctrl+a")
    s.type("3511 AB")

    # Step 3: the first field has the focus, with its value.
    said = focus(s, ["alt+Right"], "Alt+Right to the Certificate step", r"Signature Hash")
    s.expect(re.search(r"Step 3 of 8: Certificate", said) is not None,
             "page change: the step is not spoken: " + said)
    said += " ".join(s.wait_say("the hash's value", r"SHA-256"))
