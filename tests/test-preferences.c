/* test-preferences.c
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

#include "pkio-test-utils.h"

#include <adwaita.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pkio-choice-row.h"
#include "pkio-country-drop-down.h"
#include "pkio-preferences-window.h"
#include "pkio-secret-store.h"
#include "pkio-test-ui.h"

/* The API key part of Preferences, driven as a person would, against the
 * harness's keyring and an in-process user/me. */

#define KEY "PKIOPREFSKEY42"

static guint user_requests;

static void
user_me_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                  "X-DC-DEVKEY");
  const char *body = "{\"id\":7,\"username\":\"desk.utrecht & <balie>\","
                     "\"access_roles\":[{\"id\":100,\"name\":\"Orders\"}]}";

  if (!g_str_equal (path, "/services/v2/user/me"))
    {
      soup_server_message_set_status (msg, 404, NULL);
      return;
    }

  user_requests++;
  if (g_strcmp0 (key, KEY) != 0)
    {
      soup_server_message_set_status (msg, 401, NULL);
      return;
    }

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body,
                                    strlen (body));
}

static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *text)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      if (text == NULL)
        return root;
      if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), text) == 0)
        return root;
      if (g_strcmp0 (gtk_widget_get_tooltip_text (root), text) == 0)
        return root;
      if (ADW_IS_PREFERENCES_ROW (root) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), text) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  AdwActionRow *row;
  const char   *needle;
} SubtitleWait;

static gboolean
subtitle_has (gpointer data)
{
  SubtitleWait *wait = data;
  const char *subtitle = adw_action_row_get_subtitle (wait->row);

  return subtitle != NULL && strstr (subtitle, wait->needle) != NULL;
}

/* Iterates until the row's subtitle contains @needle, or 10 s pass. */
static void
wait_for_subtitle (AdwActionRow *row,
                   const char   *needle)
{
  SubtitleWait wait = { row, needle };

  g_assert_true (pkio_test_ui_wait_until (subtitle_has, &wait, PKIO_TEST_HANG_SECONDS));
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_api_key (void)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(PkioSettings) settings = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *found = NULL;
  PkioAccount *account;
  PkioClient *client;
  guint key_changes = 0;
  PkioPreferencesWindow *window;
  AdwActionRow *status_row;
  GtkWidget *key_row, *verify, *remove;

  if (!pkio_test_in_harness ())
    return;

  server = pkio_test_server_new (user_me_handler, NULL, &base_url);

  settings = pkio_settings_new (NULL);
  pkio_settings_set_api_base_url (settings, base_url);

  /* The app's account: what Preferences stores, it uses at once. */
  account = pkio_account_new_for_settings (settings);
  client = pkio_account_get_client (account);
  g_signal_connect_swapped (account, "notify::has-api-key", G_CALLBACK (count_cb), &key_changes);
  window = pkio_preferences_window_new (settings, account);
  gtk_window_present (GTK_WINDOW (window));

  status_row = ADW_ACTION_ROW (find_widget (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "Stored Key"));
  key_row = find_widget (GTK_WIDGET (window), ADW_TYPE_PASSWORD_ENTRY_ROW, NULL);
  verify = find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "_Verify");
  remove = find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "Remove the Key From the Keyring");
  g_assert_nonnull (status_row);
  g_assert_nonnull (key_row);
  g_assert_nonnull (verify);
  g_assert_nonnull (remove);

  wait_for_subtitle (status_row, "No key is stored");
  g_assert_false (gtk_widget_get_sensitive (verify));
  g_assert_false (gtk_widget_get_sensitive (remove));

  /* Paste a key and apply it. */
  gtk_editable_set_text (GTK_EDITABLE (key_row), "  " KEY "  ");
  g_signal_emit_by_name (key_row, "apply");
  wait_for_subtitle (status_row, "A key is stored");
  found = pkio_test_lookup_api_key (base_url);
  g_assert_cmpstr (found, ==, KEY);
  /* Once stored, the widget no longer holds it. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (key_row)), ==, "");
  g_assert_true (gtk_widget_get_sensitive (verify));
  g_assert_true (pkio_account_get_has_api_key (account));
  g_assert_true (pkio_account_get_client (account) == client);
  g_assert_true (pkio_client_has_api_key (client));
  g_assert_cmpuint (key_changes, ==, 1);

  /* Verify asks CertCentral whose key it is. */
  g_signal_emit_by_name (verify, "clicked");
  wait_for_subtitle (status_row, "desk.utrecht");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (status_row), "may place orders"));
  g_assert_cmpuint (user_requests, ==, 1);

  /* Remove takes it out of the keyring. */
  g_signal_emit_by_name (remove, "clicked");
  wait_for_subtitle (status_row, "No key is stored");
  g_clear_pointer (&found, g_free);
  found = pkio_test_lookup_api_key (base_url);
  g_assert_null (found);
  g_assert_false (pkio_account_get_has_api_key (account));
  g_assert_cmpuint (key_changes, ==, 2);

  pkio_test_ui_destroy_and_finalize (GTK_WINDOW (window));
  g_signal_handlers_disconnect_by_data (account, &key_changes);
  pkio_test_assert_finalized (&account);
}

static void
test_desk_defaults (void)
{
  g_autoptr(PkioSettings) settings = pkio_settings_new (NULL);
  g_autoptr(GSettings) gsettings = g_settings_new (APP_ID);
  g_autoptr(PkioOrder) order = pkio_order_new ();
  g_autofree char *payment = NULL;
  g_autofree char *country = NULL;
  PkioPreferencesWindow *window;
  GtkWidget *payment_row;
  GtkWidget *country_row;
  GtkDropDown *dropdown;

  window = pkio_preferences_window_new (settings, NULL);
  gtk_window_present (GTK_WINDOW (window));

  payment_row = find_widget (GTK_WIDGET (window), PKIO_TYPE_CHOICE_ROW, "Payment");
  country_row = find_widget (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "Country");
  g_assert_nonnull (payment_row);
  g_assert_nonnull (country_row);

  /* None until a desk chooses. */
  g_assert_cmpuint (pkio_choice_row_get_selected (PKIO_CHOICE_ROW (payment_row)), ==, 0);

  /* Chosen in its drop-down, as the user does. */
  gtk_drop_down_set_selected (pkio_choice_row_get_drop_down (PKIO_CHOICE_ROW (payment_row)), 2);
  g_assert_cmpuint (pkio_choice_row_get_selected (PKIO_CHOICE_ROW (payment_row)), ==, 2);
  payment = g_settings_get_string (gsettings, "desk-payment-method");
  g_assert_cmpstr (payment, ==, "card");

  dropdown = GTK_DROP_DOWN (find_widget (country_row, GTK_TYPE_DROP_DOWN, NULL));
  pkio_country_drop_down_set_code (dropdown, "NL");
  country = g_settings_get_string (gsettings, "desk-country");
  g_assert_cmpstr (country, ==, "nl");

  /* A new order starts from them. */
  pkio_settings_apply_desk_defaults (settings, order);
  g_assert_cmpint (pkio_order_get_payment_method (order), ==, PKIO_PAYMENT_METHOD_CARD);
  g_assert_cmpstr (pkio_order_get_text (order, PKIO_ORDER_TEXT_COUNTRY), ==, "nl");

  pkio_test_ui_destroy_and_finalize (GTK_WINDOW (window));
  g_settings_reset (gsettings, "desk-payment-method");
  g_settings_reset (gsettings, "desk-country");
}

/* Whether the open picker's list shows a row reading NAME (NULL: any)
 * where the list is on screen. */
static gboolean
list_shows (GtkWidget  *list,
            const char *name)
{
  GtkWidget *viewport = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  int height = gtk_widget_get_height (viewport);

  if (!gtk_widget_get_mapped (list) || height <= 0)
    return FALSE;

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t bounds;
      GtkWidget *label = find_widget (row, GTK_TYPE_LABEL, NULL);

      if (gtk_widget_get_child_visible (row) && gtk_widget_get_mapped (row) &&
          gtk_widget_compute_bounds (row, viewport, &bounds) &&
          bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < height &&
          label != NULL && (name == NULL || g_str_equal (gtk_label_get_label (GTK_LABEL (label)), name)))
        return TRUE;
    }

  return FALSE;
}

static gboolean
a_country_shows (gpointer list)
{
  return list_shows (list, NULL);
}

static gboolean
netherlands_shows (gpointer list)
{
  return list_shows (list, "Netherlands");
}

/* GTK filters the list a moment after the last key. */
static gboolean
list_is_short (gpointer list)
{
  GListModel *shown = G_LIST_MODEL (gtk_list_view_get_model (list));

  return g_list_model_get_n_items (shown) < 5;
}

static gboolean
popover_hidden (gpointer popover)
{
  return !gtk_widget_get_visible (popover);
}

/* Tried as a desk clerk: the country chosen by typing "Nether" and Enter,
 * the picker opened again showed an empty list on GTK 4.8 until Home was
 * pressed. */
static void
test_country_reopens (void)
{
  g_autoptr(PkioSettings) settings = pkio_settings_new (NULL);
  g_autoptr(GSettings) gsettings = g_settings_new (APP_ID);
  PkioPreferencesWindow *window;
  GtkWidget *country_row;
  GtkWidget *dropdown;
  GtkWidget *popover;
  GtkWidget *search;
  GtkWidget *list;

  window = pkio_preferences_window_new (settings, NULL);
  pkio_test_ui_present (GTK_WINDOW (window));

  country_row = find_widget (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "Country");
  dropdown = find_widget (country_row, GTK_TYPE_DROP_DOWN, NULL);
  popover = find_widget (dropdown, GTK_TYPE_POPOVER, NULL);
  search = find_widget (popover, GTK_TYPE_SEARCH_ENTRY, NULL);
  list = find_widget (popover, GTK_TYPE_LIST_VIEW, NULL);
  g_assert_nonnull (search);
  g_assert_nonnull (list);

  /* Opened the first time, the list shows countries. */
  gtk_popover_popup (GTK_POPOVER (popover));
  g_assert_true (pkio_test_ui_wait_until (a_country_shows, list, PKIO_TEST_HANG_SECONDS));

  /* Searched and chosen by Enter: the list is a short one meanwhile. */
  gtk_editable_set_text (GTK_EDITABLE (search), "Nether");
  g_assert_true (pkio_test_ui_wait_until (list_is_short, list, PKIO_TEST_HANG_SECONDS));
  g_signal_emit_by_name (search, "activate");
  g_assert_true (pkio_test_ui_wait_until (popover_hidden, popover, PKIO_TEST_HANG_SECONDS));
  g_assert_cmpstr (pkio_country_drop_down_get_code (GTK_DROP_DOWN (dropdown)), ==, "nl");

  /* Opened again: the list shows the chosen country, not an empty list
   * (it did for a moment, two frames before going blank). */
  gtk_popover_popup (GTK_POPOVER (popover));
  g_assert_true (pkio_test_ui_wait_until (netherlands_shows, list, PKIO_TEST_HANG_SECONDS));

  gtk_popover_popdown (GTK_POPOVER (popover));
  pkio_test_ui_destroy_and_finalize (GTK_WINDOW (window));
  g_settings_reset (gsettings, "desk-country");
}

static gboolean
practice_on (gpointer settings)
{
  return pkio_settings_get_practice_mode (settings);
}

/* Turning practice off in Preferences asks first, as the window's banner
 * does (issue #20): a mistaken press would send the next order for real. */
static void
test_leaving_practice_asks (void)
{
  g_autoptr(PkioSettings) settings = pkio_settings_new (NULL);
  PkioPreferencesWindow *window;
  GtkWidget *row;
  GtkSwitch *practice;

  pkio_settings_set_practice_mode (settings, TRUE);
  window = pkio_preferences_window_new (settings, NULL);
  pkio_test_ui_present (GTK_WINDOW (window));

  row = find_widget (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "_Practice Mode");
  g_assert_nonnull (row);
  practice = GTK_SWITCH (find_widget (row, GTK_TYPE_SWITCH, NULL));
  g_assert_true (gtk_switch_get_active (practice));

  /* Staying keeps practice, and the switch says so. */
  gtk_widget_activate (row);
  pkio_test_ui_answer_question ("_Stay in Practice Mode");
  g_assert_true (pkio_settings_get_practice_mode (settings));
  g_assert_true (gtk_switch_get_active (practice));
  /* To a screen reader too: GtkSwitch had told it "not checked" after
   * the switch was turned back on (Orca said so, issue #20). */
  pkio_test_ui_iterate_until_idle ();
  gtk_test_accessible_assert_state (practice, GTK_ACCESSIBLE_STATE_CHECKED, TRUE);

  gtk_widget_activate (row);
  g_assert_true (pkio_settings_get_practice_mode (settings));
  pkio_test_ui_answer_question ("_Leave Practice Mode");
  g_assert_false (pkio_settings_get_practice_mode (settings));
  g_assert_false (gtk_switch_get_active (practice));

  /* Back into practice needs no question. The switch turns at the end of
   * its animation. */
  gtk_widget_activate (row);
  g_assert_true (pkio_test_ui_wait_until (practice_on, settings, PKIO_TEST_HANG_SECONDS));
  pkio_test_ui_iterate_until_idle ();
  g_assert_null (pkio_test_ui_find_question_button ("_Leave Practice Mode"));

  pkio_test_ui_destroy_and_finalize (GTK_WINDOW (window));
  pkio_settings_set_practice_mode (settings, FALSE);
}

/* The key's and the address's entries are texts named by their rows'
 * titles. Orca 43 heard nothing on Tab into the key's (issue #20): on GTK
 * 4.8 the text inside had no role, and the focus went to an unnamed box. */
static void
test_entries_named (void)
{
  g_autoptr(PkioSettings) settings = pkio_settings_new (NULL);
  const char *titles[] = { "New API Key", "CertCentral API Address" };
  PkioPreferencesWindow *window;

  window = pkio_preferences_window_new (settings, NULL);
  pkio_test_ui_present (GTK_WINDOW (window));

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkWidget *row = find_widget (GTK_WIDGET (window), ADW_TYPE_ENTRY_ROW, titles[i]);
      GtkWidget *text;
      g_autofree char *name = NULL;

      g_assert_nonnull (row);
      text = pkio_test_ui_get_text_box (row);
      name = pkio_test_ui_dup_accessible_name (text);
      g_assert_true (text != row);
      g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (text)), ==,
                       GTK_ACCESSIBLE_ROLE_TEXT_BOX);
      g_assert_cmpstr (name, ==, titles[i]);
    }

  pkio_test_ui_destroy_and_finalize (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  pkio_test_ui_init (&argc, &argv);

  g_test_add_func ("/pkio/preferences/api-key", test_api_key);
  g_test_add_func ("/pkio/preferences/desk-defaults", test_desk_defaults);
  g_test_add_func ("/pkio/preferences/leaving-practice-asks", test_leaving_practice_asks);
  g_test_add_func ("/pkio/preferences/country-reopens", test_country_reopens);
  g_test_add_func ("/pkio/preferences/entries-named", test_entries_named);

  return g_test_run ();
}
