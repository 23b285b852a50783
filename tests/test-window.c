/* test-window.c
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

#include "pkio-application.h"
#include "pkio-preferences-window.h"
#include "pkio-secret-store.h"
#include "pkio-test-ui.h"
#include "pkio-window.h"

/* The toplevel of @type transient for @parent, if one is open. */
static GtkWindow *
find_toplevel (GType      type,
               GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_window_get_transient_for (window) == parent)
        return window;
    }

  return NULL;
}

/* One application for the whole program: a GApplication exports itself on
 * the session bus at registration, and a path can be exported only once. */
static PkioApplication *test_app;

static PkioApplication *
started_application (void)
{
  g_autoptr(GError) error = NULL;

  if (test_app == NULL)
    {
      test_app = pkio_application_new ();
      /* Registering runs startup (actions, accelerators, the help overlay)
       * without taking over the bus name of a running instance. */
      g_application_set_flags (G_APPLICATION (test_app), G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (test_app), NULL, &error);
      g_assert_no_error (error);
    }

  return g_object_ref (test_app);
}

static void
test_window_opens_and_finalizes (void)
{
  g_autoptr(PkioApplication) app = started_application ();
  PkioWindow *window;

  window = pkio_window_new (GTK_APPLICATION (app), pkio_application_get_settings (app));
  gtk_window_present (GTK_WINDOW (window));
  pkio_test_ui_iterate_until_idle ();

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (window) ||
                 gtk_application_get_windows (GTK_APPLICATION (app))->data == window);
  g_assert_cmpint (gtk_widget_has_css_class (GTK_WIDGET (window), "devel"), ==,
                   DEVELOPMENT_BUILD);

  /* The primary menu's entries resolve to real actions. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));

  pkio_test_ui_destroy_and_finalize (GTK_WINDOW (window));
}

static void
test_preferences_open (void)
{
  g_autoptr(PkioApplication) app = started_application ();
  PkioWindow *window;
  GtkWindow *preferences;

  window = pkio_window_new (GTK_APPLICATION (app), pkio_application_get_settings (app));
  gtk_window_present (GTK_WINDOW (window));
  pkio_test_ui_iterate_until_idle ();

  g_assert_null (find_toplevel (PKIO_TYPE_PREFERENCES_WINDOW, GTK_WINDOW (window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.preferences", NULL));
  pkio_test_ui_iterate_until_idle ();

  preferences = find_toplevel (PKIO_TYPE_PREFERENCES_WINDOW, GTK_WINDOW (window));
  g_assert_nonnull (preferences);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (preferences)));

  pkio_test_ui_destroy_and_finalize (preferences);
  pkio_test_ui_destroy_and_finalize (GTK_WINDOW (window));
}

static void
test_about_open (void)
{
  g_autoptr(PkioApplication) app = started_application ();
  PkioWindow *window;
  GtkWindow *about;

  window = pkio_window_new (GTK_APPLICATION (app), pkio_application_get_settings (app));
  gtk_window_present (GTK_WINDOW (window));
  pkio_test_ui_iterate_until_idle ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.about", NULL));
  pkio_test_ui_iterate_until_idle ();

  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW, GTK_WINDOW (window));
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about)), ==, APP_ID);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);

  pkio_test_ui_destroy_and_finalize (about);
  pkio_test_ui_destroy_and_finalize (GTK_WINDOW (window));
}

static void
test_shortcuts_open (void)
{
  g_autoptr(PkioApplication) app = started_application ();
  PkioWindow *window;
  GtkShortcutsWindow *overlay;

  window = pkio_window_new (GTK_APPLICATION (app), pkio_application_get_settings (app));
  gtk_window_present (GTK_WINDOW (window));
  pkio_test_ui_iterate_until_idle ();

  /* GtkApplication loads gtk/help-overlay.ui from our resource path. */
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  pkio_test_ui_iterate_until_idle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));

  gtk_window_close (GTK_WINDOW (overlay));
  pkio_test_ui_destroy_and_finalize (GTK_WINDOW (window));
}

static void
test_window_state_remembered (void)
{
  g_autoptr(PkioSettings) settings = pkio_settings_new (NULL);
  PkioWindow *window;
  int width, height;
  gboolean maximized;

  pkio_settings_set_window_state (settings, 1001, 703, FALSE);

  window = pkio_window_new (NULL, settings);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1001);
  g_assert_cmpint (height, ==, 703);

  /* What the user resized to is written back when the window closes. */
  gtk_window_present (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 912, 655);
  pkio_test_ui_iterate_until_idle ();
  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  pkio_test_ui_iterate_until_idle ();
  g_assert_finalize_object (window);

  pkio_settings_get_window_state (settings, &width, &height, &maximized);
  g_assert_cmpint (width, ==, 912);
  g_assert_cmpint (height, ==, 655);
  g_assert_false (maximized);
}

static void
test_welcome_page (void)
{
  PkioWindow *window = pkio_window_new (NULL, NULL);
  GtkWidget *back, *next, *cancel;
  AdwWindowTitle *title;

  gtk_window_present (GTK_WINDOW (window));
  pkio_test_ui_iterate_until_idle ();

  back = pkio_test_ui_find_actionable (GTK_WIDGET (window), "assistant.back");
  next = pkio_test_ui_find_actionable (GTK_WIDGET (window), "assistant.next");
  cancel = pkio_test_ui_find_actionable (GTK_WIDGET (window), "assistant.cancel");
  g_assert_nonnull (back);
  g_assert_nonnull (next);
  g_assert_nonnull (cancel);

  /* Welcome is the first step: nowhere to go back to, a new applicant by
   * default so Next leads on, nothing running to cancel. */
  g_assert_false (gtk_widget_get_visible (back));
  g_assert_true (gtk_widget_get_visible (next));
  g_assert_true (gtk_widget_get_sensitive (next));
  g_assert_false (gtk_widget_get_visible (cancel));

  title = ADW_WINDOW_TITLE (adw_header_bar_get_title_widget (
            ADW_HEADER_BAR (gtk_widget_get_ancestor (back, ADW_TYPE_HEADER_BAR))));
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, "Welcome");

  pkio_test_ui_destroy_and_finalize (GTK_WINDOW (window));
}

typedef struct
{
  GtkRevealer *revealer;
  gboolean     revealed;
} RevealWait;

static gboolean
reveal_is (gpointer data)
{
  RevealWait *wait = data;

  return gtk_revealer_get_reveal_child (wait->revealer) == wait->revealed;
}

static void
wait_for_reveal (GtkRevealer *revealer,
                 gboolean     revealed)
{
  RevealWait wait = { revealer, revealed };

  g_assert_true (pkio_test_ui_wait_until (reveal_is, &wait, PKIO_TEST_HANG_SECONDS));
}

static void
test_no_key_banner (void)
{
  g_autoptr(PkioSettings) settings = pkio_settings_new (NULL);
  PkioWindow *window;
  GtkRevealer *banner;
  GtkWindow *other;

  if (!pkio_test_in_harness ())
    return;

  pkio_test_save_api_key ("http://127.0.0.1:7002/services/v2", "PKIOBANNERKEY");

  /* No key for this address: the window says so and offers to add one. */
  pkio_settings_override_api_base_url (settings, "http://127.0.0.1:7001/services/v2");
  window = pkio_window_new (NULL, settings);
  gtk_window_present (GTK_WINDOW (window));
  banner = GTK_REVEALER (pkio_test_ui_find_of_type (GTK_WIDGET (window), GTK_TYPE_REVEALER));
  g_assert_nonnull (banner);
  wait_for_reveal (banner, TRUE);
  g_assert_nonnull (pkio_test_ui_find_actionable (GTK_WIDGET (banner), "app.preferences"));

  /* An address with a key: nothing to say. The address changes while
   * another window is in front, as Preferences is when it is changed
   * there; the banner follows all the same. It once waited for the window
   * to be active again, and failed whenever another test's window took the
   * focus on the shared display. */
  other = GTK_WINDOW (gtk_window_new ());
  pkio_test_ui_present (other);
  g_assert_false (gtk_window_is_active (GTK_WINDOW (window)));
  pkio_settings_override_api_base_url (settings, "http://127.0.0.1:7002/services/v2");
  wait_for_reveal (banner, FALSE);

  pkio_test_ui_destroy_and_finalize (other);
  pkio_test_ui_destroy_and_finalize (GTK_WINDOW (window));
}

/* Every icon the interface names is in the theme or our resources and can be
 * drawn. Adwaita 48 dropped names that 43 had (emblem-ok-symbolic), and
 * without gdk-pixbuf's SVG loader every themed icon is a broken image; both
 * were seen only in screenshots of the current stack. */
static void
test_icons_drawable (void)
{
  /* Named in code rather than in a .ui file. */
  static const char * const in_code[] = {
    "dialog-warning-symbolic",  /* pkio-token-panel.c */
    "auth-smartcard-symbolic",  /* pkio-token-row.c */
  };
  g_autoptr(PkioApplication) app = started_application ();
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRegex) property = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  GHashTableIter iter;
  const char *name;

  property = g_regex_new ("<property name=\"icon-name\">([^<]+)</property>", 0, 0, &error);
  g_assert_no_error (error);
  files = g_resources_enumerate_children ("/io/github/pkioorder/PkioOrder/", 0, &error);
  g_assert_no_error (error);

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *path = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GMatchInfo) match = NULL;

      if (!g_str_has_suffix (files[i], ".ui"))
        continue;
      path = g_strconcat ("/io/github/pkioorder/PkioOrder/", files[i], NULL);
      bytes = g_resources_lookup_data (path, 0, &error);
      g_assert_no_error (error);
      g_regex_match (property, g_bytes_get_data (bytes, NULL), 0, &match);
      for (; g_match_info_matches (match); g_match_info_next (match, NULL))
        g_hash_table_add (names, g_match_info_fetch (match, 1));
    }
  /* The .ui files were read: the pages' and the orders window's icons. */
  g_assert_true (g_hash_table_contains (names, "edit-copy-symbolic"));
  g_assert_true (g_hash_table_contains (names, "pkio-payment-card-symbolic"));
  for (guint i = 0; i < G_N_ELEMENTS (in_code); i++)
    g_hash_table_add (names, g_strdup (in_code[i]));

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    {
      if (!gtk_icon_theme_has_icon (theme, name))
        {
          g_test_fail_printf ("the icon theme has no %s", name);
          continue;
        }
      /* Small, as in a row, where a theme may have a drawn PNG, and large,
       * as on a status page, where it has only the SVG. */
      for (guint size = 16; size <= 128; size *= 8)
        {
          g_autoptr(GtkIconPaintable) icon = NULL;
          g_autoptr(GFile) file = NULL;
          g_autoptr(GdkTexture) texture = NULL;
          g_autofree char *basename = NULL;

          icon = gtk_icon_theme_lookup_icon (theme, name, NULL, size, 1, GTK_TEXT_DIR_NONE, 0);
          file = gtk_icon_paintable_get_file (icon);
          basename = g_file_get_basename (file);
          /* GTK skips files it has no loader for and falls back. */
          if (!g_str_has_prefix (basename, name))
            {
              g_test_fail_printf ("%s at %u pixels is drawn as %s", name, size, basename);
              continue;
            }
          g_assert_nonnull (file);
          texture = gdk_texture_new_from_file (file, &error);
          if (texture == NULL)
            g_test_fail_printf ("%s cannot be drawn at %u pixels: %s", name, size, error->message);
          g_clear_error (&error);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  pkio_test_ui_init (&argc, &argv);

  g_test_add_func ("/pkio/window/opens-and-finalizes", test_window_opens_and_finalizes);
  g_test_add_func ("/pkio/window/preferences", test_preferences_open);
  g_test_add_func ("/pkio/window/about", test_about_open);
  g_test_add_func ("/pkio/window/shortcuts", test_shortcuts_open);
  g_test_add_func ("/pkio/window/state-remembered", test_window_state_remembered);
  g_test_add_func ("/pkio/window/welcome", test_welcome_page);
  g_test_add_func ("/pkio/window/no-key-banner", test_no_key_banner);
  g_test_add_func ("/pkio/window/icons-drawable", test_icons_drawable);

  ret = g_test_run ();

  /* A registered GApplication stays referenced by its D-Bus export until
   * the process ends; the windows above are what must not leak. */
  g_clear_object (&test_app);

  return ret;
}
