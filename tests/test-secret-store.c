/* test-secret-store.c
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

#include <string.h>

#include "pkio-secret-store-private.h"
#include "pkio-test-utils.h"

/* Against the real gnome-keyring that build-aux/run-tests starts on a
 * private D-Bus session; outside the harness these tests skip rather than
 * touch the keyring of whoever runs them. */

#define BASE_URL "https://certcentral.digicert.eu/services/v2"
#define OTHER_URL "http://127.0.0.1:4321/services/v2"

static GPtrArray *captured_log;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
        g_ptr_array_add (captured_log, g_strdup (fields[i].value));
    }

  /* Debug lines would land on stdout, in the middle of the TAP stream. */
  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (level, fields, n_fields, user_data);
}

static gboolean
clear (const char *base_url)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean removed = FALSE;

  pkio_secret_store_clear_api_key_async (base_url, NULL, pkio_test_result_cb, &result);
  pkio_test_wait_result (&result);
  g_assert_true (pkio_secret_store_clear_api_key_finish (result, &removed, &error));
  g_assert_no_error (error);

  return removed;
}

/* Whether @needle occurs in any file under @dir. */
static gboolean
found_in_files (const char *dir,
                const char *needle)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return FALSE;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (found_in_files (path, needle))
            return TRUE;
        }
      else if (g_file_get_contents (path, &contents, &len, NULL) &&
               memmem (contents, len, needle, strlen (needle)) != NULL)
        {
          g_test_message ("found in %s", path);
          return TRUE;
        }
    }

  return FALSE;
}

static void
test_store_lookup_replace_remove (void)
{
  g_autofree char *key1 = NULL;
  g_autofree char *key2 = NULL;
  g_autofree char *found = NULL;

  if (!pkio_test_in_harness ())
    return;

  key1 = g_strdup_printf ("PKIOTEST%08X%08XKEYONE", g_random_int (), g_random_int ());
  key2 = g_strdup_printf ("PKIOTEST%08X%08XKEYTWO", g_random_int (), g_random_int ());

  g_clear_pointer (&found, g_free);
  found = pkio_test_lookup_api_key (BASE_URL);
  g_assert_null (found);

  pkio_test_save_api_key (BASE_URL, key1);
  found = pkio_test_lookup_api_key (BASE_URL);
  g_assert_cmpstr (found, ==, key1);

  /* Replacing keeps one item: the lookup gives the new key. */
  pkio_test_save_api_key (BASE_URL, key2);
  g_clear_pointer (&found, g_free);
  found = pkio_test_lookup_api_key (BASE_URL);
  g_assert_cmpstr (found, ==, key2);

  /* Keys are per base URL: the simulator's is separate from DigiCert's. */
  g_clear_pointer (&found, g_free);
  found = pkio_test_lookup_api_key (OTHER_URL);
  g_assert_null (found);

  /* The key is on disk only in gnome-keyring's encrypted form, and in no
   * log line, even with debug messages on. */
  g_assert_false (found_in_files (g_get_home_dir (), key1));
  g_assert_false (found_in_files (g_get_home_dir (), key2));
  g_assert_false (found_in_files (g_get_user_data_dir (), key2));
  for (guint i = 0; i < captured_log->len; i++)
    {
      g_assert_null (strstr (g_ptr_array_index (captured_log, i), key1));
      g_assert_null (strstr (g_ptr_array_index (captured_log, i), key2));
    }

  g_assert_true (clear (BASE_URL));
  g_clear_pointer (&found, g_free);
  found = pkio_test_lookup_api_key (BASE_URL);
  g_assert_null (found);

  /* Removing what is not there is not an error. */
  g_assert_false (clear (BASE_URL));
}

static void
test_no_service_subprocess (void)
{
  g_autoptr(GTestDBus) bus = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* A bus with no Secret Service on it: no keyring at all. */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);

  pkio_secret_store_save_api_key_async (BASE_URL, "PKIOTESTNOSERVICE", NULL, pkio_test_result_cb,
                                        &result);
  pkio_test_wait_result (&result);
  g_assert_false (pkio_secret_store_save_api_key_finish (result, &error));
  g_assert_error (error, PKIO_SECRET_STORE_ERROR, PKIO_SECRET_STORE_ERROR_UNAVAILABLE);
  g_assert_null (strstr (error->message, "PKIOTESTNOSERVICE"));

  g_test_dbus_down (bus);
}

static void
test_no_service (void)
{
  g_test_trap_subprocess ("/pkio/secret-store/no-service/subprocess", 0,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

typedef struct
{
  GQuark domain;
  int    code;
  int    expected;
} MapCase;

static void
test_error_mapping (void)
{
  const MapCase cases[] = {
    { SECRET_ERROR, SECRET_ERROR_IS_LOCKED, PKIO_SECRET_STORE_ERROR_LOCKED },
    { G_DBUS_ERROR, G_DBUS_ERROR_ACCESS_DENIED, PKIO_SECRET_STORE_ERROR_LOCKED },
    { G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN, PKIO_SECRET_STORE_ERROR_UNAVAILABLE },
    { G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER, PKIO_SECRET_STORE_ERROR_UNAVAILABLE },
    { G_IO_ERROR, G_IO_ERROR_NOT_FOUND, PKIO_SECRET_STORE_ERROR_UNAVAILABLE },
    { SECRET_ERROR, SECRET_ERROR_PROTOCOL, PKIO_SECRET_STORE_ERROR_FAILED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) in = g_error_new_literal (cases[i].domain, cases[i].code, "detail");
      g_autoptr(GError) out = _pkio_secret_store_map_error (in);

      g_assert_error (out, PKIO_SECRET_STORE_ERROR, cases[i].expected);
      g_assert_cmpstr (out->message, !=, "detail");
    }

  /* A cancellation stays a cancellation: the UI ignores those. */
  {
    g_autoptr(GError) in = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");
    g_autoptr(GError) out = _pkio_secret_store_map_error (in);

    g_assert_error (out, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

static void
test_schema (void)
{
  const SecretSchema *schema = pkio_secret_store_get_schema ();

  /* Documented: secret-tool finds the key by these. */
  g_assert_cmpstr (schema->name, ==, APP_ID);
  g_assert_cmpstr (schema->attributes[0].name, ==, "kind");
  g_assert_cmpstr (schema->attributes[1].name, ==, "base-url");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_init (&argc, &argv, NULL);

  captured_log = g_ptr_array_new_with_free_func (g_free);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_add_func ("/pkio/secret-store/schema", test_schema);
  g_test_add_func ("/pkio/secret-store/error-mapping", test_error_mapping);
  g_test_add_func ("/pkio/secret-store/store-lookup-replace-remove",
                   test_store_lookup_replace_remove);
  g_test_add_func ("/pkio/secret-store/no-service", test_no_service);
  g_test_add_func ("/pkio/secret-store/no-service/subprocess", test_no_service_subprocess);

  return g_test_run ();
}
