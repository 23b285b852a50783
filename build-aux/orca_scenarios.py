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
    # Only what is said after the keys: an utterance from before them
    # (Orca presents the window when it starts) is no answer, and keys
    # pressed before Orca has spoken of the last focus make it skip that
    # focus and, back where it was, say nothing.
    check_rest(s, what)
    s.pos = len(s.lines())
    s.key(*keys)
    # Orca 48 may say the context's role first ("combo box collapsed")
    # and the focused button's name without one ("Country, Netherlands").
    until = END if not expect else r"(?:%s)|(?:%s)" % (END, expect)
    utterances = s.wait_say(what, until)
    while expect and not re.search(expect, " ".join(utterances)):
        utterances += s.wait_say(what + " (" + expect + ")", until)
    # Each utterance on its own: Orca saying "Text unselected." on two
    # events is not a name said twice.
    s.check_clean(utterances, what)
    return " ".join(utterances)


def check_rest(s, what):
    """Checks all said since the last check, awaited or not (no type
    names, no name twice, no underscores)."""
    ls = s.lines()
    said = [l for l in ls[getattr(s, "checked", 0):] if not l.startswith("# ")]
    s.checked = len(ls)
    s.check_clean(said, "before " + what)


# The desk defaults of a registration desk: Netherlands, standard
# shipping, the account balance, three years.
DESK = ("desk-country='nl'\ndesk-ship-method='STANDARD'\ndesk-payment-method='balance'\n"
        "desk-validity-years=uint32 3\n")


def start(s):
    s.start_app(DESK)
    s.start_orca()
    # Focus moves Orca cannot pass over. It was silent once in four runs
    # after Alt+Tab: it had presented the window as it started, the keys
    # left the focus where it was, and the first utterance awaited was one
    # from before the keys.
    # The window starts with the focus on Next: Tab goes to the token
    # button next to it, and back.
    said = focus(s, ["Tab"], "Tab in the window", r"Signing Tokens|Main Menu")
    s.expect(re.search(r"Signing Tokens", said) is not None,
             "the window did not start with the focus on Next: Tab said " + said)
    focus(s, ["shift+Tab"], "back to Next", r"\bNext\b")


def bare_roles(s, since):
    """The utterances since SINCE that are a container's role alone, with
    no name: "grouping", "panel", "form"."""
    return [u for u in s.spoken_since(since) if re.fullmatch(r"(grouping|panel|form)\.?", u.strip())]


def said_too(s, said, what, pattern):
    """SAID, and what Orca says next up to PATTERN if SAID lacks it."""
    if re.search(pattern, said):
        return said
    more = s.wait_say(what, pattern)
    s.check_clean(more, what)
    return said + " " + " ".join(more)


def step(s, keys, n, title, first, what):
    """KEYS go to step N: Orca says "Step N of 8: TITLE" and the name of
    the first field, FIRST, which has the focus."""
    said = focus(s, keys, what, first)
    said = said_too(s, said, what + ": the step", r"Step %d of 8: %s" % (n, re.escape(title)))
    s.expect(re.search(r"Step %d of 8: %s" % (n, re.escape(title)), said) is not None,
             "%s: the step is not spoken: %s" % (what, said))
    return said


def enter_field(s, value, keys, name, what):
    """Types VALUE, presses KEYS, and awaits the next field's NAME."""
    s.type(value)
    return focus(s, keys, what, name)


def order(s, card, first, last, email):
    """One order by keyboard, from the welcome page to the result, with a
    wrong email and a wrong postal code on the way, fixed by ear."""
    kind = "card" if card else "balance"
    step(s, ["Return"], 2, "Applicant", r"First Name", kind + ": Enter on Welcome")
    enter_field(s, first, ["Return"], r"Last Name", kind + ": Enter to Last Name")
    enter_field(s, last, ["Return"], r"Email Address", kind + ": Enter to Email")
    # A wrong email: Enter goes on, and the message is spoken.
    said = enter_field(s, email.split("@")[0] + "@", ["Return"], r"Telephone Number", kind + ": Enter from a wrong email")
    said = said_too(s, said, kind + ": the email's message", r"name@example\.com")
    # Back by ear: the field's name, the value typed and the message.
    s.await_fresh_descriptions()
    said = focus(s, ["shift+Tab"], kind + ": back to the email", r"Email Address")
    said = said_too(s, said, kind + ": the email's value", re.escape(email.split("@")[0] + "@"))
    said = said_too(s, said, kind + ": the email's message with it", r"name@example\.com")
    s.key("ctrl+a")
    enter_field(s, email, ["Return"], r"Telephone Number", kind + ": Enter to Telephone")
    # The country is the desk's, so Enter passes it by.
    enter_field(s, "+31 6 12345678", ["Return"], r"\bCity\b", kind + ": Enter past the country to City")
    enter_field(s, "Utrecht", ["Return"], r"Postal Code", kind + ": Enter to Postal Code")
    # A wrong postal code: Enter on the page's last field stays, and says why.
    s.type("35")
    wrong = len(s.lines())
    s.key("Return")
    said = " ".join(s.wait_say(kind + ": Enter on a wrong postal code", r"Postal code: enter it as 1234 AB"))
    s.key("ctrl+a")
    s.type("3511 AB")

    # The page's first control has the focus, not the facts above it,
    # which are no Tab stops.
    said = step(s, ["Return"], 3, "Certificate", r"Use RSASSA-PSS", kind + ": Enter to Certificate")
    # The message once: Orca 48 heard it announced and as the focused
    # text's new description.
    heard = [u for u in s.spoken_since(wrong) if "enter it as 1234 AB" in u]
    s.expect(len(heard) == 1, kind + ": the postal code's message is said %d times" % len(heard))
    s.expect("Signature Hash" not in said,
             kind + ": Certificate opens on an information row: " + said)
    said = step(s, ["Return"], 4, "Token Shipping", r"Recipient|Street and Number",
                kind + ": Enter to Shipping")
    said = focus(s, ["alt+s"], kind + ": Alt+S, same as applicant", r"Street and Number")
    enter_field(s, "Domplein 29", ["Return"], r"State, Province or Region", kind + ": Enter to the province")
    s.type("Utrec")
    said = step(s, ["Return"], 5, "Payment", r"Account Balance.{0,20}radio button", kind + ": Enter to Payment")
    s.expect(re.search(r"Account Balance.{0,20}\bselected radio button", said) is not None,
             kind + ": the balance choice does not say it is chosen: " + said)
    if card:
        said = focus(s, ["Down"], kind + ": Down to Credit Card", r"Credit Card.{0,20}radio button")
        s.expect(re.search(r"Credit Card.{0,20}\bnot selected radio button", said) is not None,
                 kind + ": the card choice does not say it is not chosen: " + said)
        s.key("space")
        said = " ".join(s.wait_say(kind + ": Space on Credit Card", r"\bselected\b"))
        s.expect("not selected" not in said, kind + ": Space did not choose the card: " + said)
        focus(s, ["Return"], kind + ": Enter to Card Number", r"Card Number")
        enter_field(s, "4111111111111111", ["Return"], r"Expiry Month", kind + ": Enter to the month")
        enter_field(s, "12", ["Return"], r"Expiry Year", kind + ": Enter to the year")
        enter_field(s, "2030", ["Return"], r"Security Code", kind + ": Enter to the CVV")
        enter_field(s, "123", ["Return"], r"Cardholder Name", kind + ": Enter to the holder")
        s.type(first + " " + last)
        # The save choice says its name and its choice, each once.
        said = focus(s, ["Tab"], kind + ": Tab to Save Card", r"Save Card in the Account")
        said_too(s, said, kind + ": Save Card's choice", r"As the account decides")
        said = focus(s, ["alt+s"], kind + ": Alt+S, billing same as shipping", r"\w")
    since = len(s.lines())
    step(s, ["Return"], 6, "Agreement", r"Read the Agreement", kind + ": Enter to Agreement")
    # Alt+I agrees and puts the focus on the check box, unless it had it
    # already (the page keeps its focus from the last order): then only
    # the new state is said.
    check_rest(s, kind + ": Alt+I")
    s.pos = len(s.lines())
    s.key("alt+i")
    agreed = " ".join(s.wait_say(kind + ": Alt+I, agree", r"(?<!not )\bchecked\b"))
    said = " ".join(s.spoken_since(since))
    s.expect(re.search(r"I Have Read the Agreement and Agree to It", said) is not None,
             kind + ": the agreement's check box is not named: " + said)
    # Review starts at the applicant's Edit, for either way of paying.
    said = step(s, ["Return"], 7, "Review", r"Edit Applicant", kind + ": Enter to Review")
    # Its values are no Tab stops: each group's Edit reads them out.
    said = said_too(s, said, kind + ": the applicant's values", re.escape("Email Address: " + email))
    said = focus(s, ["Tab"], kind + ": Tab to the certificate's Edit", r"Edit Certificate")
    said = said_too(s, said, kind + ": the certificate's values", r"Signature Hash: SHA-256")
    submitted = len(s.lines())
    said = step(s, ["ctrl+Return"], 8, "Order Placed", r"Order Placed|order number|\b\d{6,}\b",
                kind + ": Ctrl+Enter, submit")
    said = said_too(s, said, kind + ": the order number", r"\b\d{6,}\b")
    # Orca 48 said a bare "panel" before the order number: the numbers'
    # untitled list, kept in the tree by relations to empty labels.
    s.expect(not bare_roles(s, submitted),
             kind + ": the result says a container's role alone: " + " | ".join(s.spoken_since(submitted)))
    s.expect("not selected" not in said,
             kind + ": the order number says \"not selected\": " + said)
    # A description is said once: GTK 4.8 reported it again as the
    # button first had the focus, and Orca 43 said it twice.
    seg = s.spoken_since(since)
    for text in ("Keep the order in the outbox", "Open in the Browser"):
        n = len([u for u in seg if text in u])
        s.expect(n <= 1, "%s: %r is said %d times: %s" % (kind, text, n, " | ".join(seg)))
    check_rest(s, kind + ": the end")
    return said


def new_order(s):
    """The app started, or Ctrl+N in the one already running."""
    if getattr(s, "app", None) is None:
        start(s)
    else:
        since = len(s.lines())
        step(s, ["ctrl+n"], 1, "Welcome", r"\w", "Ctrl+N, a new order")
        # An unfinished order is kept as a draft, and its toast comes once
        # the draft is on disk, at a moment of its own. It is awaited on
        # both stacks (libadwaita 1.5 and later announce it, on GTK 4.8
        # the app has the focused control describe it): spoken over the
        # next key, Orca 48 said the toast and nothing of the new focus.
        if getattr(s, "unfinished", False) and \
           not any("kept as a draft" in u for u in s.spoken_since(since)):
            s.wait_say("the draft's toast", r"kept as a draft")
        if getattr(s, "unfinished", False):
            s.draft_kept = True
    s.unfinished = False


def scenario_balance(s):
    """A desk order paid from the balance."""
    new_order(s)
    order(s, False, "Anna", "Jansen", "anna@example.nl")


def scenario_card(s):
    """A desk order paid by card."""
    new_order(s)
    order(s, True, "Piet", "Bakker", "piet@example.nl")


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
    s.await_fresh_descriptions()
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

    # Step 3: the first control has the focus, not an information row.
    said = focus(s, ["alt+Right"], "Alt+Right to the Certificate step", r"Use RSASSA-PSS")
    s.expect(re.search(r"Step 3 of 8: Certificate", said) is not None,
             "page change: the step is not spoken: " + said)
    s.expect("Signature Hash" not in said, "Certificate opens on an information row: " + said)
    # The validity's drop-down says its name and its choice, each once.
    said = focus(s, ["Tab"], "Tab to Valid For", r"Valid For")
    said = said_too(s, said, "Valid For's choice", r"Standard period|A number of|Until a date")
    # Space opens its list (GTK 4.8 starts it on the first choice, later
    # GTK on the chosen one), and Escape closes it, the choice unchanged.
    focus(s, ["space"], "Space opens Valid For's list", r"Standard period|A number of|Until a date")
    said = focus(s, ["Escape"], "Escape closes Valid For's list", r"Valid For")
    said_too(s, said, "Valid For's choice after Escape", r"A number of years")
    # Left on Certificate with an applicant: the next Ctrl+N keeps a draft.
    s.unfinished = True


# Names of the controls of Preferences and the orders window, in Tab
# order: Orca says some (a list item made generic, a view) with no role.
PREFERENCES_STOPS = (r"Practice Mode|Country|Shipping|Payment|Validity|Clear When Idle|Stored Key|"
                     r"Verify|Remove|New API Key|API Address|DigiCert|Close|Search")
ORDERS_STOPS = (r"Drafts|Outbox|History|Practice|Search|Refresh|Close|Export|Remove|No Drafts|"
                r"Empty|No Orders|No Practice")


def tab_round(s, what, stops, names, stop_at=None):
    """Tab through up to STOPS controls (or to one matching STOP_AT), each
    named (NAMES) and checked; returns what was said, one stop a part."""
    said = []
    for _ in range(stops):
        said.append(focus(s, ["Tab"], what, names))
        if stop_at and re.search(stop_at, said[-1]):
            break
    return said


def scenario_windows(s):
    """The token panel (F9), Preferences with its practice switch, and the
    orders window: each named and its state said, no type names, no name
    twice, and the focus back on Next each time."""
    # Where the focus is, and goes back to: Next in a window just started,
    # else the first choice of a new order.
    if getattr(s, "app", None) is None:
        start(s)
        back = r"\bNext\b"
    else:
        new_order(s)
        back = r"New Applicant"

    # F9 opens the token panel, which takes the focus: its name and the
    # tokens' state are said once.
    since = len(s.lines())
    said = focus(s, ["F9"], "F9, the token panel", r"Signing Tokens")
    # Its role alone is no answer: Orca 48 said a group's role without its
    # name when the focus came from the wizard's choices, and said the name
    # only if the panel's name changed again later (a CI run heard none).
    s.expect(not bare_roles(s, since), "F9: the token panel is said without its name: " + said)
    said = said_too(s, said, "F9: the tokens' state",
                    r"Looking for tokens|Insert your signing token|No token found|Ready to sign|"
                    r"PIN|No signing certificate|Not initialized")
    # Tab goes on inside the panel, not back to the wizard.
    said = focus(s, ["Tab"], "Tab in the token panel",
                 r"collapsed|expanded|Diagnostics|not selected|Copy")
    s.expect(not re.search(r"\bNext\b|Step \d", said), "Tab left the token panel: " + said)
    # F9 again closes it, and the focus goes back to Next.
    focus(s, ["F9"], "F9 closes the token panel", back)

    # Preferences: the practice switch first, with its state.
    since = len(s.lines())
    said = focus(s, ["ctrl+comma"], "Ctrl+comma, Preferences", r"Practice Mode")
    said = said_too(s, said, "Preferences: the switch's state", r"\bchecked\b|\bon\b")
    s.expect(re.search(r"not checked|\boff\b", said) is None,
             "Preferences: the practice switch is on but says off: " + said)
    # Turning it off asks first; Escape stays in practice, the switch on.
    s.key("space")
    said = " ".join(s.wait_say("Space on the practice switch", r"Stay in Practice Mode"))
    s.expect(re.search(r"dialog|alert", said, re.I) is not None,
             "the practice switch does not ask first: " + said)
    said = focus(s, ["Escape"], "Escape on the question", r"Practice Mode")
    said = said_too(s, said, "the switch's state after Escape", r"\bchecked\b|\bon\b")
    s.expect(re.search(r"not checked|\boff\b", said) is None,
             "Escape on the question turned practice off: " + said)
    # Down to Verify. The switch's row is the switch, one Tab stop (see
    # pkio_form_quiet_choice_rows()): the next is the desk's country.
    stops = tab_round(s, "Tab through Preferences", 16, PREFERENCES_STOPS, r"Country")
    s.expect(re.search(r"Country", stops[-1]) is not None,
             "Preferences: Tab never reached the desk's country: " + " / ".join(stops))
    s.expect(len(stops) == 1,
             "Preferences: the practice switch is more than one Tab stop: " + " / ".join(stops))
    stops += tab_round(s, "Tab through Preferences", 16, PREFERENCES_STOPS, r"Verify")
    joined = " / ".join(stops)
    s.expect(re.search(r"Verify", stops[-1]) is not None,
             "Preferences: Tab never reached Verify: " + joined)
    s.expect(re.search(r"Practice Mode.*not checked|Practice Mode.*\boff\b", joined) is None,
             "Preferences: the practice switch says off: " + joined)
    # The key's state is no Tab stop: Verify, next to it, says it.
    said_too(s, stops[-1], "Verify: the key's state", r"needs no key")
    # On to the key's entry, past Remove: a text named by its title, then
    # its button that shows the key. On GTK 4.8 the entry's focus reached
    # Orca 43 as an unfocused, unnamed "AdwGizmo", or nothing was said.
    stops = tab_round(s, "Tab to the key's entry", 3, PREFERENCES_STOPS, r"New API Key")
    s.expect(re.search(r"New API Key\W+(password )?text\b", stops[-1]) is not None,
             "Preferences: the key's entry is not said as a named text: " + " / ".join(stops))
    said = focus(s, ["Tab"], "Tab after the key's entry", r"Show (Password|Text)")
    s.expect(re.search(r"Show (Password|Text)\W+(push |toggle )?button", said) is not None,
             "Preferences: the key's Show button is not said: " + said)
    # The next Tab is not silent: it goes round to the practice switch.
    focus(s, ["Tab"], "Tab after the key's Show button", PREFERENCES_STOPS)
    # A drop-down says its choice: the desk's shipping is Standard. Orca
    # 48 says "Shipping, Standard", Orca 43 "Shipping combo box" and then
    # "Standard push button", which may come after the Tab's answer.
    seg = s.spoken_since(since)
    s.expect(re.search(r"\bShipping\b(, | combo box )Standard\b", " ".join(seg)) is not None,
             "Preferences: the shipping drop-down does not say its choice: " + " / ".join(seg))
    # A description is said once: Orca 43 said a button's again as the
    # focus left it, on GTK 4.8.
    n = len([u for u in seg if "Ask CertCentral whose key it is" in u])
    s.expect(n <= 1, "Preferences: Verify's explanation is said %d times: %s" % (n, " | ".join(seg)))
    focus(s, ["Escape"], "Escape closes Preferences", back)

    # The orders window: its views by name, up to the search (a draft's
    # row after it reads its buttons with it, and Orca 48 then says only
    # the next one's mnemonic).
    since = len(s.lines())
    said = focus(s, ["ctrl+o"], "Ctrl+O, the orders window", ORDERS_STOPS)
    stops = [said] + tab_round(s, "Tab through the orders window", 8, ORDERS_STOPS, r"Search")
    # All said in the window, not only each Tab's answer: Orca 43 may say
    # a button's tooltip as the focus leaves it, which ends that Tab's wait
    # before the next view is named.
    joined = " / ".join(s.spoken_since(since))
    s.expect(re.search(r"Drafts", joined) is not None,
             "the orders window: its views are not named: " + joined)
    # A draft's row, when one was kept: Tab goes from the search to its
    # first button, which says whose draft it is. The row is no Tab stop of
    # its own: Orca 48 said it, "not selected" and all its buttons, then
    # "Open" alone; Orca 43 "Open Open, Anna Jansen Open push button".
    if getattr(s, "draft_kept", False):
        since = len(s.lines())
        said = focus(s, ["Tab"], "Tab to the draft's row", r"Open, \w")
        s.expect(re.search(r"Open, [\w ]+\W+(push )?button", said) is not None,
                 "the orders window: a draft's Open does not say whose: " + said)
        s.expect(re.search(r"\bOpen\W+Open,|, [\w ]+ Open\b", said) is None,
                 "the orders window: a draft's Open is named twice: " + said)
        said = focus(s, ["Tab"], "Tab to the draft's Duplicate", r"Duplicate, \w")
        seg = " / ".join(s.spoken_since(since))
        s.expect("not selected" not in seg,
                 "the orders window: a draft's row says \"not selected\": " + seg)
    focus(s, ["Escape"], "Escape closes the orders window", back)
    check_rest(s, "the end")
