/* test-practice.c
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
#include <string.h>

#include "pkio-application.h"
#include "pkio-client.h"
#include "pkio-secret-store.h"
#include "pkio-test-ui.h"
#include "pkio-window.h"

/* Practice mode from the application's side: the Preferences switch (the
 * practice-mode setting) sends everything to the simulator and back. */

static gboolean
revealed (gpointer data)
{
  return gtk_revealer_get_reveal_child (data);
}

static gboolean
page_built (gpointer window)
{
  return gtk_root_get_focus (GTK_ROOT (window)) != NULL;
}

static void
test_practice_round_trip (void)
{
  g_autoptr(PkioApplication) app = pkio_application_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PkioClient) client = NULL;
  g_autoptr(PkioOrderReceipt) receipt = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *practice_url = NULL;
  g_autofree char *url = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "example-1.json", NULL);
  g_autofree char *text = NULL;
  PkioSettings *settings;
  PkioAccount *account;
  PkioWindow *window;
  GtkWidget *leave;
  GtkWidget *focus;
  GtkRevealer *banner;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  settings = pkio_application_get_settings (app);
  g_assert_false (pkio_settings_get_practice_mode (settings));

  /* On: the address is the simulator's, on this machine only. */
  pkio_settings_set_practice_mode (settings, TRUE);
  practice_url = pkio_settings_dup_api_base_url (settings);
  g_assert_true (g_str_has_prefix (practice_url, "http://127.0.0.1:"));
  /* Practice is the application's account's mode: its client is the
   * simulator's. */
  account = pkio_application_get_account (app);
  g_assert_true (pkio_account_get_practice (account));
  client = g_object_ref (pkio_account_get_client (account));
  g_assert_cmpstr (pkio_client_get_base_url (client), ==, practice_url);

  /* The key comes from memory, not the keyring, and the simulator takes
   * the documented example as an order. */
  pkio_account_load_api_key_async (account, NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_account_load_api_key_finish (account, pkio_test_wait_result (&result),
                                                   &error));
  g_assert_no_error (error);
  g_assert_true (pkio_client_has_api_key (client));

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  body = json_from_string (text, NULL);
  g_clear_object (&result);
  pkio_client_submit_order_async (client, body, NULL, pkio_test_result_cb, &result);
  receipt = pkio_client_submit_order_finish (client, pkio_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (receipt->id, >, 0);

  /* Practice needs no key: none is saved for the simulator. */
  g_clear_object (&result);
  pkio_account_save_api_key_async (account, "PKIOPRACTICE", NULL, pkio_test_result_cb, &result);
  g_assert_false (pkio_account_save_api_key_finish (account, pkio_test_wait_result (&result),
                                                    &error));
  g_assert_error (error, PKIO_SECRET_STORE_ERROR, PKIO_SECRET_STORE_ERROR_FAILED);
  g_clear_error (&error);

  /* The window says so plainly, and offers the way out. */
  window = pkio_window_new (GTK_APPLICATION (app), settings);
  gtk_window_present (GTK_WINDOW (window));
  banner = GTK_REVEALER (pkio_test_ui_find_of_type (GTK_WIDGET (window), GTK_TYPE_REVEALER));
  g_assert_true (pkio_test_ui_wait_until (revealed, banner, PKIO_TEST_HANG_SECONDS));
  /* The button asks first (a dialog), below. */
  g_assert_true (gtk_widget_get_visible (pkio_test_ui_find_actionable (GTK_WIDGET (banner), "app.leave-practice")));
  g_assert_false (gtk_widget_get_visible (pkio_test_ui_find_actionable (GTK_WIDGET (banner), "app.preferences")));

  /* Off, after the question: the stored address again, and the simulator
   * gone. The focus, on the button that went away, goes on to the page. */
  leave = pkio_test_ui_find_actionable (GTK_WIDGET (banner), "app.leave-practice");
  g_assert_true (pkio_test_ui_wait_until (page_built, window, PKIO_TEST_HANG_SECONDS));
  g_assert_true (gtk_widget_grab_focus (leave));
  g_assert_true (gtk_widget_activate_action (leave, "app.leave-practice", NULL));
  pkio_test_ui_answer_question ("_Stay in Practice Mode");
  g_assert_true (pkio_settings_get_practice_mode (settings));
  g_assert_true (gtk_widget_activate_action (leave, "app.leave-practice", NULL));
  pkio_test_ui_answer_question ("_Leave Practice Mode");
  g_assert_false (pkio_settings_get_practice_mode (settings));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_get_visible (focus));
  g_assert_false (gtk_widget_is_ancestor (focus, GTK_WIDGET (banner)));
  url = pkio_settings_dup_api_base_url (settings);
  g_assert_cmpstr (url, ==, PKIO_DEFAULT_API_BASE_URL);
  g_assert_false (pkio_account_get_practice (account));
  g_assert_false (pkio_client_get_practice (pkio_account_get_client (account)));

  pkio_test_ui_destroy_and_finalize (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  pkio_test_ui_init (&argc, &argv);

  g_test_add_func ("/pkio/practice/round-trip", test_practice_round_trip);

  return g_test_run ();
}
