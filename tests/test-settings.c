/* test-settings.c
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

#include <glib-object.h>

#include "pkio-settings.h"

typedef struct
{
  const char *url;
  gboolean    acceptable;
} UrlCase;

static const UrlCase url_cases[] = {
  { "https://certcentral.digicert.eu/services/v2", TRUE },
  { "HTTPS://certcentral.digicert.eu/services/v2", TRUE },
  { "https://127.0.0.1:8443/services/v2", TRUE },
  { "http://127.0.0.1:41234/services/v2", TRUE },
  { "http://localhost:41234/services/v2", TRUE },
  { "http://[::1]:41234/services/v2", TRUE },
  { "http://certcentral.digicert.eu/services/v2", FALSE },
  { "http://10.0.0.1/services/v2", FALSE },
  { "ftp://certcentral.digicert.eu/", FALSE },
  { "https://user:secret@certcentral.digicert.eu/services/v2", FALSE },
  { "https:///services/v2", FALSE },
  { "certcentral.digicert.eu/services/v2", FALSE },
  { "", FALSE },
  { NULL, FALSE },
};

static void
test_api_base_url_acceptable (gconstpointer data)
{
  const UrlCase *c = data;

  g_assert_cmpint (pkio_settings_is_acceptable_api_base_url (c->url), ==, c->acceptable);
}

static void
iterate_until_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_defaults (void)
{
  g_autoptr(PkioSettings) settings = pkio_settings_new (NULL);
  g_autofree char *url = pkio_settings_dup_api_base_url (settings);
  g_auto(GStrv) module_paths = pkio_settings_dup_token_module_paths (settings);
  int width = 0, height = 0;
  gboolean maximized = TRUE;

  g_assert_cmpstr (url, ==, PKIO_DEFAULT_API_BASE_URL);
  g_assert_nonnull (module_paths);
  g_assert_cmpuint (g_strv_length (module_paths), ==, 0);
  g_assert_cmpuint (pkio_settings_get_auto_save_delay (settings), ==, 2);

  pkio_settings_get_window_state (settings, &width, &height, &maximized);
  g_assert_cmpint (width, >=, 360);
  g_assert_cmpint (height, >=, 294);
  g_assert_false (maximized);
}

static void
test_api_base_url_notify (void)
{
  g_autoptr(PkioSettings) settings = pkio_settings_new (NULL);
  g_autoptr(GSettings) gsettings = g_settings_new (APP_ID);
  g_autofree char *url = NULL;
  g_autofree char *stored = NULL;
  guint count = 0;

  g_signal_connect (settings, "notify::api-base-url", G_CALLBACK (count_notify_cb), &count);

  pkio_settings_set_api_base_url (settings, "http://127.0.0.1:1234/services/v2");
  iterate_until_idle ();
  g_assert_cmpuint (count, ==, 1);
  stored = g_settings_get_string (gsettings, "api-base-url");
  g_assert_cmpstr (stored, ==, "http://127.0.0.1:1234/services/v2");

  /* The same value again is not a change. */
  pkio_settings_set_api_base_url (settings, "http://127.0.0.1:1234/services/v2");
  iterate_until_idle ();
  g_assert_cmpuint (count, ==, 1);

  /* NULL goes back to DigiCert's endpoint. */
  pkio_settings_set_api_base_url (settings, NULL);
  iterate_until_idle ();
  g_assert_cmpuint (count, ==, 2);
  url = pkio_settings_dup_api_base_url (settings);
  g_assert_cmpstr (url, ==, PKIO_DEFAULT_API_BASE_URL);

  /* A change made elsewhere (dconf, another instance) reaches the property. */
  count = 0;
  g_settings_set_string (gsettings, "api-base-url", "https://example.test/services/v2");
  iterate_until_idle ();
  g_assert_cmpuint (count, ==, 1);
  g_clear_pointer (&url, g_free);
  g_object_get (settings, "api-base-url", &url, NULL);
  g_assert_cmpstr (url, ==, "https://example.test/services/v2");

  g_settings_reset (gsettings, "api-base-url");
}

static void
test_api_base_url_override (void)
{
  g_autoptr(PkioSettings) settings = pkio_settings_new (NULL);
  g_autoptr(GSettings) gsettings = g_settings_new (APP_ID);
  g_autofree char *url = NULL;
  g_autofree char *stored = NULL;
  guint count = 0;

  g_signal_connect (settings, "notify::api-base-url", G_CALLBACK (count_notify_cb), &count);

  pkio_settings_override_api_base_url (settings, "http://127.0.0.1:9/services/v2");
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (pkio_settings_is_api_base_url_overridden (settings));
  url = pkio_settings_dup_api_base_url (settings);
  g_assert_cmpstr (url, ==, "http://127.0.0.1:9/services/v2");

  /* For this run only: what is stored stays as it was. */
  stored = g_settings_get_string (gsettings, "api-base-url");
  g_assert_cmpstr (stored, ==, PKIO_DEFAULT_API_BASE_URL);

  /* A change to the stored setting does not displace the override. */
  g_settings_set_string (gsettings, "api-base-url", "https://example.test/services/v2");
  iterate_until_idle ();
  g_clear_pointer (&url, g_free);
  url = pkio_settings_dup_api_base_url (settings);
  g_assert_cmpstr (url, ==, "http://127.0.0.1:9/services/v2");
  g_assert_cmpuint (count, ==, 1);

  pkio_settings_override_api_base_url (settings, NULL);
  g_clear_pointer (&url, g_free);
  url = pkio_settings_dup_api_base_url (settings);
  g_assert_cmpstr (url, ==, "https://example.test/services/v2");
  g_settings_reset (gsettings, "api-base-url");
}

static void
test_window_state (void)
{
  g_autoptr(PkioSettings) settings = pkio_settings_new (NULL);
  int width, height;
  gboolean maximized;

  pkio_settings_set_window_state (settings, 1010, 777, FALSE);
  pkio_settings_get_window_state (settings, &width, &height, &maximized);
  g_assert_cmpint (width, ==, 1010);
  g_assert_cmpint (height, ==, 777);
  g_assert_false (maximized);

  /* Maximizing keeps the size to return to. */
  pkio_settings_set_window_state (settings, 1920, 1080, TRUE);
  pkio_settings_get_window_state (settings, &width, &height, &maximized);
  g_assert_cmpint (width, ==, 1010);
  g_assert_cmpint (height, ==, 777);
  g_assert_true (maximized);

  /* Below the schema's floor is clamped, not refused with a critical. */
  pkio_settings_set_window_state (settings, 100, 50, FALSE);
  pkio_settings_get_window_state (settings, &width, &height, &maximized);
  g_assert_cmpint (width, ==, 360);
  g_assert_cmpint (height, ==, 294);
  g_assert_false (maximized);

  /* Another instance reads what this one wrote. */
  {
    g_autoptr(PkioSettings) other = pkio_settings_new (NULL);

    pkio_settings_set_window_state (settings, 800, 600, FALSE);
    pkio_settings_get_window_state (other, &width, &height, &maximized);
    g_assert_cmpint (width, ==, 800);
    g_assert_cmpint (height, ==, 600);
  }
}

static void
test_desk_defaults (void)
{
  g_autoptr(PkioSettings) settings = pkio_settings_new (NULL);
  g_autoptr(GSettings) gsettings = g_settings_new (APP_ID);
  g_autoptr(PkioOrder) order = pkio_order_new ();
  g_autoptr(PkioOrder) chosen = pkio_order_new ();
  g_autofree char *country = NULL;
  g_autofree char *ship_country = NULL;
  g_autofree char *billing_country = NULL;

  /* Out of the box there are none: a citizen at home chooses each. */
  pkio_settings_apply_desk_defaults (settings, order);
  g_assert_cmpint (pkio_order_get_payment_method (order), ==, PKIO_PAYMENT_METHOD_NONE);
  g_assert_cmpint (pkio_order_get_ship_method (order), ==, PKIO_SHIP_METHOD_NONE);
  g_assert_cmpint (pkio_order_get_validity_kind (order), ==, PKIO_VALIDITY_KIND_NONE);
  g_object_get (order, "country", &country, NULL);
  g_assert_true (country == NULL || country[0] == '\0');
  g_clear_pointer (&country, g_free);

  /* A desk in the Netherlands, paying by card, three years, expedited. */
  g_settings_set_string (gsettings, "desk-country", "nl");
  g_settings_set_string (gsettings, "desk-payment-method", "card");
  g_settings_set_string (gsettings, "desk-ship-method", "EXPEDITED");
  g_settings_set_uint (gsettings, "desk-validity-years", 3);
  g_clear_object (&order);
  order = pkio_order_new ();
  pkio_settings_apply_desk_defaults (settings, order);
  g_object_get (order, "country", &country, "ship-country", &ship_country,
                "billing-country", &billing_country, NULL);
  g_assert_cmpstr (country, ==, "nl");
  g_assert_cmpstr (ship_country, ==, "nl");
  g_assert_cmpstr (billing_country, ==, "nl");
  g_assert_cmpint (pkio_order_get_payment_method (order), ==, PKIO_PAYMENT_METHOD_CARD);
  g_assert_cmpint (pkio_order_get_ship_method (order), ==, PKIO_SHIP_METHOD_EXPEDITED);
  g_assert_cmpint (pkio_order_get_validity_years (order), ==, 3);

  /* What the user already chose is kept. */
  g_object_set (chosen, "country", "be", NULL);
  pkio_order_set_payment_method (chosen, PKIO_PAYMENT_METHOD_BALANCE);
  pkio_order_set_validity_kind (chosen, PKIO_VALIDITY_KIND_DAYS);
  pkio_order_set_validity_days (chosen, 200);
  pkio_settings_apply_desk_defaults (settings, chosen);
  g_clear_pointer (&country, g_free);
  g_object_get (chosen, "country", &country, NULL);
  g_assert_cmpstr (country, ==, "be");
  g_assert_cmpint (pkio_order_get_payment_method (chosen), ==, PKIO_PAYMENT_METHOD_BALANCE);
  g_assert_cmpint (pkio_order_get_validity_kind (chosen), ==, PKIO_VALIDITY_KIND_DAYS);
  g_assert_cmpint (pkio_order_get_validity_days (chosen), ==, 200);

  g_settings_reset (gsettings, "desk-country");
  g_settings_reset (gsettings, "desk-payment-method");
  g_settings_reset (gsettings, "desk-ship-method");
  g_settings_reset (gsettings, "desk-validity-years");
}

static void
test_no_gtk (void)
{
  /* The core is linked without GTK; this binary must not have pulled it in
   * by some indirect dependency, and it needs no display. */
  g_assert_cmpuint (g_type_from_name ("GtkWidget"), ==, 0);
  g_assert_cmpstr (g_getenv ("DISPLAY"), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pkio/settings/defaults", test_defaults);
  g_test_add_func ("/pkio/settings/api-base-url/notify", test_api_base_url_notify);
  g_test_add_func ("/pkio/settings/window-state", test_window_state);
  g_test_add_func ("/pkio/settings/api-base-url/override", test_api_base_url_override);
  g_test_add_func ("/pkio/settings/no-gtk", test_no_gtk);
  g_test_add_func ("/pkio/settings/desk-defaults", test_desk_defaults);

  for (guint i = 0; i < G_N_ELEMENTS (url_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pkio/settings/api-base-url/acceptable/%u", i);

      g_test_add_data_func (path, &url_cases[i], test_api_base_url_acceptable);
    }

  return g_test_run ();
}
