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

#include <stdlib.h>

#include <adwaita.h>

#include "pkio-test-ui.h"
#include "pkio-phone-plan.h"
#include "pkio-test-utils.h"
#include "pkio-validate.h"

void
pkio_test_ui_iterate_until_idle (void)
{
  pkio_test_run_ready ();
}

/**
 * pkio_test_ui_wait_until:
 *
 * Runs the main context until @condition holds or @seconds pass; see
 * pkio_test_run_until().
 *
 * Returns: whether @condition holds
 */
gboolean
pkio_test_ui_wait_until (PkioTestCondition condition,
                         gpointer          data,
                         guint             seconds)
{
  return pkio_test_run_until (condition, data, seconds);
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
  /* A window that showed Review may have left the numbering plans loading;
   * the test process must not end under that thread. */
  pkio_phone_plan_wait ();
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

/**
 * pkio_test_ui_find:
 * @match: whether a widget is the one sought, given @data
 *
 * Returns: (nullable) (transfer none): the first widget at or below @root,
 *   depth first, that @match accepts
 */
GtkWidget *
pkio_test_ui_find (GtkWidget            *root,
                   PkioTestWidgetMatch   match,
                   gconstpointer         data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = pkio_test_ui_find (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_label_of (GtkWidget     *candidate,
             gconstpointer  widget)
{
  return GTK_IS_LABEL (candidate) &&
         pkio_test_ui_check_ok (gtk_test_accessible_check_relation (
                                  GTK_ACCESSIBLE ((gpointer) widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  candidate, NULL));
}

static GtkWidget *
find_labelled_by (GtkWidget *widget,
                  GtkWidget *root)
{
  return pkio_test_ui_find (root, is_label_of, widget);
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
 * pkio_test_ui_dup_choice:
 *
 * Returns: (transfer full) (nullable): the text of the drop-down's choice,
 *   by its expression or else a string list's string
 */
char *
pkio_test_ui_dup_choice (GtkDropDown *dropdown)
{
  gpointer item = gtk_drop_down_get_selected_item (dropdown);
  GtkExpression *expression = gtk_drop_down_get_expression (dropdown);
  g_auto(GValue) value = G_VALUE_INIT;

  if (item != NULL && expression != NULL && gtk_expression_evaluate (expression, item, &value) &&
      G_VALUE_HOLDS_STRING (&value))
    return g_value_dup_string (&value);
  if (GTK_IS_STRING_OBJECT (item))
    return g_strdup (gtk_string_object_get_string (item));

  return NULL;
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
 * to the widget's row title (with a drop-down's choice), a button label or a label's text, and one
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
      g_autofree char *shown = NULL;
      g_autofree char *with_choice = NULL;
      const char *candidates[] = {
        row ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL,
        NULL,
        NULL,
        GTK_IS_BUTTON (widget) ? gtk_button_get_label (GTK_BUTTON (widget)) : NULL,
        GTK_IS_EXPANDER (widget) ? gtk_expander_get_label (GTK_EXPANDER (widget)) : NULL,
        GTK_IS_MENU_BUTTON (widget) ? gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) : NULL,
        gtk_widget_get_tooltip_text (widget),
      };
      gboolean known = FALSE;

      /* The title as it reads: "_New" with use-underline reads "New". */
      if (row != NULL && adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)))
        {
          GString *text = g_string_new (NULL);

          for (const char *c = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)); *c != '\0'; c++)
            {
              if (*c == '_' && c[1] != '\0')
                c++;
              g_string_append_c (text, *c);
            }
          candidates[1] = shown = g_string_free (text, FALSE);
        }

      /* A drop-down named by its row and its choice, "Country, Netherlands"
       * or "Valid For, Standard period" (GTK 4.10 and later, where its
       * button has its name). */
      if (row != NULL && GTK_IS_DROP_DOWN (widget))
        {
          g_autofree char *choice = pkio_test_ui_dup_choice (GTK_DROP_DOWN (widget));

          if (choice != NULL)
            candidates[2] = with_choice = g_strdup_printf ("%s, %s",
                                                           adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                                           choice);
        }

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

static char *private_data_home;

static void
remove_private_data_home (void)
{
  pkio_test_remove_tree (private_data_home);
  g_clear_pointer (&private_data_home, g_free);
}

/**
 * pkio_test_ui_init:
 *
 * Starts a widget test: GTK and libadwaita, with drafts, outbox and history
 * of this program's own. The widget tests run side by side under one
 * harness; with one shared data folder, one test's outbox would send the
 * orders another left queued, and one would open another's latest draft.
 * Called before anything asks GLib for the user data folder.
 */
void
pkio_test_ui_init (int    *argc,
                   char ***argv)
{
  g_autoptr(GError) error = NULL;

  private_data_home = g_dir_make_tmp ("pkio-test-data-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", private_data_home, TRUE);
  atexit (remove_private_data_home);

  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

/**
 * pkio_test_ui_orders_loaded:
 * @window: a #PkioWindow
 *
 * A #PkioTestCondition: whether the window's order book has loaded.
 */
gboolean
pkio_test_ui_orders_loaded (gpointer window)
{
  gboolean loaded = FALSE;

  g_object_get (window, "orders-loaded", &loaded, NULL);

  return loaded;
}

/* Waits until @window's order book has loaded. */
void
pkio_test_ui_wait_orders_loaded (PkioWindow *window)
{
  g_assert_true (pkio_test_ui_wait_until (pkio_test_ui_orders_loaded, window,
                                          PKIO_TEST_HANG_SECONDS));
}

static gboolean
label_shows (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

/**
 * pkio_test_ui_shows_label:
 * @text: a label's whole text
 *
 * For pkio_test_ui_wait_until(): whether a label on screen, in any window,
 * says @text (a toast, a message).
 */
gboolean
pkio_test_ui_shows_label (gpointer text)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (pkio_test_ui_find (window, label_shows, text) != NULL)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_is_visible (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_named (GtkWidget     *widget,
          gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

/**
 * pkio_test_ui_find_named:
 *
 * Returns: (nullable) (transfer none): the first widget at or below @root
 *   whose widget name is @name
 */
GtkWidget *
pkio_test_ui_find_named (GtkWidget  *root,
                         const char *name)
{
  return pkio_test_ui_find (root, is_named, name);
}

/**
 * pkio_test_ui_find_button:
 *
 * Returns: (nullable) (transfer none): a visible button labelled @label
 *   (its mnemonic text, "_Order Anyway") in @root or below it
 */
GtkWidget *
pkio_test_ui_find_button (GtkWidget  *root,
                          const char *label)
{
  return pkio_test_ui_find (root, is_button_labelled, label);
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

/**
 * pkio_test_ui_find_of_type:
 *
 * Returns: (nullable) (transfer none): the first widget of @type at or
 *   below @root, depth first
 */
GtkWidget *
pkio_test_ui_find_of_type (GtkWidget *root,
                           GType      type)
{
  return pkio_test_ui_find (root, is_of_type, GSIZE_TO_POINTER (type));
}

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

/**
 * pkio_test_ui_find_actionable:
 *
 * Returns: (nullable) (transfer none): the first widget at or below @root
 *   whose action is @action_name, such as a button for "assistant.next"
 */
GtkWidget *
pkio_test_ui_find_actionable (GtkWidget  *root,
                              const char *action_name)
{
  return pkio_test_ui_find (root, has_action, action_name);
}

static gboolean
is_dialog_shown (GtkWidget     *widget,
                 gconstpointer  data)
{
  GType dialog_type = g_type_from_name ("AdwDialog");

  return ((dialog_type != G_TYPE_INVALID && G_TYPE_CHECK_INSTANCE_TYPE (widget, dialog_type)) ||
          ADW_IS_MESSAGE_DIALOG (widget)) &&
         gtk_widget_is_visible (widget);
}

/**
 * pkio_test_ui_find_dialog:
 *
 * On libadwaita 1.5 and later a question is an AdwDialog inside the window,
 * after the pages; the header's Cancel (of the submission) is there too.
 *
 * Returns: (nullable) (transfer none): a visible dialog at or below @widget
 */
GtkWidget *
pkio_test_ui_find_dialog (GtkWidget *widget)
{
  return pkio_test_ui_find (widget, is_dialog_shown, NULL);
}

/**
 * pkio_test_ui_find_question_button:
 *
 * Returns: (nullable) (transfer none): a visible button labelled @label in
 *   the open question if there is one (AdwMessageDialog is a window of its
 *   own; AdwAlertDialog lives in its parent), else in any window
 */
GtkWidget *
pkio_test_ui_find_question_button (const char *label)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      GtkWidget *dialog = pkio_test_ui_find_dialog (l->data);
      GtkWidget *found = dialog ? pkio_test_ui_find_button (dialog, label) : NULL;

      if (found != NULL)
        return found;
    }

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      GtkWidget *found = pkio_test_ui_find_button (l->data, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * pkio_test_ui_new_practice_window:
 * @url: the simulator's address (or one where nothing listens)
 * @height: the window's height; 800 pixels wide
 * @settings: (out) (transfer full): the window's settings, @url overriding
 *   the address
 * @account: (out) (transfer full): its account, in practice mode on @url
 *
 * The window a desk sees, in practice mode, presented and settled. The
 * desk defaults are the caller's, set in GSettings before.
 */
PkioWindow *
pkio_test_ui_new_practice_window (const char    *url,
                                  int            height,
                                  PkioSettings **settings,
                                  PkioAccount  **account)
{
  PkioWindow *window;

  *settings = pkio_settings_new (NULL);
  pkio_settings_override_api_base_url (*settings, url);
  *account = pkio_account_new_for_settings (*settings);
  pkio_account_set_practice (*account, url);

  window = pkio_window_new_with_account (NULL, *settings, *account);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, height);
  pkio_test_ui_present (GTK_WINDOW (window));
  pkio_test_ui_iterate_until_idle ();

  return window;
}

/**
 * pkio_test_desk_setup:
 * @ship_method: (nullable): the desk's default shipping, or %NULL for the
 *   schema's
 * @payment_method: (nullable): its default payment, or %NULL for the schema's
 * @validity_years: its default validity, or 0 for the schema's
 *
 * Starts the desk's simulator and sets the desk defaults in GSettings,
 * the Netherlands always: what every new applicant starts from. The
 * window comes with pkio_test_desk_open(), so that a test can set more
 * keys before the window reads them.
 */
void
pkio_test_desk_setup (PkioTestDesk *desk,
                      const char   *ship_method,
                      const char   *payment_method,
                      guint         validity_years)
{
  g_autoptr(GError) error = NULL;

  desk->simulator = pkio_simulator_new ();
  pkio_simulator_start (desk->simulator, &error);
  g_assert_no_error (error);

  desk->gsettings = g_settings_new (APP_ID);
  g_settings_set_string (desk->gsettings, "desk-country", "nl");
  if (ship_method != NULL)
    g_settings_set_string (desk->gsettings, "desk-ship-method", ship_method);
  if (payment_method != NULL)
    g_settings_set_string (desk->gsettings, "desk-payment-method", payment_method);
  if (validity_years != 0)
    g_settings_set_uint (desk->gsettings, "desk-validity-years", validity_years);
}

/**
 * pkio_test_desk_open:
 * @url: (nullable): where the window practises, or %NULL for the simulator
 * @height: the window's height
 *
 * Opens the desk's practice window (pkio_test_ui_new_practice_window())
 * and takes its order and assistant.
 */
void
pkio_test_desk_open (PkioTestDesk *desk,
                     const char   *url,
                     int           height)
{
  if (url == NULL)
    url = pkio_simulator_get_base_url (desk->simulator);

  desk->window = pkio_test_ui_new_practice_window (url, height, &desk->settings, &desk->account);
  desk->order = pkio_window_get_order (desk->window);
  desk->assistant = pkio_window_get_assistant (desk->window);
}

/**
 * pkio_test_desk_teardown:
 *
 * Destroys the window and asserts that it, the account, the settings and
 * the simulator are finalized. Every key a desk test may change is reset
 * once the window is gone, so that no window reacts to the reset.
 */
void
pkio_test_desk_teardown (PkioTestDesk *desk)
{
  static const char * const keys[] = {
    "desk-country", "desk-ship-method", "desk-validity-years", "desk-payment-method",
    "idle-clear-minutes", "auto-save-delay",
  };

  pkio_test_ui_destroy_and_finalize (GTK_WINDOW (desk->window));
  pkio_test_assert_finalized (&desk->account);
  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (desk->gsettings, keys[i]);
  g_assert_finalize_object (desk->settings);
  g_assert_finalize_object (desk->gsettings);
  g_assert_finalize_object (desk->simulator);
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  data)
{
  return ADW_IS_PREFERENCES_ROW (widget) && gtk_widget_is_visible (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

/**
 * pkio_test_ui_find_row:
 *
 * Returns: (nullable) (transfer none): a visible preferences row titled
 *   @title in @root or below it
 */
GtkWidget *
pkio_test_ui_find_row (GtkWidget  *root,
                       const char *title)
{
  return pkio_test_ui_find (root, is_row_titled, title);
}

typedef struct
{
  GtkWidget  *review;
  const char *shown;
} ReviewTelephone;

static gboolean
review_shows_telephone (gpointer data)
{
  ReviewTelephone *wait = data;
  GtkWidget *row = pkio_test_ui_find_row (wait->review, "Telephone Number");

  return row != NULL &&
         g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), wait->shown) == 0;
}

/**
 * pkio_test_ui_wait_review_telephone:
 * @review: the Review page, shown
 * @telephone: the number as the order holds it
 *
 * Review loads the numbering plans when it is first shown, and then shows
 * its telephone row again, grouped. This loads them too (the same load, or
 * one done already) and waits until the row shows @telephone as
 * pkio_telephone_dup_display() gives it once they are loaded.
 *
 * Returns: (transfer full): the telephone as the row shows it
 */
char *
pkio_test_ui_wait_review_telephone (GtkWidget  *review,
                                    const char *telephone)
{
  g_autofree char *shown = NULL;
  ReviewTelephone wait = { review, NULL };

  pkio_test_load_phone_plan ();
  shown = pkio_telephone_dup_display (telephone);
  wait.shown = shown;
  if (!pkio_test_ui_wait_until (review_shows_telephone, &wait, PKIO_TEST_HANG_SECONDS))
    g_error ("Review never showed the telephone number as “%s”", shown);

  return g_steal_pointer (&shown);
}

/**
 * pkio_test_ui_page_row:
 *
 * Returns: (transfer none): the row titled @title on the wizard page
 *   @page_id; the test ends if there is none
 */
GtkWidget *
pkio_test_ui_page_row (PkioWindow *window,
                       const char *page_id,
                       const char *title)
{
  GtkWidget *row = pkio_test_ui_find_row (GTK_WIDGET (pkio_window_get_page (window, page_id)),
                                          title);

  if (row == NULL)
    g_error ("no row “%s” on page %s", title, page_id);

  return row;
}

typedef struct
{
  guint   still;   /* frames in a row in which nothing moved */
  guint64 last;    /* how the previous frame was laid out */
} Settling;

static void
hash_add (guint64 *hash,
          double   value)
{
  *hash = (*hash ^ (guint64) (gint64) (value * 256)) * G_GUINT64_CONSTANT (1099511628211);
}

/* Folds where each mapped widget is, and how opaque, into @hash, and
 * sets @moving for the transitions that change neither: a stack's slide
 * and a revealer's crossfade are drawn, not allocated. */
static void
look_at (GtkWidget *widget,
         GtkWidget *root,
         guint64   *hash,
         gboolean  *moving)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget))
    return;

  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    *moving = TRUE;
  if (GTK_IS_REVEALER (widget) &&
      gtk_revealer_get_child_revealed (GTK_REVEALER (widget)) !=
      gtk_revealer_get_reveal_child (GTK_REVEALER (widget)))
    *moving = TRUE;
  if (ADW_IS_FLAP (widget) && adw_flap_get_reveal_progress (ADW_FLAP (widget)) > 0 &&
      adw_flap_get_reveal_progress (ADW_FLAP (widget)) < 1)
    *moving = TRUE;
  /* A view switcher title crossfades between its wide and narrow forms
   * when the window's width settles (AdwSqueezer is deprecated in 1.4,
   * but still what AdwViewSwitcherTitle uses). */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (ADW_IS_SQUEEZER (widget) && adw_squeezer_get_transition_running (ADW_SQUEEZER (widget)))
    *moving = TRUE;
  G_GNUC_END_IGNORE_DEPRECATIONS

  if (gtk_widget_compute_bounds (widget, root, &bounds))
    {
      hash_add (hash, bounds.origin.x);
      hash_add (hash, bounds.origin.y);
      hash_add (hash, bounds.size.width);
      hash_add (hash, bounds.size.height);
    }
  hash_add (hash, gtk_widget_get_opacity (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    look_at (child, root, hash, moving);
}

static gboolean
settling_tick_cb (GtkWidget     *root,
                  GdkFrameClock *clock,
                  gpointer       data)
{
  Settling *settling = data;
  guint64 hash = G_GUINT64_CONSTANT (14695981039346656037);
  gboolean moving = FALSE;

  look_at (root, root, &hash, &moving);
  settling->still = !moving && hash == settling->last ? settling->still + 1 : 0;
  settling->last = hash;

  return G_SOURCE_CONTINUE;
}

static gboolean
settled (gpointer data)
{
  return ((Settling *) data)->still >= 2 && !g_main_context_pending (NULL);
}

/**
 * pkio_test_ui_wait_settled:
 *
 * Waits until the window of @widget has come to rest: frame after frame
 * (a tick callback keeps the frame clock running), until no stack,
 * revealer, flap or squeezer is in a transition, nothing has moved, resized or
 * faded for two frames, and the main context has nothing ready (the
 * window builds its later pages in an idle). Animations run on the frame
 * clock, so this takes as many frames as they do, on any machine.
 */
void
pkio_test_ui_wait_settled (GtkWidget *widget)
{
  g_assert_true (pkio_test_ui_try_settle (widget));
}

/**
 * pkio_test_ui_try_settle:
 *
 * pkio_test_ui_wait_settled() for a tool, which says what did not come to
 * rest rather than stop.
 *
 * Returns: whether the window came to rest within PKIO_TEST_HANG_SECONDS
 */
gboolean
pkio_test_ui_try_settle (GtkWidget *widget)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (widget));
  Settling settling = { 0 };
  guint tick = gtk_widget_add_tick_callback (root, settling_tick_cb, &settling, NULL);
  gboolean ok = pkio_test_ui_wait_until (settled, &settling, PKIO_TEST_HANG_SECONDS);

  gtk_widget_remove_tick_callback (root, tick);

  return ok;
}

/**
 * pkio_test_ui_save_screenshot:
 *
 * With $PKIO_TEST_SCREENSHOTS_DIR set, saves the window of @widget (or
 * the dialog) as it looks now, as @name.png, for people to look at;
 * nothing passes or fails on the pictures.
 */
void
pkio_test_ui_save_screenshot (GtkWidget  *widget,
                              const char *name)
{
  const char *dir = g_getenv ("PKIO_TEST_SCREENSHOTS_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;

  /* The picture of the end of a transition, not of its middle. */
  pkio_test_ui_wait_settled (widget);

  widget = GTK_WIDGET (gtk_widget_get_root (widget));
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_mkdir_with_parents (dir, 0755);
  path = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static gboolean
question_shown (gpointer label)
{
  return pkio_test_ui_find_question_button (label) != NULL;
}

static gboolean
button_gone (gpointer data)
{
  GtkWidget *button = g_weak_ref_get (data);
  gboolean gone = button == NULL || !gtk_widget_get_mapped (button);

  g_clear_object (&button);
  return gone;
}

/**
 * pkio_test_ui_answer_question:
 * @label: the response's label, with its mnemonic underscore
 *
 * Waits for a question offering @label, clicks that response, and waits
 * until the question has gone.
 */
void
pkio_test_ui_answer_question (const char *label)
{
  GWeakRef clicked;

  g_assert_true (pkio_test_ui_wait_until (question_shown, (gpointer) label,
                                          PKIO_TEST_HANG_SECONDS));
  g_weak_ref_init (&clicked, pkio_test_ui_find_question_button (label));
  g_signal_emit_by_name (pkio_test_ui_find_question_button (label), "clicked");
  g_assert_true (pkio_test_ui_wait_until (button_gone, &clicked, PKIO_TEST_HANG_SECONDS));
  g_weak_ref_clear (&clicked);
}
