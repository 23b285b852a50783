/* pkio-country-drop-down.c
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

#include "pkio-country.h"
#include "pkio-country-drop-down.h"

static char *
country_name_cb (GtkStringObject *item)
{
  const char *code = gtk_string_object_get_string (item);
  const char *name;

  /* The empty code is "no country": a desk default left unset. */
  if (code[0] == '\0')
    return g_strdup (_("None"));

  name = pkio_country_get_name (code);
  return g_strdup (name ? name : code);
}

static int
compare_country_names (gconstpointer a,
                       gconstpointer b)
{
  const char *code_a = *(const char * const *)a;
  const char *code_b = *(const char * const *)b;

  return g_utf8_collate (pkio_country_get_name (code_a), pkio_country_get_name (code_b));
}

static GtkStringList *
country_list_new (gboolean with_none)
{
  const char * const *codes = pkio_country_get_codes ();
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; codes[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer)codes[i]);

  /* In the user's language, sorted as the user reads: "Nederland" under N. */
  g_ptr_array_sort (sorted, compare_country_names);
  if (with_none)
    g_ptr_array_insert (sorted, 0, (gpointer) "");
  g_ptr_array_add (sorted, NULL);

  return gtk_string_list_new ((const char * const *)sorted->pdata);
}

/**
 * pkio_country_drop_down_new:
 * @accessible_label: what a screen reader calls it
 * @with_none: whether the first item is "None" (the empty code)
 *
 * Returns: (transfer floating): a #GtkDropDown of country codes, with
 *   nothing selected
 */
GtkWidget *
pkio_country_drop_down_new (const char *accessible_label,
                            gboolean    with_none)
{
  GtkExpression *expression;
  GtkWidget *dropdown;

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (country_name_cb), NULL, NULL);
  dropdown = gtk_drop_down_new (G_LIST_MODEL (country_list_new (with_none)), expression);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), GTK_INVALID_LIST_POSITION);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);

  return dropdown;
}

/**
 * pkio_country_drop_down_get_code:
 *
 * Returns: (nullable): the selected code ("" for None), or %NULL
 */
const char *
pkio_country_drop_down_get_code (GtkDropDown *dropdown)
{
  GtkStringObject *item;

  g_return_val_if_fail (GTK_IS_DROP_DOWN (dropdown), NULL);

  item = gtk_drop_down_get_selected_item (dropdown);
  return item ? gtk_string_object_get_string (item) : NULL;
}

/**
 * pkio_country_drop_down_set_code:
 * @code: (nullable): a code, matched without regard to case; %NULL or an
 *   unknown one selects nothing
 */
void
pkio_country_drop_down_set_code (GtkDropDown *dropdown,
                                 const char  *code)
{
  GListModel *model;
  guint position = GTK_INVALID_LIST_POSITION;
  guint n;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  model = gtk_drop_down_get_model (dropdown);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; code != NULL && i < n; i++)
    {
      if (g_ascii_strcasecmp (gtk_string_list_get_string (GTK_STRING_LIST (model), i), code) == 0)
        {
          position = i;
          break;
        }
    }

  if (gtk_drop_down_get_selected (dropdown) != position)
    gtk_drop_down_set_selected (dropdown, position);
}
