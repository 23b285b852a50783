/* pkio-country.c
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
#include <json-glib/json-glib.h>
#include <string.h>

#include "pkio-country.h"

typedef struct
{
  GHashTable  *names;   /* upper-case alpha-2 → English name (interned) */
  const char **codes;   /* lower-case alpha-2, sorted, NULL-terminated */
} CountryTable;

/* Countries whose addresses carry a state, province or prefecture that the
 * post expects (after libaddressinput's "require" data). This is a rule about
 * addresses, which iso-codes does not hold. */
static const char * const countries_with_states[] = {
  "AE", "AR", "AU", "BR", "CA", "CN", "ES", "ID", "IE", "IN", "IT", "JP", "KR",
  "MX", "MY", "NG", "TH", "US",
};

static void
load_entries (GHashTable *names,
              GPtrArray  *codes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonArray *entries;

  if (!json_parser_load_from_file (parser, ISO_3166_1_JSON, &error))
    {
      g_warning ("Cannot read the country list %s: %s", ISO_3166_1_JSON, error->message);
      return;
    }

  root = json_parser_get_root (parser);
  object = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  entries = object ? json_object_get_array_member (object, "3166-1") : NULL;
  if (entries == NULL)
    {
      g_warning ("The country list %s has an unexpected shape", ISO_3166_1_JSON);
      return;
    }

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      g_autofree char *lower = NULL;
      const char *alpha_2;
      const char *name;

      if (entry == NULL)
        continue;

      alpha_2 = json_object_get_string_member_with_default (entry, "alpha_2", NULL);
      /* The common name ("Bolivia") reads better than the formal one and is
       * a msgid of the iso-codes catalogue too. */
      name = json_object_get_string_member_with_default (entry, "common_name", NULL);
      if (name == NULL)
        name = json_object_get_string_member_with_default (entry, "name", NULL);
      if (alpha_2 == NULL || strlen (alpha_2) != 2 || name == NULL)
        continue;

      lower = g_ascii_strdown (alpha_2, -1);
      g_hash_table_insert (names,
                           (gpointer) g_intern_string (alpha_2),
                           (gpointer) g_intern_string (name));
      g_ptr_array_add (codes, (gpointer) g_intern_string (lower));
    }
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static CountryTable *
country_table_load (void)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  CountryTable *table = g_new0 (CountryTable, 1);

  bindtextdomain ("iso_3166-1", ISO_CODES_LOCALEDIR);
  bind_textdomain_codeset ("iso_3166-1", "UTF-8");

  table->names = g_hash_table_new (g_str_hash, g_str_equal);
  load_entries (table->names, codes);

  g_ptr_array_sort (codes, compare_codes);
  g_ptr_array_add (codes, NULL);
  table->codes = (const char **) g_ptr_array_steal (codes, NULL);

  return table;
}

static const CountryTable *
country_table_get (void)
{
  static CountryTable *table;

  /* The table is loaded once, on first use, and kept for the life of the
   * process: the wizard and the validators ask for it from any thread. */
  if (g_once_init_enter (&table))
    g_once_init_leave (&table, country_table_load ());

  return table;
}

static gboolean
upper_code (const char *code,
            char        out[3])
{
  if (code == NULL || !g_ascii_isalpha (code[0]) || !g_ascii_isalpha (code[1]) || code[2] != '\0')
    return FALSE;

  out[0] = g_ascii_toupper (code[0]);
  out[1] = g_ascii_toupper (code[1]);
  out[2] = '\0';

  return TRUE;
}

/**
 * pkio_country_is_known:
 * @code: (nullable): a two-letter code in either case
 *
 * Returns: whether @code is an ISO 3166-1 alpha-2 code
 */
gboolean
pkio_country_is_known (const char *code)
{
  char upper[3];

  if (!upper_code (code, upper))
    return FALSE;

  return g_hash_table_contains (country_table_get ()->names, upper);
}

/**
 * pkio_country_get_name:
 * @code: (nullable): a two-letter code in either case
 *
 * Returns: (nullable): the country's name in the user's language, or %NULL
 *   for an unknown code
 */
const char *
pkio_country_get_name (const char *code)
{
  const char *name;
  char upper[3];

  if (!upper_code (code, upper))
    return NULL;

  name = g_hash_table_lookup (country_table_get ()->names, upper);
  if (name == NULL)
    return NULL;

  return g_dgettext ("iso_3166-1", name);
}

/**
 * pkio_country_get_codes:
 *
 * Returns: (transfer none): every known code, lower case as the API writes
 *   them, sorted by code
 */
const char * const *
pkio_country_get_codes (void)
{
  return (const char * const *) country_table_get ()->codes;
}

/**
 * pkio_country_uses_states:
 * @code: (nullable): a two-letter code in either case
 *
 * Returns: whether addresses in this country name a state or province
 */
gboolean
pkio_country_uses_states (const char *code)
{
  char upper[3];

  if (!upper_code (code, upper))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (countries_with_states); i++)
    {
      if (g_str_equal (countries_with_states[i], upper))
        return TRUE;
    }

  return FALSE;
}

/* ISO 3166-2 subdivisions (states, provinces, regions), from iso-codes as
 * well: loaded the first time a form asks, kept for the process. */

typedef struct
{
  GHashTable *by_country;   /* upper-case alpha-2 → GPtrArray of PkioSubdivision, NULL-terminated */
} SubdivisionTable;

static int
compare_subdivisions (gconstpointer a,
                      gconstpointer b)
{
  const PkioSubdivision *sa = *(const PkioSubdivision * const *) a;
  const PkioSubdivision *sb = *(const PkioSubdivision * const *) b;

  return strcmp (sa->code, sb->code);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  const PkioSubdivision *sa = *(const PkioSubdivision * const *) a;
  const PkioSubdivision *sb = *(const PkioSubdivision * const *) b;

  return g_utf8_collate (pkio_subdivision_get_name (sa), pkio_subdivision_get_name (sb));
}

static void
terminate_list (gpointer key,
                gpointer value,
                gpointer data)
{
  GPtrArray *list = value;

  g_ptr_array_sort (list, compare_subdivisions);
  g_ptr_array_add (list, NULL);
}

static SubdivisionTable *
subdivision_table_load (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  SubdivisionTable *table = g_new0 (SubdivisionTable, 1);
  JsonNode *root;
  JsonArray *entries = NULL;

  bindtextdomain ("iso_3166-2", ISO_CODES_LOCALEDIR);
  bind_textdomain_codeset ("iso_3166-2", "UTF-8");

  table->by_country = g_hash_table_new (g_str_hash, g_str_equal);

  if (!json_parser_load_from_file (parser, ISO_3166_2_JSON, &error))
    {
      g_warning ("Cannot read the subdivision list %s: %s", ISO_3166_2_JSON, error->message);
      return table;
    }

  root = json_parser_get_root (parser);
  if (JSON_NODE_HOLDS_OBJECT (root))
    entries = json_object_get_array_member (json_node_get_object (root), "3166-2");
  if (entries == NULL)
    {
      g_warning ("The subdivision list %s has an unexpected shape", ISO_3166_2_JSON);
      return table;
    }

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);
      const char *code;
      const char *name;
      char country[3];
      PkioSubdivision *subdivision;
      GPtrArray *list;

      if (entry == NULL)
        continue;
      code = json_object_get_string_member_with_default (entry, "code", NULL);
      name = json_object_get_string_member_with_default (entry, "name", NULL);
      if (code == NULL || name == NULL || strlen (code) < 4 || code[2] != '-')
        continue;

      country[0] = code[0];
      country[1] = code[1];
      country[2] = '\0';
      list = g_hash_table_lookup (table->by_country, country);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (table->by_country, (gpointer) g_strdup (country), list);
        }

      /* Copies kept for the process, not interned: some ten thousand
       * quarks would make GLib move to bigger quark tables, leaving the
       * old ones behind on purpose (a leak to LeakSanitizer). */
      subdivision = g_new0 (PkioSubdivision, 1);
      subdivision->code = g_strdup (code);
      subdivision->name = g_strdup (name);
      g_ptr_array_add (list, subdivision);
    }

  g_hash_table_foreach (table->by_country, terminate_list, NULL);

  return table;
}

static const SubdivisionTable *
subdivision_table_get (void)
{
  static SubdivisionTable *table;

  if (g_once_init_enter (&table))
    g_once_init_leave (&table, subdivision_table_load ());

  return table;
}

/**
 * pkio_country_get_subdivisions:
 * @code: (nullable): a two-letter country code in either case
 *
 * Returns: (transfer none) (nullable) (array zero-terminated=1): the
 *   country's ISO 3166-2 subdivisions, sorted by code, or %NULL where
 *   iso-codes has none
 */
const PkioSubdivision * const *
pkio_country_get_subdivisions (const char *code)
{
  GPtrArray *list;
  char upper[3];

  if (!upper_code (code, upper))
    return NULL;

  list = g_hash_table_lookup (subdivision_table_get ()->by_country, upper);
  return list ? (const PkioSubdivision * const *) list->pdata : NULL;
}

/* For comparing what a person typed with a name: without regard to case
 * or accents, so that "quebec" finds "Québec". */
static char *
fold (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  g_autoptr(GString) bare = g_string_new (NULL);

  if (decomposed == NULL)
    return g_strdup ("");

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) != G_UNICODE_NON_SPACING_MARK)
        g_string_append_unichar (bare, c);
    }

  return g_utf8_casefold (bare->str, -1);
}

/**
 * pkio_country_find_subdivision:
 * @code: (nullable): a two-letter country code
 * @value: (nullable): a subdivision as an order holds it: its code after
 *   the dash ("nh", as ship_info sends it), its whole code ("NL-NH"), or
 *   its English or translated name ("Noord-Holland")
 *
 * Returns: (transfer none) (nullable): the subdivision, or %NULL
 */
const PkioSubdivision *
pkio_country_find_subdivision (const char *code,
                               const char *value)
{
  const PkioSubdivision * const *list = pkio_country_get_subdivisions (code);
  g_autofree char *folded = NULL;

  if (list == NULL || value == NULL || value[0] == '\0' || !g_utf8_validate (value, -1, NULL))
    return NULL;

  for (guint i = 0; list[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (list[i]->code + 3, value) == 0 ||
          g_ascii_strcasecmp (list[i]->code, value) == 0)
        return list[i];
    }

  /* Names as a person may type them: "utrecht", "Quebec". */
  folded = fold (value);
  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autofree char *name = fold (pkio_subdivision_get_name (list[i]));
      g_autofree char *english = fold (list[i]->name);

      if (g_str_equal (name, folded) || g_str_equal (english, folded))
        return list[i];
    }

  return NULL;
}

/**
 * pkio_country_match_subdivisions:
 * @code: (nullable): a two-letter country code
 * @text: (nullable): what a person typed for the state or province
 *
 * The subdivisions @text may stand for, for completing and for saying
 * what is possible: the one whose code or name (translated or English) is
 * @text, or else those whose name begins with it, without regard to case
 * or accents, sorted by their translated names.
 *
 * Returns: (transfer container) (element-type PkioSubdivision): the
 *   matches, possibly none
 */
GPtrArray *
pkio_country_match_subdivisions (const char *code,
                                 const char *text)
{
  const PkioSubdivision * const *list = pkio_country_get_subdivisions (code);
  GPtrArray *matches = g_ptr_array_new ();
  const PkioSubdivision *exact;
  g_autofree char *needle = NULL;

  if (list == NULL || text == NULL || !g_utf8_validate (text, -1, NULL))
    return matches;

  needle = fold (text);
  g_strstrip (needle);
  if (needle[0] == '\0')
    return matches;

  exact = pkio_country_find_subdivision (code, text);
  if (exact != NULL)
    {
      g_ptr_array_add (matches, (gpointer) exact);
      return matches;
    }

  for (guint i = 0; list[i] != NULL; i++)
    {
      g_autofree char *name = fold (pkio_subdivision_get_name (list[i]));
      g_autofree char *english = fold (list[i]->name);

      if (g_str_has_prefix (name, needle) || g_str_has_prefix (english, needle))
        g_ptr_array_add (matches, (gpointer) list[i]);
    }

  g_ptr_array_sort (matches, compare_names);
  return matches;
}

/**
 * pkio_subdivision_get_name:
 *
 * Returns: the subdivision's name in the user's language
 */
const char *
pkio_subdivision_get_name (const PkioSubdivision *subdivision)
{
  g_return_val_if_fail (subdivision != NULL, NULL);

  /* Make sure the domain is bound before the first lookup. */
  subdivision_table_get ();
  return g_dgettext ("iso_3166-2", subdivision->name);
}

/**
 * pkio_subdivision_dup_value:
 * @as_code: %TRUE for the code after the dash, lower case ("la"), as
 *   ship_info.state; %FALSE for the English name ("Louisiana"), as the
 *   individual's and the billing address's state
 *
 * Returns: (transfer full): the value sent to CertCentral
 */
char *
pkio_subdivision_dup_value (const PkioSubdivision *subdivision,
                            gboolean               as_code)
{
  g_return_val_if_fail (subdivision != NULL, NULL);

  return as_code ? g_ascii_strdown (subdivision->code + 3, -1) : g_strdup (subdivision->name);
}
