/* pkio-test-ui.c
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

#include <adwaita.h>

#include "pkio-test-ui.h"

void
pkio_test_ui_iterate_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
deadline_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * pkio_test_ui_wait_until:
 *
 * Runs the main context until @condition holds or @seconds pass.
 *
 * Returns: whether @condition holds
 */
gboolean
pkio_test_ui_wait_until (PkioTestCondition condition,
                         gpointer          data,
                         guint             seconds)
{
  gboolean expired = FALSE;
  guint deadline = g_timeout_add_seconds (seconds, deadline_cb, &expired);

  while (!condition (data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (deadline);

  return condition (data);
}

static gboolean
is_active (gpointer data)
{
  return gtk_window_is_active (data);
}

/* Without a window manager, nothing gives the focus back to a window that
 * lost it to a window closed after it was presented: ask again. */
static void
present_again_cb (GtkWindow  *window,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  if (!gtk_window_is_active (window))
    gtk_window_present (window);
}

/**
 * pkio_test_ui_present:
 *
 * Presents @window and waits until it is the active window, presenting it
 * again if it loses the focus on the way. Keyboard focus
 * depends on it: a focused row of an inactive window does not know it has
 * the focus (GtkWidget:has-focus is FALSE), so Tab from it takes the focus
 * anew and stays. Xvfb makes a window active a little after it is mapped,
 * later still on a busy machine; a test that moves the focus waits for it.
 */
void
pkio_test_ui_present (GtkWindow *window)
{
  gulong handler = g_signal_connect (window, "notify::is-active",
                                     G_CALLBACK (present_again_cb), NULL);

  gtk_window_present (window);
  g_assert_true (pkio_test_ui_wait_until (is_active, window, PKIO_TEST_HANG_SECONDS));
  g_signal_handler_disconnect (window, handler);
}

static gboolean
is_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/**
 * pkio_test_ui_destroy_and_finalize:
 *
 * Destroys @window and asserts that it is finalized. Windows with async
 * work in flight (a keyring lookup) let go of their last reference when it
 * returns, so this waits for that, within a deadline, rather than assuming
 * it is synchronous.
 */
void
pkio_test_ui_destroy_and_finalize (GtkWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (window);

  g_assert_true (pkio_test_ui_wait_until (is_cleared, &weak, PKIO_TEST_HANG_SECONDS));
}

/**
 * pkio_test_ui_check_ok:
 * @check_result: (transfer full) (nullable): what a
 *   gtk_test_accessible_check_*() function returned
 *
 * Returns: whether the check matched; the message is freed either way
 */
gboolean
pkio_test_ui_check_ok (char *check_result)
{
  gboolean ok = check_result == NULL;

  g_free (check_result);
  return ok;
}

static GtkWidget *
find_labelled_by (GtkWidget *widget,
                  GtkWidget *root)
{
  if (GTK_IS_LABEL (root) &&
      pkio_test_ui_check_ok (gtk_test_accessible_check_relation (
                               GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                               root, NULL)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled_by (widget, child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * pkio_test_ui_get_text_box:
 *
 * What a screen reader is told an entry row's text box is: the row itself
 * on libadwaita 1.2, the text inside it (in a row of role list item) on
 * newer versions. Any other widget is returned as it is.
 *
 * Returns: (transfer none): the widget that has the text box role
 */
GtkWidget *
pkio_test_ui_get_text_box (GtkWidget *widget)
{
  GtkEditable *text;

  if (!ADW_IS_ENTRY_ROW (widget))
    return widget;

  text = gtk_editable_get_delegate (GTK_EDITABLE (widget));
  if (text != NULL &&
      gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (text)) == GTK_ACCESSIBLE_ROLE_TEXT_BOX)
    return GTK_WIDGET (text);

  return widget;
}

/**
 * pkio_test_ui_dup_accessible_name:
 *
 * The name a screen reader is given for @widget, worked out as the running
 * GTK does. GTK 4.8 reads the widget's own label property, then the text of
 * the label it is labelled-by (only a label's own text: a relation to a
 * row yields nothing), both; GTK 4.14 follows the W3C name computation, where
 * a labelled-by label wins and the label property is read only without one
 * (libadwaita 1.4 and later label an entry row's text by the row's title). The test AT context has no getter for either, so
 * the label property is found through the text it could be, and the
 * relation among the labels of the widget's row (or parent). Handles a label property set
 * to the widget's row title, a button label or a label's text, and one
 * labelled-by label; that covers what this application sets.
 *
 * Returns: (transfer full): the name, "" for none
 */
char *
pkio_test_ui_dup_accessible_name (GtkWidget *widget)
{
  GString *name = g_string_new (NULL);
  GtkWidget *scope;
  GtkWidget *label;

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      GtkWidget *row = ADW_IS_PREFERENCES_ROW (widget)
                         ? widget : gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);
      const char *candidates[] = {
        row ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL,
        GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget)) : NULL,
        GTK_IS_EXPANDER (widget) ? gtk_expander_get_label (GTK_EXPANDER (widget)) : NULL,
        GTK_IS_MENU_BUTTON (widget) ? gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) : NULL,
        gtk_widget_get_tooltip_text (widget),
      };
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (candidates) && !known; i++)
        if (candidates[i] != NULL &&
            pkio_test_ui_check_ok (gtk_test_accessible_check_property (
                                     GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                     candidates[i])))
          {
            g_string_append (name, candidates[i]);
            known = TRUE;
          }

      /* Set, but to none of those: still a name, just not one to compare. */
      if (!known)
        g_string_append (name, "(label)");
    }

  /* A control's label is in it or in its row. */
  scope = gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_BOX_ROW);
  if (scope == NULL)
    scope = gtk_widget_get_parent (widget) ? gtk_widget_get_parent (widget) : widget;
  label = find_labelled_by (widget, scope);
  if (label != NULL && *gtk_label_get_text (GTK_LABEL (label)) != '\0')
    {
      if (gtk_get_minor_version () >= 14)
        g_string_truncate (name, 0);
      if (name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, gtk_label_get_text (GTK_LABEL (label)));
    }

  return g_string_free (name, FALSE);
}
