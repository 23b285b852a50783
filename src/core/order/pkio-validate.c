/* pkio-validate.c
 *
 * Copyright 2026 The Pkio Authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "pkio-country.h"
#include "pkio-phone-plan.h"
#include "pkio-validate.h"

G_DEFINE_QUARK (pkio-validate-error-quark, pkio_validate_error)

/* Longest validity the CA/B Forum baseline allows, and so the contract. */
#define MAX_VALIDITY_DAYS 397

static GDate *today_for_testing;

/**
 * pkio_validate_set_today_for_testing:
 * @today: (nullable): the date the validators take as today, %NULL for the clock
 *
 * Validity and card expiry depend on the date; tests pin it here.
 */
void
pkio_validate_set_today_for_testing (const GDate *today)
{
  g_clear_pointer (&today_for_testing, g_date_free);
  if (today != NULL)
    {
      g_return_if_fail (g_date_valid (today));
      today_for_testing = g_date_copy (today);
    }
}

void
pkio_validate_get_today (GDate *today)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (today != NULL);

  if (today_for_testing != NULL)
    {
      *today = *today_for_testing;
      return;
    }

  now = g_date_time_new_now_local ();
  g_date_clear (today, 1);
  g_date_set_dmy (today,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
all_ascii_digits (const char *text,
                  gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }

  return TRUE;
}

/**
 * pkio_validate_required:
 * @label: the field's name as the user sees it, already translated
 * @text: (nullable): the value
 * @max_chars: the longest value accepted, in characters; 0 for no limit
 * @error: return location for a #PKIO_VALIDATE_ERROR
 *
 * The check shared by every free-text field: present, not only blanks,
 * valid UTF-8 and not too long.
 */
gboolean
pkio_validate_required (const char  *label,
                        const char  *text,
                        guint        max_chars,
                        GError     **error)
{
  g_return_val_if_fail (label != NULL, FALSE);

  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      /* Translators: %s is a field name such as “City” */
      g_set_error (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_FORMAT,
                   _("%s: contains characters that are not text"), label);
      return FALSE;
    }

  if (is_blank (text))
    {
      /* Translators: %s is a field name such as “City” */
      g_set_error (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_EMPTY,
                   _("%s: required"), label);
      return FALSE;
    }

  if (max_chars > 0 && g_utf8_strlen (text, -1) > max_chars)
    {
      /* Translators: %s is a field name such as “City”, %u a number */
      g_set_error (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_TOO_LONG,
                   _("%s: at most %u characters"), label, max_chars);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  const char *word;         /* lower case, without the full stop */
  gboolean    needs_dot;    /* also a given name or a word without one */
} Title;

/* Titles and honorifics that end up in a first name: Dutch academic and
 * professional titles (mr. is the lawyer's "meester") and English ones. */
static const Title titles[] = {
  { "dr", FALSE }, { "drs", FALSE }, { "prof", FALSE }, { "ir", FALSE },
  { "ing", TRUE }, { "mr", FALSE }, { "mrs", FALSE }, { "ms", FALSE },
  { "mw", FALSE }, { "dhr", FALSE }, { "ds", TRUE }, { "bc", TRUE },
  { "miss", TRUE }, { "sir", TRUE }, { "mx", FALSE }, { "phd", FALSE },
  { "msc", FALSE }, { "bsc", FALSE },
};

/* Returns the title as written, or NULL. */
static char *
find_title (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *lower = g_utf8_strdown (words[i], -1);
      gsize length = strlen (lower);
      gboolean has_dot = length > 0 && lower[length - 1] == '.';

      if (has_dot)
        lower[--length] = '\0';

      for (guint j = 0; j < G_N_ELEMENTS (titles); j++)
        {
          if (g_str_equal (lower, titles[j].word) && (has_dot || !titles[j].needs_dot))
            return g_strdup (words[i]);
        }
    }

  return NULL;
}

static gboolean
name_characters_ok (const char *text)
{
  gunichar previous = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (g_unichar_isalpha (c) ||
          type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK)
        ;
      else if (c == ' ' || c == '-' || c == '\'' || c == 0x2019 /* ’ */)
        ;
      /* Initials ("J.") and suffixes ("Sr.") end with a full stop. */
      else if (c == '.' && previous != 0 && g_unichar_isalpha (previous))
        ;
      else
        return FALSE;

      previous = c;
    }

  return TRUE;
}

static gboolean
validate_name (const char  *label,
               const char  *text,
               gboolean     check_titles,
               GError     **error)
{
  g_autofree char *title = NULL;

  if (!pkio_validate_required (label, text, PKIO_VALIDATE_NAME_MAX, error))
    return FALSE;

  if (check_titles && (title = find_title (text)) != NULL)
    {
      /* Translators: the first %s is a field name, the second a title such as “Dr.” */
      g_set_error (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_TITLE,
                   _("%s: leave out titles such as “%s”; write the name as on the ID document"),
                   label, title);
      return FALSE;
    }

  if (!name_characters_ok (text))
    {
      /* Translators: %s is a field name such as “First name” */
      g_set_error (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_FORMAT,
                   _("%s: use only letters, spaces, hyphens and apostrophes"), label);
      return FALSE;
    }

  return TRUE;
}

/**
 * pkio_validate_first_name:
 *
 * Middle names and initials are allowed; titles are not: the contract asks
 * for the name without "Dr." and the like, as on the ID document.
 */
gboolean
pkio_validate_first_name (const char  *text,
                          GError     **error)
{
  return validate_name (_("First name"), text, TRUE, error);
}

/**
 * pkio_validate_last_name:
 *
 * Generational suffixes ("Sr.", "III") and Dutch prefixes ("van der") belong
 * to the last name, so titles are not looked for here.
 */
gboolean
pkio_validate_last_name (const char  *text,
                         GError     **error)
{
  return validate_name (_("Last name"), text, FALSE, error);
}

static gboolean
email_local_char (char c)
{
  return g_ascii_isalnum (c) || strchr ("!#$%&'*+/=?^_`{|}~.-", c) != NULL;
}

static gboolean
email_domain_ok (const char *domain)
{
  g_auto(GStrv) labels = g_strsplit (domain, ".", -1);
  guint n = g_strv_length (labels);
  const char *tld;

  if (n < 2 || strlen (domain) > 253)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const char *label = labels[i];
      gsize length = strlen (label);

      if (length == 0 || length > 63 || label[0] == '-' || label[length - 1] == '-')
        return FALSE;

      for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          /* Internationalised domains are written in Unicode by people. */
          if (!(g_unichar_isalnum (c) || c == '-'))
            return FALSE;
        }
    }

  tld = labels[n - 1];
  for (const char *p = tld; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_ascii_isdigit (*p))
        return FALSE;
    }

  return g_utf8_strlen (tld, -1) >= 2;
}

/**
 * pkio_validate_email:
 *
 * The practical syntax, not all of RFC 5322: one "@", a dot-atom local part
 * and a domain with a top-level label. Quoted local parts and IP literals are
 * refused; nobody receives order approvals at them.
 */
gboolean
pkio_validate_email (const char  *text,
                     GError     **error)
{
  const char *at;
  gsize local_length;
  gboolean ok;

  if (!pkio_validate_required (_("Email"), text, 254, error))
    return FALSE;

  at = strchr (text, '@');
  ok = at != NULL && strchr (at + 1, '@') == NULL;
  if (ok)
    {
      local_length = at - text;
      ok = local_length > 0 && local_length <= 64 &&
           text[0] != '.' && at[-1] != '.';
      for (gsize i = 0; ok && i < local_length; i++)
        ok = email_local_char (text[i]) && !(text[i] == '.' && text[i + 1] == '.');
    }
  if (ok)
    ok = email_domain_ok (at + 1);

  if (!ok)
    {
      g_set_error_literal (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_FORMAT,
                           _("Email: enter an address such as name@example.com"));
      return FALSE;
    }

  return TRUE;
}

/**
 * pkio_validate_telephone:
 * @text: (nullable): the number as typed
 * @normalized: (out) (optional) (transfer full): the number as "+" and digits
 * @error: return location for a #PKIO_VALIDATE_ERROR
 *
 * The contract wants the number with its country code, written loosely
 * ("+31-0-72 568 7878"). We accept "+" or "00" followed by digits, spaces,
 * dashes, dots, slashes and parentheses, drop a trunk "0" written after the
 * country code as "(0)" or as a group of its own, and normalise to E.164.
 */
gboolean
pkio_validate_telephone (const char  *text,
                         char       **normalized,
                         GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_auto(GStrv) groups = NULL;
  const char *p;
  guint group_index = 0;

  if (!pkio_validate_required (_("Telephone"), text, 32, error))
    return FALSE;

  p = text;
  while (*p == ' ')
    p++;

  if (*p == '+')
    p++;
  else if (p[0] == '0' && p[1] == '0')
    p += 2;
  else
    {
      g_set_error_literal (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_FORMAT,
                           _("Telephone: start with + and the country code, "
                             "as in +31 6 1234 5678"));
      return FALSE;
    }

  /* "(0)" is the trunk prefix shown for dialling inside the country. */
  {
    g_autoptr(GString) rest = g_string_new (p);

    g_string_replace (rest, "(0)", " (0) ", 0);
    groups = g_strsplit_set (rest->str, " -./", -1);
  }
  for (guint i = 0; groups[i] != NULL; i++)
    {
      const char *group = groups[i];

      if (group[0] == '\0')
        continue;

      if (g_str_equal (group, "(0)") || (group_index == 1 && g_str_equal (group, "0")))
        {
          group_index++;
          continue;
        }

      for (const char *q = group; *q != '\0'; q++)
        {
          if (g_ascii_isdigit (*q))
            g_string_append_c (digits, *q);
          else if (*q != '(' && *q != ')')
            {
              g_set_error_literal (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_FORMAT,
                                   _("Telephone: use only digits, spaces and dashes "
                                     "after the country code"));
              return FALSE;
            }
        }
      group_index++;
    }

  if (digits->len == 0 || digits->str[0] == '0')
    {
      g_set_error_literal (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_FORMAT,
                           _("Telephone: start with + and the country code, "
                             "as in +31 6 1234 5678"));
      return FALSE;
    }

  /* E.164: at most 15 digits with the country code; fewer than 8 cannot be
   * a reachable number with one. */
  if (digits->len < 8 || digits->len > 15)
    {
      g_set_error_literal (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_OUT_OF_RANGE,
                           _("Telephone: a number with its country code has 8 to 15 digits"));
      return FALSE;
    }

  if (normalized != NULL)
    *normalized = g_strconcat ("+", digits->str, NULL);

  return TRUE;
}

/* The length of the country calling code at the start of @digits, by the
 * structure of ITU-T E.164's assignments (a prefix code): 1 (North
 * America) and 7 are one digit; these zones' two-digit codes are listed;
 * every other code has three digits. */
static guint
calling_code_length (const char *digits)
{
  static const char * const two_digit[] = {
    "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
    "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
    "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
  };

  if (digits[0] == '1' || digits[0] == '7')
    return 1;

  for (guint i = 0; i < G_N_ELEMENTS (two_digit); i++)
    if (strncmp (digits, two_digit[i], 2) == 0)
      return 2;

  return 3;
}

/**
 * pkio_telephone_dup_display:
 * @text: (nullable): a number as the order holds it
 *
 * For reading back, in international format: "+31 6 12345678", "+31 20 123
 * 4567", grouped by the country's numbering plan as libphonenumber knows it,
 * once pkio_phone_plan_load_async() has loaded it. Before that, or without
 * it (a build without, or an EDS built without libphonenumber, as in the
 * GNOME Flatpak runtime), only the country calling code is set apart:
 * "+31 612345678". A number that is not in
 * E.164 stays as typed. Only the display: the order sends E.164.
 *
 * Returns: (transfer full) (nullable): the number to show
 */
char *
pkio_telephone_dup_display (const char *text)
{
  g_autofree char *normalized = NULL;
  g_autofree char *shown = NULL;
  guint cc;

  if (text == NULL || !pkio_validate_telephone (text, &normalized, NULL))
    return g_strdup (text);

  shown = pkio_phone_plan_dup_international (normalized);
  if (shown != NULL && shown[0] == '+')
    return g_steal_pointer (&shown);

  cc = calling_code_length (normalized + 1);
  return g_strdup_printf ("+%.*s %s", cc, normalized + 1, normalized + 1 + cc);
}

/**
 * pkio_validate_country:
 * @code: (nullable): a two-letter code, in either case
 */
gboolean
pkio_validate_country (const char  *code,
                       GError     **error)
{
  if (!pkio_validate_required (_("Country"), code, 0, error))
    return FALSE;

  if (!pkio_country_is_known (code))
    {
      g_set_error_literal (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_NOT_ALLOWED,
                           _("Country: use a two-letter ISO 3166 country code, such as “nl”"));
      return FALSE;
    }

  return TRUE;
}

/* Postal codes with their text stripped of spaces and made upper case. */
static char *
compact_upper (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p != ' ')
        g_string_append_c (out, g_ascii_toupper (*p));
    }

  return g_string_free (out, FALSE);
}

static char *
postcode_nl (const char *compact)
{
  /* 1234 AB: no leading zero, and SA, SD and SS are never issued. */
  if (strlen (compact) != 6 || compact[0] == '0' || !all_ascii_digits (compact, 4) ||
      !g_ascii_isupper (compact[4]) || !g_ascii_isupper (compact[5]))
    return NULL;
  if (compact[4] == 'S' && strchr ("ADS", compact[5]) != NULL)
    return NULL;

  return g_strdup_printf ("%.4s %.2s", compact, compact + 4);
}

static char *
postcode_digits (const char *compact,
                 gsize       count)
{
  if (strlen (compact) != count || !all_ascii_digits (compact, count))
    return NULL;

  return g_strdup (compact);
}

static char *
postcode_be (const char *compact)
{
  if (compact[0] == '0')
    return NULL;

  return postcode_digits (compact, 4);
}

static char *
postcode_five (const char *compact)
{
  return postcode_digits (compact, 5);
}

static char *
postcode_lu (const char *compact)
{
  /* Written "L-1234" on letters; the digits are the code. */
  if (g_str_has_prefix (compact, "L-"))
    compact += 2;

  if (strlen (compact) != 4 || !all_ascii_digits (compact, 4))
    return NULL;

  return g_strconcat ("L-", compact, NULL);
}

static char *
postcode_us (const char *compact)
{
  gsize length = strlen (compact);

  if (length == 5 && all_ascii_digits (compact, 5))
    return g_strdup (compact);
  if (length == 10 && all_ascii_digits (compact, 5) && compact[5] == '-' &&
      all_ascii_digits (compact + 6, 4))
    return g_strdup (compact);

  return NULL;
}

static char *
postcode_gb (const char *compact)
{
  gsize length = strlen (compact);
  const char *inward;
  gsize outward_length;

  /* Outward code A9, A99, AA9, AA99, A9A or AA9A; inward code 9AA. */
  if (g_str_equal (compact, "GIR0AA"))
    return g_strdup ("GIR 0AA");
  if (length < 5 || length > 7)
    return NULL;

  inward = compact + length - 3;
  outward_length = length - 3;
  if (!g_ascii_isdigit (inward[0]) || !g_ascii_isupper (inward[1]) ||
      !g_ascii_isupper (inward[2]))
    return NULL;

  if (!g_ascii_isupper (compact[0]))
    return NULL;
  {
    gsize i = 1;

    if (g_ascii_isupper (compact[i]))
      i++;
    if (i >= outward_length || !g_ascii_isdigit (compact[i]))
      return NULL;
    i++;
    if (i < outward_length && g_ascii_isalnum (compact[i]))
      i++;
    if (i != outward_length)
      return NULL;
  }

  return g_strdup_printf ("%.*s %s", (int) outward_length, compact, inward);
}

typedef struct
{
  const char  *country;
  char      *(*normalize) (const char *compact);
  const char  *hint;    /* N_() */
} PostcodeRule;

static const PostcodeRule postcode_rules[] = {
  { "NL", postcode_nl, N_("Postal code: enter it as 1234 AB") },
  { "BE", postcode_be, N_("Postal code: enter four digits, as in 1000") },
  { "DE", postcode_five, N_("Postal code: enter five digits, as in 10115") },
  { "FR", postcode_five, N_("Postal code: enter five digits, as in 75001") },
  { "LU", postcode_lu, N_("Postal code: enter four digits, as in L-1234") },
  { "GB", postcode_gb, N_("Postal code: enter a UK postcode, as in SW1A 1AA") },
  { "US", postcode_us, N_("ZIP code: enter five digits or ZIP+4, as in 12345-6789") },
};

static const PostcodeRule *
find_postcode_rule (const char *country)
{
  for (guint i = 0; country != NULL && i < G_N_ELEMENTS (postcode_rules); i++)
    {
      if (g_ascii_strcasecmp (postcode_rules[i].country, country) == 0)
        return &postcode_rules[i];
    }

  return NULL;
}

/**
 * pkio_validate_postcode_required:
 * @country: (nullable): a two-letter code
 *
 * Returns: whether addresses in @country must carry a postal code we know
 *   the shape of (the billing address leaves it out elsewhere)
 */
gboolean
pkio_validate_postcode_required (const char *country)
{
  return find_postcode_rule (country) != NULL;
}

/**
 * pkio_validate_postcode:
 * @country: (nullable): the address's two-letter country code
 * @text: (nullable): the postal code as typed
 * @normalized: (out) (optional) (transfer full): the code as the post writes it
 * @error: return location for a #PKIO_VALIDATE_ERROR
 *
 * Checks the shape for the countries an order here usually names; any other
 * country only needs a value.
 */
gboolean
pkio_validate_postcode (const char  *country,
                        const char  *text,
                        char       **normalized,
                        GError     **error)
{
  const PostcodeRule *rule = find_postcode_rule (country);
  g_autofree char *compact = NULL;
  g_autofree char *result = NULL;

  if (!pkio_validate_required (_("Postal code"), text, 16, error))
    return FALSE;

  compact = compact_upper (text);
  if (rule != NULL)
    result = rule->normalize (compact);
  else
    result = g_strstrip (g_strdup (text));

  if (result == NULL)
    {
      g_set_error_literal (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_FORMAT,
                           _(rule->hint));
      return FALSE;
    }

  if (normalized != NULL)
    *normalized = g_steal_pointer (&result);

  return TRUE;
}

/**
 * pkio_validate_state:
 * @country: (nullable): the address's two-letter country code
 * @text: (nullable): the state or province
 *
 * For the applicant, the state is asked only where the country has them.
 */
gboolean
pkio_validate_state (const char  *country,
                     const char  *text,
                     GError     **error)
{
  if (!pkio_country_uses_states (country) &&
      (text == NULL || (g_utf8_validate (text, -1, NULL) && is_blank (text))))
    return TRUE;

  return pkio_validate_required (_("State or province"), text, 64, error);
}

/* How many names a message lists before it stops with "…". */
#define MAX_LISTED 6

static int
compare_subdivision_names (gconstpointer a,
                           gconstpointer b)
{
  const PkioSubdivision *sa = *(const PkioSubdivision * const *) a;
  const PkioSubdivision *sb = *(const PkioSubdivision * const *) b;

  return g_utf8_collate (pkio_subdivision_get_name (sa), pkio_subdivision_get_name (sb));
}

/**
 * pkio_validate_subdivision:
 * @country: (nullable): the address's two-letter country code
 * @label: the field's name as the user sees it, already translated
 * @text: (nullable): the state or province as the order holds it
 *
 * Where iso-codes lists the country's states, provinces or regions, a
 * value must name one of them (by code or name, see
 * pkio_country_find_subdivision()): the message says which names begin
 * with what was typed, or gives examples. An empty value, and any value
 * for a country iso-codes has no list for, pass: whether the field is
 * required is checked apart.
 */
gboolean
pkio_validate_subdivision (const char  *country,
                           const char  *label,
                           const char  *text,
                           GError     **error)
{
  const PkioSubdivision * const *all = pkio_country_get_subdivisions (country);
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *list = NULL;
  GPtrArray *shown;
  g_autoptr(GPtrArray) examples = NULL;

  g_return_val_if_fail (label != NULL, FALSE);

  if (all == NULL || is_blank (text) || !g_utf8_validate (text, -1, NULL) ||
      pkio_country_find_subdivision (country, text) != NULL)
    return TRUE;

  matches = pkio_country_match_subdivisions (country, text);
  if (matches->len > 0)
    shown = matches;
  else
    {
      /* The first few by name, so that the message shows the kind of
       * name the list holds. */
      examples = g_ptr_array_new ();
      for (guint i = 0; all[i] != NULL; i++)
        g_ptr_array_add (examples, (gpointer) all[i]);
      g_ptr_array_sort (examples, compare_subdivision_names);
      shown = examples;
    }

  builder = g_strv_builder_new ();
  for (guint i = 0; i < shown->len && i < MAX_LISTED; i++)
    g_strv_builder_add (builder, pkio_subdivision_get_name (g_ptr_array_index (shown, i)));
  if (shown->len > MAX_LISTED)
    g_strv_builder_add (builder, "…");
  names = g_strv_builder_end (builder);
  list = g_strjoinv (", ", names);

  if (matches->len > 0)
    /* Translators: the first %s is a field name such as “State or province”,
     * the second a list of names such as “Noord-Brabant, Noord-Holland” */
    g_set_error (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_FORMAT,
                 _("%s: type the whole name: %s"), label, list);
  else
    /* Translators: the first %s is a field name such as “State or province”,
     * the second what was typed, the third a country’s name, the last a
     * list of examples such as “Drenthe, Flevoland, …” */
    g_set_error (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_FORMAT,
                 _("%s: “%s” is not on the list for %s, such as %s"),
                 label, text, pkio_country_get_name (country), list);

  return FALSE;
}

gboolean
pkio_validate_validity_years (int      years,
                              GError **error)
{
  if (years < 1 || years > 3)
    {
      g_set_error_literal (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_OUT_OF_RANGE,
                           _("Validity: choose 1, 2 or 3 years"));
      return FALSE;
    }

  return TRUE;
}

gboolean
pkio_validate_validity_days (int      days,
                             GError **error)
{
  if (days < 1 || days > MAX_VALIDITY_DAYS)
    {
      g_set_error (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_OUT_OF_RANGE,
                   _("Validity: choose between 1 and %d days"), MAX_VALIDITY_DAYS);
      return FALSE;
    }

  return TRUE;
}

/* The contract's "MMM" is English whatever the user's language. */
static const char * const month_abbreviations[] = {
  "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
};

static gboolean
parse_custom_date (const char *text,
                   GDate      *date)
{
  int day, year;
  int month = 0;

  /* Exactly "dd MMM YYYY", as in "09 JUN 2021". */
  if (strlen (text) != 11 || text[2] != ' ' || text[6] != ' ' ||
      !all_ascii_digits (text, 2) || !all_ascii_digits (text + 7, 4))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (month_abbreviations); i++)
    {
      if (g_ascii_strncasecmp (text + 3, month_abbreviations[i], 3) == 0)
        month = i + 1;
    }

  day = (text[0] - '0') * 10 + (text[1] - '0');
  year = atoi (text + 7);
  if (month == 0 || year < 1 || !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);

  return TRUE;
}

/**
 * pkio_validate_custom_expiration_date:
 * @text: (nullable): a date as "dd MMM YYYY"
 * @date: (out caller-allocates) (optional): the parsed date
 * @error: return location for a #PKIO_VALIDATE_ERROR
 *
 * The date must fall after today (a certificate that expires the day it is
 * ordered is never what was meant) and at most 397 days from today.
 */
gboolean
pkio_validate_custom_expiration_date (const char  *text,
                                      GDate       *date,
                                      GError     **error)
{
  GDate parsed, today;
  int days;

  if (!pkio_validate_required (_("Expiration date"), text, 0, error))
    return FALSE;

  if (!parse_custom_date (text, &parsed))
    {
      g_set_error_literal (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_FORMAT,
                           _("Expiration date: enter it as day, month and year, "
                             "as in 09 JUN 2027"));
      return FALSE;
    }

  pkio_validate_get_today (&today);
  days = g_date_days_between (&today, &parsed);
  if (days < 1)
    {
      g_set_error_literal (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_OUT_OF_RANGE,
                           _("Expiration date: choose a date after today"));
      return FALSE;
    }
  if (days > MAX_VALIDITY_DAYS)
    {
      g_set_error (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_OUT_OF_RANGE,
                   _("Expiration date: choose a date at most %d days from today"),
                   MAX_VALIDITY_DAYS);
      return FALSE;
    }

  if (date != NULL)
    *date = parsed;

  return TRUE;
}

/**
 * pkio_format_custom_expiration_date:
 * @date: a valid date
 *
 * Returns: (transfer full): @date as the contract writes it, "09 JUN 2021"
 */
char *
pkio_format_custom_expiration_date (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%02u %s %04u",
                          g_date_get_day (date),
                          month_abbreviations[g_date_get_month (date) - 1],
                          g_date_get_year (date));
}

typedef char WipedString;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WipedString, pkio_string_wipe_free)

/* Card numbers are typed in groups; spaces and dashes carry no meaning. */
static char *
card_digits (const char *text)
{
  /* Sized once: a growing buffer would leave copies behind in freed memory. */
  GString *out = g_string_sized_new (strlen (text) + 1);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '-')
        continue;
      if (!g_ascii_isdigit (*p))
        {
          pkio_string_wipe_free (g_string_free (out, FALSE));
          return NULL;
        }
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/**
 * pkio_card_number_digits:
 * @number: (nullable): a card number as typed, "4111 1111 1111 1111"
 *
 * Returns: (transfer full) (nullable): its digits alone, as the API takes
 *   them, or %NULL if it holds anything but digits, spaces and dashes.
 *   Free it with pkio_string_wipe_free().
 */
char *
pkio_card_number_digits (const char *number)
{
  return number ? card_digits (number) : NULL;
}

static guint
prefix_value (const char *digits,
              guint       count)
{
  guint value = 0;

  for (guint i = 0; i < count; i++)
    {
      if (!g_ascii_isdigit (digits[i]))
        return 0;
      value = value * 10 + (digits[i] - '0');
    }

  return value;
}

/**
 * pkio_card_scheme_from_number:
 * @number: (nullable): a card number, with or without spaces
 *
 * Returns: the scheme the number's issuer prefix belongs to
 */
PkioCardScheme
pkio_card_scheme_from_number (const char *number)
{
  g_autoptr(WipedString) digits = number ? card_digits (number) : NULL;
  guint p1, p2, p3, p4;

  if (digits == NULL || strlen (digits) < 4)
    return PKIO_CARD_SCHEME_UNKNOWN;

  p1 = prefix_value (digits, 1);
  p2 = prefix_value (digits, 2);
  p3 = prefix_value (digits, 3);
  p4 = prefix_value (digits, 4);

  if (p1 == 4)
    return PKIO_CARD_SCHEME_VISA;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720))
    return PKIO_CARD_SCHEME_MASTERCARD;
  if (p2 == 34 || p2 == 37)
    return PKIO_CARD_SCHEME_AMEX;
  if (p4 == 6011 || p2 == 65 || (p3 >= 644 && p3 <= 649))
    return PKIO_CARD_SCHEME_DISCOVER;
  if (p2 == 36 || p2 == 38 || p2 == 39 || (p3 >= 300 && p3 <= 305))
    return PKIO_CARD_SCHEME_DINERS;
  if (p4 >= 3528 && p4 <= 3589)
    return PKIO_CARD_SCHEME_JCB;
  if (p2 == 62)
    return PKIO_CARD_SCHEME_UNIONPAY;
  if (p2 == 50 || (p2 >= 56 && p2 <= 69))
    return PKIO_CARD_SCHEME_MAESTRO;

  return PKIO_CARD_SCHEME_UNKNOWN;
}

static gboolean
card_length_ok (PkioCardScheme scheme,
                gsize          length)
{
  switch (scheme)
    {
    case PKIO_CARD_SCHEME_VISA:
      return length == 13 || length == 16 || length == 19;
    case PKIO_CARD_SCHEME_MASTERCARD:
      return length == 16;
    case PKIO_CARD_SCHEME_AMEX:
      return length == 15;
    case PKIO_CARD_SCHEME_DISCOVER:
    case PKIO_CARD_SCHEME_JCB:
    case PKIO_CARD_SCHEME_UNIONPAY:
      return length >= 16 && length <= 19;
    case PKIO_CARD_SCHEME_DINERS:
      return length >= 14 && length <= 19;
    case PKIO_CARD_SCHEME_MAESTRO:
    case PKIO_CARD_SCHEME_UNKNOWN:
    default:
      return length >= 12 && length <= 19;
    }
}

static gboolean
luhn_ok (const char *digits)
{
  gsize length = strlen (digits);
  guint sum = 0;

  for (gsize i = 0; i < length; i++)
    {
      guint d = digits[length - 1 - i] - '0';

      if (i % 2 == 1)
        {
          d *= 2;
          if (d > 9)
            d -= 9;
        }
      sum += d;
    }

  return sum % 10 == 0;
}

/**
 * pkio_validate_card_number:
 *
 * Digits (spaces and dashes ignored), the length the scheme issues, and
 * the Luhn check digit: catches a mistyped digit before the payment fails.
 */
gboolean
pkio_validate_card_number (const char  *text,
                           GError     **error)
{
  g_autoptr(WipedString) digits = NULL;

  if (!pkio_validate_required (_("Card number"), text, 0, error))
    return FALSE;

  digits = card_digits (text);
  if (digits == NULL)
    {
      g_set_error_literal (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_FORMAT,
                           _("Card number: use only digits"));
      return FALSE;
    }

  if (!card_length_ok (pkio_card_scheme_from_number (digits), strlen (digits)))
    {
      g_set_error_literal (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_OUT_OF_RANGE,
                           _("Card number: a digit is missing or one too many"));
      return FALSE;
    }

  if (!luhn_ok (digits))
    {
      g_set_error_literal (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_CHECKSUM,
                           _("Card number: check the digits, this is not a valid card number"));
      return FALSE;
    }

  return TRUE;
}

/**
 * pkio_card_number_mask:
 * @number: (nullable): a card number
 *
 * Returns: (transfer full) (nullable): the number for display, every digit
 *   but the last four replaced, as "•••• •••• •••• 1111"
 */
char *
pkio_card_number_mask (const char *number)
{
  g_autoptr(WipedString) digits = number ? card_digits (number) : NULL;
  GString *out;
  gsize length;

  if (number == NULL)
    return NULL;

  /* Not a number: show nothing of it rather than guess what to hide. */
  if (digits == NULL)
    return g_strdup ("••••");

  length = strlen (digits);
  out = g_string_new (NULL);
  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 4 == 0)
        g_string_append_c (out, ' ');
      if (i + 4 < length)
        g_string_append (out, "•");
      else
        g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

gboolean
pkio_validate_card_expiration_month (const char  *month,
                                     GError     **error)
{
  int m;

  if (!pkio_validate_required (_("Expiration month"), month, 0, error))
    return FALSE;

  if (strlen (month) != 2 || !all_ascii_digits (month, 2) ||
      (m = atoi (month)) < 1 || m > 12)
    {
      g_set_error_literal (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_FORMAT,
                           _("Expiration month: enter two digits, 01 to 12"));
      return FALSE;
    }

  return TRUE;
}

gboolean
pkio_validate_card_expiration_year (const char  *year,
                                    GError     **error)
{
  if (!pkio_validate_required (_("Expiration year"), year, 0, error))
    return FALSE;

  if (strlen (year) != 4 || !all_ascii_digits (year, 4))
    {
      g_set_error_literal (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_FORMAT,
                           _("Expiration year: enter four digits, as in 2028"));
      return FALSE;
    }

  return TRUE;
}

/**
 * pkio_validate_card_expiry:
 * @month: (nullable): "01" to "12"
 * @year: (nullable): four digits
 *
 * A card is valid through the last day of its expiry month.
 */
gboolean
pkio_validate_card_expiry (const char  *month,
                           const char  *year,
                           GError     **error)
{
  GDate today;
  int m, y;

  if (!pkio_validate_card_expiration_month (month, error) ||
      !pkio_validate_card_expiration_year (year, error))
    return FALSE;

  m = atoi (month);
  y = atoi (year);
  pkio_validate_get_today (&today);
  if (y < g_date_get_year (&today) ||
      (y == g_date_get_year (&today) && m < g_date_get_month (&today)))
    {
      g_set_error_literal (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_OUT_OF_RANGE,
                           _("Expiration date: the card has expired"));
      return FALSE;
    }

  return TRUE;
}

/**
 * pkio_validate_card_cvv:
 * @number: (nullable): the card number, which decides the length
 * @cvv: (nullable): the security code
 *
 * Three digits on the back; American Express prints four on the front.
 */
gboolean
pkio_validate_card_cvv (const char  *number,
                        const char  *cvv,
                        GError     **error)
{
  gboolean amex = pkio_card_scheme_from_number (number) == PKIO_CARD_SCHEME_AMEX;
  gsize wanted = amex ? 4 : 3;

  if (!pkio_validate_required (_("Security code (CVV)"), cvv, 0, error))
    return FALSE;

  if (strlen (cvv) != wanted || !all_ascii_digits (cvv, wanted))
    {
      if (amex)
        g_set_error_literal (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_FORMAT,
                             _("Security code (CVV): enter the four digits "
                               "on the front of the card"));
      else
        g_set_error_literal (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_FORMAT,
                             _("Security code (CVV): enter the three digits "
                               "on the back of the card"));
      return FALSE;
    }

  return TRUE;
}
