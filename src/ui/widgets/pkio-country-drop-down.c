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

#include <string.h>

static char *
country_name_cb (GtkStringObject *item,
                 gpointer         with_none)
{
  const char *code = gtk_string_object_get_string (item);
  const char *name;

  /* The empty code is "no country": a desk default left unset, or in an
   * order, a country not chosen yet. */
  if (code[0] == '\0')
    return g_strdup (with_none ? _("None") : _("Choose a Country…"));

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
  /* Always an item for "none": GTK 4.18's drop-down shows its first item
   * when nothing is selected, which would read as a country chosen. */
  g_ptr_array_insert (sorted, 0, (gpointer) "");
  g_ptr_array_add (sorted, NULL);

  return gtk_string_list_new ((const char * const *)sorted->pdata);
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? child
                                                                   : find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  PkioDropDownChosenFunc func;
  gpointer               data;
} ChosenHook;

static void
chosen_idle_cb (gpointer data)
{
  g_autoptr(GtkDropDown) dropdown = data;
  ChosenHook *hook = g_object_get_data (G_OBJECT (dropdown), "pkio-chosen");

  if (hook != NULL && gtk_widget_get_mapped (GTK_WIDGET (dropdown)))
    hook->func (dropdown, hook->data);
}

/* Once the list has closed and given the focus back. */
static void
chosen_by_key (GtkDropDown *dropdown)
{
  if (g_object_get_data (G_OBJECT (dropdown), "pkio-chosen") != NULL)
    g_idle_add_once (chosen_idle_cb, g_object_ref (dropdown));
}

/**
 * pkio_drop_down_set_chosen_func:
 *
 * @func is called after the user chose an item with Enter (in the search
 * or on the list), as after Enter in a typed field.
 */
void
pkio_drop_down_set_chosen_func (GtkDropDown            *dropdown,
                                PkioDropDownChosenFunc  func,
                                gpointer                data)
{
  ChosenHook *hook = g_new0 (ChosenHook, 1);

  hook->func = func;
  hook->data = data;
  g_object_set_data_full (G_OBJECT (dropdown), "pkio-chosen", hook, g_free);
}

static void
list_activate_cb (GtkListView *list,
                  guint        position,
                  GtkDropDown *dropdown)
{
  chosen_by_key (dropdown);
}

/* The name shown for an item, as the search compares it. */
static char *
item_name (GtkDropDown *dropdown,
           GObject     *item)
{
  GtkExpression *expression = gtk_drop_down_get_expression (dropdown);
  g_auto(GValue) value = G_VALUE_INIT;

  if (expression == NULL || !gtk_expression_evaluate (expression, item, &value))
    return NULL;

  return g_utf8_casefold (g_value_get_string (&value), -1);
}

/* Enter in the search: the first item whose name starts with what was
 * typed, or else contains it. Computed here rather than read from the
 * list, which GTK filters only a moment after the last key. */
static void
search_activate_cb (GtkSearchEntry *entry,
                    GtkDropDown    *dropdown)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (entry), GTK_TYPE_POPOVER);
  g_autofree char *needle = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (entry)), -1);
  GListModel *all = gtk_drop_down_get_model (dropdown);
  guint found = GTK_INVALID_LIST_POSITION;

  if (needle[0] == '\0')
    return;

  for (guint pass = 0; pass < 2 && found == GTK_INVALID_LIST_POSITION; pass++)
    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (all, i);
        g_autofree char *name = NULL;

        /* "Choose a Country…" is no answer to a search. */
        if (GTK_IS_STRING_OBJECT (item) &&
            gtk_string_object_get_string (GTK_STRING_OBJECT (item))[0] == '\0')
          continue;
        name = item_name (dropdown, item);

        if (name != NULL && (pass == 0 ? g_str_has_prefix (name, needle)
                                       : strstr (name, needle) != NULL))
          {
            found = i;
            break;
          }
      }

  if (found == GTK_INVALID_LIST_POSITION)
    return;

  gtk_drop_down_set_selected (dropdown, found);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  /* The next search starts afresh. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  chosen_by_key (dropdown);
}

/* Once something is typed, the search has the focus, so that Enter takes
 * the first match; Down goes to the list. */
static void
focus_search (GtkWidget *search)
{
  GtkWidget *text = find_descendant (search, GTK_TYPE_TEXT);

  if (text != NULL && !gtk_widget_has_focus (text))
    gtk_text_grab_focus_without_selecting (GTK_TEXT (text));
}

static void
search_changed_cb (GtkEditable *search)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (search), GTK_TYPE_POPOVER);

  if (gtk_editable_get_text (search)[0] != '\0' && popover != NULL &&
      gtk_widget_get_visible (popover))
    focus_search (GTK_WIDGET (search));
}

static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkWidget             *popover)
{
  GtkWidget *list = find_descendant (popover, GTK_TYPE_LIST_VIEW);

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) || list == NULL)
    return GDK_EVENT_PROPAGATE;

  gtk_widget_child_focus (list, GTK_DIR_TAB_FORWARD);
  return GDK_EVENT_STOP;
}

/* A letter typed on the closed picker opens it and starts the search with
 * that letter, as typing on a GtkListView does in a file chooser. */
static gboolean
closed_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkWidget             *dropdown)
{
  GtkWidget *popover = find_descendant (dropdown, GTK_TYPE_POPOVER);
  GtkWidget *search = popover ? find_descendant (popover, GTK_TYPE_SEARCH_ENTRY) : NULL;
  gunichar c = gdk_keyval_to_unicode (keyval);
  char utf8[7] = { 0 };
  GtkWidget *button;

  if (search == NULL || gtk_widget_get_visible (popover) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 ||
      c == 0 || !g_unichar_isgraph (c))
    return GDK_EVENT_PROPAGATE;

  g_unichar_to_utf8 (c, utf8);
  /* Through the drop-down's own toggle, which it keeps in step with the
   * list; activating it would open the list only after the button's
   * press animation, possibly after the user has chosen already. */
  button = find_descendant (dropdown, GTK_TYPE_TOGGLE_BUTTON);
  if (button != NULL)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  if (!gtk_widget_get_visible (popover))
    gtk_popover_popup (GTK_POPOVER (popover));
  gtk_editable_set_text (GTK_EDITABLE (search), utf8);
  focus_search (search);
  gtk_editable_set_position (GTK_EDITABLE (search), -1);

  return GDK_EVENT_STOP;
}

/* Opened again after a search, GTK 4.8's list kept the scroll offset of
 * the short filtered list for the long one, and showed no country at all
 * until Home was pressed. The list starts at the chosen country instead,
 * once it has its size. */
static void
scroll_to_selected (GtkWidget *list)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_widget_get_ancestor (list, GTK_TYPE_DROP_DOWN));
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", selected);
}

static void
popover_mapped_cb (GtkWidget *popover)
{
  GtkWidget *list = find_descendant (popover, GTK_TYPE_LIST_VIEW);

  if (list != NULL)
    scroll_to_selected (list);
}

/* GTK 4.8 puts the focus in the list when the picker opens, and what is
 * typed there goes nowhere: it goes to the search entry instead, as in a
 * file chooser. */
static void
wire_search (GtkWidget *dropdown)
{
  GtkWidget *popover = find_descendant (dropdown, GTK_TYPE_POPOVER);
  GtkWidget *search = popover ? find_descendant (popover, GTK_TYPE_SEARCH_ENTRY) : NULL;
  GtkEventController *controller;

  if (search == NULL)
    return;

  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (search), popover);
  g_signal_connect_object (search, "activate", G_CALLBACK (search_activate_cb), dropdown, 0);
  g_signal_connect (search, "changed", G_CALLBACK (search_changed_cb), NULL);
  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (search_key_pressed_cb),
                           popover, 0);
  gtk_widget_add_controller (search, controller);
  if (find_descendant (popover, GTK_TYPE_LIST_VIEW) != NULL)
    g_signal_connect_object (find_descendant (popover, GTK_TYPE_LIST_VIEW), "activate",
                             G_CALLBACK (list_activate_cb), dropdown, G_CONNECT_AFTER);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (closed_key_pressed_cb),
                           dropdown, 0);
  gtk_widget_add_controller (dropdown, controller);
  g_signal_connect (popover, "map", G_CALLBACK (popover_mapped_cb), NULL);
}

/**
 * pkio_country_drop_down_new:
 * @accessible_label: what a screen reader calls it
 * @with_none: whether the first item is "None" (the empty code)
 *
 * Returns: (transfer floating): a #GtkDropDown of country codes, the
 *   first being "" (None, or Choose a Country…), which is selected
 */
GtkWidget *
pkio_country_drop_down_new (const char *accessible_label,
                            gboolean    with_none)
{
  GtkExpression *expression;
  GtkWidget *dropdown;

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (country_name_cb),
                                            GINT_TO_POINTER (!!with_none), NULL);
  dropdown = gtk_drop_down_new (G_LIST_MODEL (country_list_new (with_none)), expression);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
  wire_search (dropdown);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);

  return dropdown;
}

/**
 * pkio_country_drop_down_get_code:
 *
 * Returns: (nullable): the selected code ("" for none), or %NULL
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
 *   unknown one selects the first item, "" (none)
 */
void
pkio_country_drop_down_set_code (GtkDropDown *dropdown,
                                 const char  *code)
{
  GListModel *model;
  guint position = 0;
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
