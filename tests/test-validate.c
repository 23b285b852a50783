/* test-validate.c
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

#include <glib.h>
#include <locale.h>
#include <string.h>

#include "pkio-country.h"
#include "pkio-phone-plan.h"
#include "pkio-test-utils.h"
#include "pkio-validate.h"

#define OK (-1)   /* in the tables: no error expected */

/* Every case runs with "today" pinned to this date. */
#define TODAY_DAY   24
#define TODAY_MONTH G_DATE_NOVEMBER
#define TODAY_YEAR  2026

static void
assert_outcome (gboolean    ok,
                GError     *error,
                int         expected_code,
                const char *label)
{
  if (expected_code == OK)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      return;
    }

  g_assert_error (error, PKIO_VALIDATE_ERROR, expected_code);
  g_assert_false (ok);
  /* Shown under the field, or after a JSON path: it must say which field. */
  if (!g_str_has_prefix (error->message, label))
    g_error ("“%s” does not start with “%s”", error->message, label);
}

/* Names */

typedef struct
{
  const char *name;
  const char *text;
  int         code;
} TextCase;

static const TextCase first_name_cases[] = {
  { "plain", "Jan", OK },
  { "hyphen", "Jan-Peter", OK },
  { "diacritics", "Renée Zoë", OK },
  { "combining-mark", "Jose\xcc\x81", OK },
  { "apostrophe", "D'Arcy", OK },
  { "typographic-apostrophe", "D’Arcy", OK },
  { "initials", "J. R. R.", OK },
  { "ingrid", "Ingrid", OK },
  { "ing-without-dot", "Ing", OK },
  { "title-dr", "Dr. Jan", PKIO_VALIDATE_ERROR_TITLE },
  { "title-dr-lower-no-dot", "dr Jan", PKIO_VALIDATE_ERROR_TITLE },
  { "title-mr", "Mr. John", PKIO_VALIDATE_ERROR_TITLE },
  { "title-mrs", "Mrs. Ann", PKIO_VALIDATE_ERROR_TITLE },
  { "title-ms", "Ms Ann", PKIO_VALIDATE_ERROR_TITLE },
  { "title-ir", "Ir. Pieter", PKIO_VALIDATE_ERROR_TITLE },
  { "title-ing", "Ing. Pieter", PKIO_VALIDATE_ERROR_TITLE },
  { "title-drs", "Drs. Anna", PKIO_VALIDATE_ERROR_TITLE },
  { "title-prof", "Prof. Anna", PKIO_VALIDATE_ERROR_TITLE },
  { "title-ds", "Ds. Piet", PKIO_VALIDATE_ERROR_TITLE },
  { "title-after-name", "Anna Prof.", PKIO_VALIDATE_ERROR_TITLE },
  { "empty", "", PKIO_VALIDATE_ERROR_EMPTY },
  { "blank", "   ", PKIO_VALIDATE_ERROR_EMPTY },
  { "null", NULL, PKIO_VALIDATE_ERROR_EMPTY },
  { "digit", "Jan2", PKIO_VALIDATE_ERROR_FORMAT },
  { "markup", "Jan <b>", PKIO_VALIDATE_ERROR_FORMAT },
  { "leading-dot", ".Jan", PKIO_VALIDATE_ERROR_FORMAT },
  { "too-long", "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    PKIO_VALIDATE_ERROR_TOO_LONG },
  { "invalid-utf8", "Jan\xff", PKIO_VALIDATE_ERROR_FORMAT },
};

static void
test_first_name (gconstpointer data)
{
  const TextCase *c = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = pkio_validate_first_name (c->text, &error);

  assert_outcome (ok, error, c->code, "First name:");
}

static const TextCase last_name_cases[] = {
  { "plain", "Doe", OK },
  { "prefix", "van der Berg", OK },
  { "suffix-sr", "Doe Sr.", OK },
  { "suffix-iii", "Doe III", OK },
  { "apostrophe", "O’Brien", OK },
  { "double", "Jansen-de Vries", OK },
  { "empty", "", PKIO_VALIDATE_ERROR_EMPTY },
  { "digit", "Sm1th", PKIO_VALIDATE_ERROR_FORMAT },
  { "at", "doe@example", PKIO_VALIDATE_ERROR_FORMAT },
};

static void
test_last_name (gconstpointer data)
{
  const TextCase *c = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = pkio_validate_last_name (c->text, &error);

  assert_outcome (ok, error, c->code, "Last name:");
}

static const TextCase email_cases[] = {
  { "plain", "john.doe@example.com", OK },
  { "short", "a@b.nl", OK },
  { "plus-subdomain", "first+tag@sub.example.co.uk", OK },
  { "idn", "jan@bücher.de", OK },
  { "no-at", "john", PKIO_VALIDATE_ERROR_FORMAT },
  { "no-domain", "john@", PKIO_VALIDATE_ERROR_FORMAT },
  { "no-local", "@example.com", PKIO_VALIDATE_ERROR_FORMAT },
  { "two-ats", "john@@example.com", PKIO_VALIDATE_ERROR_FORMAT },
  { "no-tld", "john@example", PKIO_VALIDATE_ERROR_FORMAT },
  { "double-dot", "john..doe@example.com", PKIO_VALIDATE_ERROR_FORMAT },
  { "leading-dot", ".john@example.com", PKIO_VALIDATE_ERROR_FORMAT },
  { "trailing-dot", "john.@example.com", PKIO_VALIDATE_ERROR_FORMAT },
  { "hyphen-label", "john@-example.com", PKIO_VALIDATE_ERROR_FORMAT },
  { "short-tld", "john@example.c", PKIO_VALIDATE_ERROR_FORMAT },
  { "numeric-tld", "john@example.123", PKIO_VALIDATE_ERROR_FORMAT },
  { "space", "john doe@example.com", PKIO_VALIDATE_ERROR_FORMAT },
  { "empty", "", PKIO_VALIDATE_ERROR_EMPTY },
};

static void
test_email (gconstpointer data)
{
  const TextCase *c = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = pkio_validate_email (c->text, &error);

  assert_outcome (ok, error, c->code, "Email:");
}

/* Telephone */

typedef struct
{
  const char *name;
  const char *text;
  const char *normalized;
  int         code;
} NormalizeCase;

static const NormalizeCase telephone_cases[] = {
  { "spaces", "+31 6 1234 5678", "+31612345678", OK },
  { "contract-example", "+31-0-72 568 7878", "+31725687878", OK },
  { "double-zero", "0031 6 12345678", "+31612345678", OK },
  { "trunk-in-parentheses", "+31(0)20 254 7999", "+31202547999", OK },
  { "trunk-group", "+31 (0)6-12345678", "+31612345678", OK },
  { "compact", "+18018308989", "+18018308989", OK },
  { "dashes", "+1-555-555-5555", "+15555555555", OK },
  { "national", "06 12345678", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "letter", "+31 6 1234 567x", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "extension", "+31 6 1234 5678 ext 2", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "zero-country", "+0 123456789", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "too-short", "+31 12", NULL, PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
  { "too-long", "+1234567890123456", NULL, PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
  { "plus-only", "+", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "empty", "", NULL, PKIO_VALIDATE_ERROR_EMPTY },
};

/* Grouped by each country's plan once libphonenumber is loaded, where it is
 * there; the Dutch trunk prefix typed in "(0)" never shows. */
static void
test_telephone_display_grouped (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "+31612345678", "+31 6 12345678" },
    { "+31 (0)6 1234 5678", "+31 6 12345678" },
    { "+31201234567", "+31 20 123 4567" },
    { "+31725687878", "+31 72 568 7878" },
    { "+3226001234", "+32 2 600 12 34" },
    { "+493012345678", "+49 30 12345678" },
    { "+12025550123", "+1 202-555-0123" },
    { "06 12345678", "06 12345678" },
  };

  if (!pkio_test_load_phone_plan ())
    {
      g_test_skip ("a build or an evolution-data-server without libphonenumber");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = pkio_telephone_dup_display (cases[i].in);

      g_assert_cmpstr (shown, ==, cases[i].out);
    }
  g_assert_null (pkio_telephone_dup_display (NULL));
}

/* Without libphonenumber only the country code is set apart, and so before
 * it is loaded: this runs before display-grouped loads it (GTest runs a
 * program's tests in the order they are added). */
static void
test_telephone_display (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "+31612345678", "+31 612345678" },
    { "+31 6 1234 5678", "+31 612345678" },
    { "+12025550123", "+1 2025550123" },
    { "+74951234567", "+7 4951234567" },
    { "+352621123456", "+352 621123456" },
    { "+2721123456", "+27 21123456" },
    { "06 12345678", "06 12345678" },
  };

  g_assert_false (pkio_phone_plan_is_loaded ());
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = pkio_telephone_dup_display (cases[i].in);

      g_assert_cmpstr (shown, ==, cases[i].out);
    }
  g_assert_null (pkio_telephone_dup_display (NULL));
}

static void
test_telephone (gconstpointer data)
{
  const NormalizeCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  gboolean ok = pkio_validate_telephone (c->text, &normalized, &error);

  assert_outcome (ok, error, c->code, "Telephone:");
  g_assert_cmpstr (normalized, ==, c->normalized);
}

/* Countries */

static const TextCase country_cases[] = {
  { "lower", "nl", OK },
  { "upper", "NL", OK },
  { "mixed", "Us", OK },
  { "belgium", "be", OK },
  { "unknown", "xx", PKIO_VALIDATE_ERROR_NOT_ALLOWED },
  { "alpha-3", "nld", PKIO_VALIDATE_ERROR_NOT_ALLOWED },
  { "name", "Netherlands", PKIO_VALIDATE_ERROR_NOT_ALLOWED },
  { "empty", "", PKIO_VALIDATE_ERROR_EMPTY },
};

static void
test_country (gconstpointer data)
{
  const TextCase *c = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = pkio_validate_country (c->text, &error);

  assert_outcome (ok, error, c->code, "Country:");
}

static void
test_country_data (void)
{
  const char * const *codes = pkio_country_get_codes ();

  /* From iso-codes, not a hand-written list: every assigned code is there. */
  g_assert_cmpuint (g_strv_length ((char **) codes), >=, 249);
  g_assert_true (g_strv_contains (codes, "nl"));
  g_assert_true (g_strv_contains (codes, "us"));
  g_assert_false (g_strv_contains (codes, "NL"));
  for (guint i = 1; codes[i] != NULL; i++)
    g_assert_cmpint (strcmp (codes[i - 1], codes[i]), <, 0);

  /* Untranslated here (C locale); the common name is preferred. */
  g_assert_cmpstr (pkio_country_get_name ("nl"), ==, "Netherlands");
  g_assert_cmpstr (pkio_country_get_name ("BO"), ==, "Bolivia");
  g_assert_null (pkio_country_get_name ("xx"));
  g_assert_null (pkio_country_get_name (NULL));

  g_assert_true (pkio_country_uses_states ("us"));
  g_assert_true (pkio_country_uses_states ("CA"));
  g_assert_false (pkio_country_uses_states ("nl"));
  g_assert_false (pkio_country_uses_states ("be"));
  g_assert_false (pkio_country_uses_states (NULL));
}

static void
test_country_translated (void)
{
  /* The names come from the iso-codes catalogue, in the user's language.
   * glibc reads a catalogue only under a real locale (not C, and since 2.41
   * not C.UTF-8 either): build-aux/run-tests makes nl_NL.UTF-8 in LOCPATH. */
  if (setlocale (LC_ALL, "nl_NL.UTF-8") == NULL)
    g_error ("no nl_NL.UTF-8 locale: run the tests with build-aux/run-tests");
  g_setenv ("LANGUAGE", "nl", TRUE);

  g_assert_cmpstr (pkio_country_get_name ("nl"), ==, "Nederland");
  g_assert_cmpstr (pkio_country_get_name ("DE"), ==, "Duitsland");

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C");
  g_assert_cmpstr (pkio_country_get_name ("nl"), ==, "Netherlands");
}

static gpointer
country_thread (gpointer data)
{
  return GINT_TO_POINTER (pkio_country_is_known ("nl"));
}

static void
test_country_threads (void)
{
  GThread *threads[8];

  /* The first use loads the table; concurrent first uses must agree. */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("country", country_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
}

/* Postal codes and states */

typedef struct
{
  const char *name;
  const char *country;
  const char *text;
  const char *normalized;
  int         code;
} PostcodeCase;

static const PostcodeCase postcode_cases[] = {
  { "nl-valid-1", "nl", "1234 AB", "1234 AB", OK },
  { "nl-valid-2", "NL", "1234ab", "1234 AB", OK },
  { "nl-valid-3", "nl", " 2490  aa ", "2490 AA", OK },
  { "nl-leading-zero", "nl", "0123 AB", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "nl-sa", "nl", "1234 SA", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "nl-ss", "nl", "1234 SS", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "nl-one-letter", "nl", "1234 A", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "nl-digits", "nl", "12345", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "nl-letter-digit", "nl", "1234 A1", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "nl-empty", "nl", "", NULL, PKIO_VALIDATE_ERROR_EMPTY },
  { "be-valid", "be", "1000", "1000", OK },
  { "be-leading-zero", "be", "0999", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "be-five", "be", "10000", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "be-letter", "be", "1O00", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "de-valid", "de", "01067", "01067", OK },
  { "de-four", "de", "1011", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "fr-valid", "fr", "75001", "75001", OK },
  { "fr-letter", "fr", "7500A", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "lu-digits", "lu", "1234", "L-1234", OK },
  { "lu-prefixed", "lu", "L-1234", "L-1234", OK },
  { "lu-lower-prefix", "lu", "l-1234", "L-1234", OK },
  { "lu-five", "lu", "12345", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "gb-valid-1", "gb", "SW1A 1AA", "SW1A 1AA", OK },
  { "gb-valid-2", "gb", "sw1a1aa", "SW1A 1AA", OK },
  { "gb-valid-3", "gb", "M1 1AE", "M1 1AE", OK },
  { "gb-valid-4", "gb", "DN55 1PT", "DN55 1PT", OK },
  { "gb-valid-5", "gb", "CR2 6XH", "CR2 6XH", OK },
  { "gb-girobank", "gb", "GIR 0AA", "GIR 0AA", OK },
  { "gb-short-inward", "gb", "SW1A 1A", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "gb-digit-first", "gb", "1W1A 1AA", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "gb-dash", "gb", "SW1A-1AA", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "us-zip", "us", "58061", "58061", OK },
  { "us-zip4", "us", "58061-1234", "58061-1234", OK },
  { "us-four", "us", "5806", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "us-nine-undashed", "us", "580611234", NULL, PKIO_VALIDATE_ERROR_FORMAT },
  { "other-any", "ch", " 8001 ", "8001", OK },
  { "other-empty", "jp", "", NULL, PKIO_VALIDATE_ERROR_EMPTY },
  { "no-country", NULL, "anything", "anything", OK },
};

static void
test_postcode (gconstpointer data)
{
  const PostcodeCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  gboolean ok = pkio_validate_postcode (c->country, c->text, &normalized, &error);
  gboolean us = c->country && g_str_equal (c->country, "us") && c->code != PKIO_VALIDATE_ERROR_EMPTY;

  assert_outcome (ok, error, c->code, us ? "ZIP code:" : "Postal code:");
  g_assert_cmpstr (normalized, ==, c->normalized);
}

static void
test_state (void)
{
  g_autoptr(GError) error = NULL;

  /* Asked only where the country has states. */
  g_assert_true (pkio_validate_state ("nl", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pkio_validate_state ("nl", "Noord-Holland", &error));
  g_assert_no_error (error);
  g_assert_true (pkio_validate_state ("us", "Louisiana", &error));
  g_assert_no_error (error);

  g_assert_false (pkio_validate_state ("us", "", &error));
  g_assert_error (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_EMPTY);
  g_assert_true (g_str_has_prefix (error->message, "State or province:"));

  g_assert_true (pkio_validate_postcode_required ("NL"));
  g_assert_false (pkio_validate_postcode_required ("ch"));
}

/* A state where iso-codes lists the country's subdivisions names one of
 * them; a start shared by several is refused with their names. */
static void
test_subdivision (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matches = NULL;

  g_assert_true (pkio_validate_subdivision ("nl", "State or province", "Noord-Holland", &error));
  g_assert_no_error (error);
  g_assert_true (pkio_validate_subdivision ("nl", "State or province", "noord-holland", &error));
  g_assert_true (pkio_validate_subdivision ("nl", "State or province", "nh", &error));
  g_assert_true (pkio_validate_subdivision ("us", "State or province", "LA", &error));
  g_assert_true (pkio_validate_subdivision ("ca", "State or province", "quebec", &error));
  g_assert_no_error (error);
  /* Empty is for the required check; no list, no check. */
  g_assert_true (pkio_validate_subdivision ("nl", "State or province", NULL, &error));
  g_assert_true (pkio_validate_subdivision ("xk", "State or province", "Prishtina", &error));
  g_assert_no_error (error);

  g_assert_false (pkio_validate_subdivision ("nl", "State or province", "Noord", &error));
  g_assert_error (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "Noord-Brabant, Noord-Holland"));
  g_clear_error (&error);
  g_assert_false (pkio_validate_subdivision ("nl", "State or province", "Texel", &error));
  g_assert_error (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_FORMAT);
  g_assert_true (g_str_has_prefix (error->message, "State or province: “Texel”"));
  g_clear_error (&error);

  /* One start, one name: what Enter completes. */
  matches = pkio_country_match_subdivisions ("us", "louis");
  g_assert_cmpuint (matches->len, ==, 1);
  g_assert_cmpstr (((PkioSubdivision *) g_ptr_array_index (matches, 0))->code, ==, "US-LA");
}

/* Validity */

typedef struct
{
  const char *name;
  int         value;
  int         code;
} IntCase;

static const IntCase years_cases[] = {
  { "0", 0, PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
  { "1", 1, OK },
  { "2", 2, OK },
  { "3", 3, OK },
  { "4", 4, PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
  { "negative", -1, PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
};

static void
test_years (gconstpointer data)
{
  const IntCase *c = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = pkio_validate_validity_years (c->value, &error);

  assert_outcome (ok, error, c->code, "Validity:");
}

static const IntCase days_cases[] = {
  { "0", 0, PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
  { "1", 1, OK },
  { "396", 396, OK },
  { "397", 397, OK },
  { "398", 398, PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
  { "negative", -5, PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
};

static void
test_days (gconstpointer data)
{
  const IntCase *c = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = pkio_validate_validity_days (c->value, &error);

  assert_outcome (ok, error, c->code, "Validity:");
}

/* Days from the pinned today to the custom expiration date. */
static const IntCase custom_offset_cases[] = {
  { "yesterday", -1, PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
  { "today", 0, PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
  { "tomorrow", 1, OK },
  { "396", 396, OK },
  { "397", 397, OK },
  { "398", 398, PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
  { "ten-years", 3650, PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
};

static void
test_custom_date_offset (gconstpointer data)
{
  const IntCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GDate date, parsed;
  gboolean ok;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, TODAY_DAY, TODAY_MONTH, TODAY_YEAR);
  if (c->value >= 0)
    g_date_add_days (&date, c->value);
  else
    g_date_subtract_days (&date, -c->value);

  text = pkio_format_custom_expiration_date (&date);
  ok = pkio_validate_custom_expiration_date (text, &parsed, &error);
  assert_outcome (ok, error, c->code, "Expiration date:");
  if (ok)
    g_assert_cmpint (g_date_compare (&date, &parsed), ==, 0);
}

static const TextCase custom_text_cases[] = {
  { "contract-shape", "09 JUN 2027", OK },
  { "lower-case-month", "09 jun 2027", OK },
  { "leap-day", "29 FEB 2028", PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
  { "one-digit-day", "9 JUN 2027", PKIO_VALIDATE_ERROR_FORMAT },
  { "long-month", "09 JUNE 2027", PKIO_VALIDATE_ERROR_FORMAT },
  { "no-such-day", "31 FEB 2027", PKIO_VALIDATE_ERROR_FORMAT },
  { "dashes", "09-JUN-2027", PKIO_VALIDATE_ERROR_FORMAT },
  { "iso", "2027-06-09", PKIO_VALIDATE_ERROR_FORMAT },
  { "dutch-month", "09 MEI 2027", PKIO_VALIDATE_ERROR_FORMAT },
  { "empty", "", PKIO_VALIDATE_ERROR_EMPTY },
};

static void
test_custom_date_text (gconstpointer data)
{
  const TextCase *c = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = pkio_validate_custom_expiration_date (c->text, NULL, &error);

  assert_outcome (ok, error, c->code, "Expiration date:");
}

static void
test_custom_date_format (void)
{
  GDate date;
  g_autofree char *text = NULL;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 9, G_DATE_JUNE, 2021);
  text = pkio_format_custom_expiration_date (&date);
  g_assert_cmpstr (text, ==, "09 JUN 2021");
}

/* Cards */

static const TextCase card_number_cases[] = {
  { "visa-16", "4111111111111111", OK },
  { "visa-13", "4222222222222", OK },
  { "visa-grouped", "4111 1111 1111 1111", OK },
  { "visa-dashed", "4012-8888-8888-1881", OK },
  { "mastercard-5", "5555555555554444", OK },
  { "mastercard-2", "2223003122003222", OK },
  { "amex", "378282246310005", OK },
  { "discover", "6011111111111117", OK },
  { "diners-14", "30569309025904", OK },
  { "jcb", "3530111333300000", OK },
  { "luhn", "4111111111111112", PKIO_VALIDATE_ERROR_CHECKSUM },
  { "visa-15", "411111111111111", PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
  { "amex-16", "3782822463100051", PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
  { "mastercard-15", "555555555555444", PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
  { "too-short", "4242", PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
  { "letter", "4111 1111 1111 111a", PKIO_VALIDATE_ERROR_FORMAT },
  { "empty", "", PKIO_VALIDATE_ERROR_EMPTY },
};

static void
test_card_number (gconstpointer data)
{
  const TextCase *c = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = pkio_validate_card_number (c->text, &error);

  assert_outcome (ok, error, c->code, "Card number:");
}

static void
test_card_scheme (void)
{
  g_assert_cmpint (pkio_card_scheme_from_number ("4111111111111111"), ==, PKIO_CARD_SCHEME_VISA);
  g_assert_cmpint (pkio_card_scheme_from_number ("5105105105105100"), ==, PKIO_CARD_SCHEME_MASTERCARD);
  g_assert_cmpint (pkio_card_scheme_from_number ("2720990000000007"), ==, PKIO_CARD_SCHEME_MASTERCARD);
  g_assert_cmpint (pkio_card_scheme_from_number ("3714 496353 98431"), ==, PKIO_CARD_SCHEME_AMEX);
  g_assert_cmpint (pkio_card_scheme_from_number ("6011000990139424"), ==, PKIO_CARD_SCHEME_DISCOVER);
  g_assert_cmpint (pkio_card_scheme_from_number ("3566002020360505"), ==, PKIO_CARD_SCHEME_JCB);
  g_assert_cmpint (pkio_card_scheme_from_number ("6759649826438453"), ==, PKIO_CARD_SCHEME_MAESTRO);
  g_assert_cmpint (pkio_card_scheme_from_number ("12"), ==, PKIO_CARD_SCHEME_UNKNOWN);
  g_assert_cmpint (pkio_card_scheme_from_number (NULL), ==, PKIO_CARD_SCHEME_UNKNOWN);
}

static void
test_card_mask (void)
{
  g_autofree char *visa = pkio_card_number_mask ("4111 1111 1111 1234");
  g_autofree char *amex = pkio_card_number_mask ("378282246310005");
  g_autofree char *junk = pkio_card_number_mask ("not a number 1234");

  g_assert_cmpstr (visa, ==, "•••• •••• •••• 1234");
  g_assert_cmpstr (amex, ==, "••• •••• •••• 0005");
  g_assert_cmpstr (junk, ==, "••••");
  g_assert_null (pkio_card_number_mask (NULL));
}

typedef struct
{
  const char *name;
  const char *month;
  const char *year;
  int         code;
} ExpiryCase;

static const ExpiryCase expiry_cases[] = {
  { "this-month", "11", "2026", OK },
  { "next-month", "12", "2026", OK },
  { "next-year", "01", "2027", OK },
  { "last-month", "10", "2026", PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
  { "last-year", "12", "2025", PKIO_VALIDATE_ERROR_OUT_OF_RANGE },
  { "month-13", "13", "2027", PKIO_VALIDATE_ERROR_FORMAT },
  { "month-00", "00", "2027", PKIO_VALIDATE_ERROR_FORMAT },
  { "month-one-digit", "1", "2027", PKIO_VALIDATE_ERROR_FORMAT },
  { "year-two-digits", "01", "27", PKIO_VALIDATE_ERROR_FORMAT },
  { "month-empty", "", "2027", PKIO_VALIDATE_ERROR_EMPTY },
};

static void
test_card_expiry (gconstpointer data)
{
  const ExpiryCase *c = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = pkio_validate_card_expiry (c->month, c->year, &error);

  assert_outcome (ok, error, c->code, "Expiration");
}

typedef struct
{
  const char *name;
  const char *number;
  const char *cvv;
  int         code;
} CvvCase;

static const CvvCase cvv_cases[] = {
  { "visa-3", "4111111111111111", "123", OK },
  { "visa-4", "4111111111111111", "1234", PKIO_VALIDATE_ERROR_FORMAT },
  { "amex-4", "378282246310005", "1234", OK },
  { "amex-3", "378282246310005", "123", PKIO_VALIDATE_ERROR_FORMAT },
  { "letter", "4111111111111111", "12a", PKIO_VALIDATE_ERROR_FORMAT },
  { "empty", "4111111111111111", "", PKIO_VALIDATE_ERROR_EMPTY },
};

static void
test_card_cvv (gconstpointer data)
{
  const CvvCase *c = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = pkio_validate_card_cvv (c->number, c->cvv, &error);

  assert_outcome (ok, error, c->code, "Security code (CVV):");
}

static void
test_required (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pkio_validate_required ("City", "Delft", 10, &error));
  g_assert_no_error (error);
  g_assert_false (pkio_validate_required ("City", "Delftshaven", 10, &error));
  g_assert_error (error, PKIO_VALIDATE_ERROR, PKIO_VALIDATE_ERROR_TOO_LONG);
  g_assert_cmpstr (error->message, ==, "City: at most 10 characters");
  g_clear_error (&error);
  /* Characters, not bytes. */
  g_assert_true (pkio_validate_required ("City", "Ürümqiéé", 8, &error));
  g_assert_no_error (error);
}

#define ADD_CASES(prefix, cases, func) \
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) \
    { \
      g_autofree char *path = g_strconcat (prefix, "/", cases[i].name, NULL); \
      g_test_add_data_func (path, &cases[i], func); \
    }

int
main (int   argc,
      char *argv[])
{
  GDate today;

  g_test_init (&argc, &argv, NULL);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, TODAY_DAY, TODAY_MONTH, TODAY_YEAR);
  pkio_validate_set_today_for_testing (&today);

  ADD_CASES ("/pkio/validate/first-name", first_name_cases, test_first_name);
  ADD_CASES ("/pkio/validate/last-name", last_name_cases, test_last_name);
  ADD_CASES ("/pkio/validate/email", email_cases, test_email);
  ADD_CASES ("/pkio/validate/telephone", telephone_cases, test_telephone);
  ADD_CASES ("/pkio/validate/country", country_cases, test_country);
  ADD_CASES ("/pkio/validate/postcode", postcode_cases, test_postcode);
  ADD_CASES ("/pkio/validate/years", years_cases, test_years);
  ADD_CASES ("/pkio/validate/days", days_cases, test_days);
  ADD_CASES ("/pkio/validate/custom-date/offset", custom_offset_cases, test_custom_date_offset);
  ADD_CASES ("/pkio/validate/custom-date/text", custom_text_cases, test_custom_date_text);
  ADD_CASES ("/pkio/validate/card/number", card_number_cases, test_card_number);
  ADD_CASES ("/pkio/validate/card/expiry", expiry_cases, test_card_expiry);
  ADD_CASES ("/pkio/validate/card/cvv", cvv_cases, test_card_cvv);

  g_test_add_func ("/pkio/validate/country/data", test_country_data);
  g_test_add_func ("/pkio/validate/country/threads", test_country_threads);
  g_test_add_func ("/pkio/validate/country/translated", test_country_translated);
  g_test_add_func ("/pkio/validate/state", test_state);
  g_test_add_func ("/pkio/validate/subdivision", test_subdivision);
  g_test_add_func ("/pkio/validate/custom-date/format", test_custom_date_format);
  g_test_add_func ("/pkio/validate/card/scheme", test_card_scheme);
  g_test_add_func ("/pkio/validate/card/mask", test_card_mask);
  g_test_add_func ("/pkio/validate/required", test_required);
  g_test_add_func ("/pkio/validate/telephone/display", test_telephone_display);
  g_test_add_func ("/pkio/validate/telephone/display-grouped", test_telephone_display_grouped);

  return g_test_run ();
}
