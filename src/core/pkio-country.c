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
