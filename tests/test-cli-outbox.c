/* test-cli-outbox.c
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

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pkio-history.h"
#include "pkio-secret-store.h"
#include "pkio-store.h"
#include "pkio-test-utils.h"

/* `pkio-order submit` and `pkio-order outbox list|flush` as processes,
 * against an in-process CertCentral stand-in, with the API key and the
 * store key in the harness's keyring and a data directory of their own. */

#define LIST_PATH  "/services/v2/order/certificate"
#define API_KEY    "PKIOCLIOUTBOXKEY"

typedef struct
{
  SoupServer *server;
  char       *base_url;
  char       *data_home;
  PkioTestOrderMode mode;
  guint       posts;
  guint       lists;
  SoupServerMessage *held;
} Fixture;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *answer = "{\"id\":112233,\"certificate_id\":113}";

  if (g_str_equal (method, "GET") && g_str_equal (path, LIST_PATH))
    {
      f->lists++;
      answer = "{\"orders\":[]}";
      pkio_test_server_respond (msg, 200, answer);
      return;
    }

  f->posts++;
  if (pkio_test_server_take_order (msg, path, f->mode, f->posts, &f->held))
    pkio_test_server_respond (msg, 201, answer);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (g_getenv ("PKIO_TEST_HARNESS") == NULL)
    return;

  f->server = pkio_test_server_new (handler, f, &f->base_url);
  pkio_test_save_api_key (f->base_url, API_KEY);

  f->data_home = g_dir_make_tmp ("pkio-cli-outbox-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->server == NULL)
    return;

  soup_server_disconnect (f->server);
  g_assert_finalize_object (f->server);
  g_free (f->base_url);
  pkio_test_remove_tree (f->data_home);
  g_free (f->data_home);
}

static GSubprocess *
spawn (Fixture    *f,
       const char *base_url,
       const char *command,
       const char *arg)
{
  g_autoptr(GSubprocessLauncher) launcher = pkio_test_cli_launcher_new (f->data_home);
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  proc = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("PKIO_ORDER_BIN"),
                                      "--api-base-url", base_url, command, arg, NULL);
  g_assert_no_error (error);

  return proc;
}

/* Runs the command, with its own data directory, while this process keeps
 * serving. */
static int
run (Fixture     *f,
     const char  *base_url,
     char       **out,
     char       **err,
     const char  *command,
     const char  *arg)
{
  g_autoptr(GSubprocessLauncher) launcher = pkio_test_cli_launcher_new (f->data_home);

  return pkio_test_run_cli (launcher, base_url, out, err, command, arg);
}

/* No personal data and no key in any file the commands left, and the
 * history holds what was placed (read with the keyring's key). */
static void
assert_no_plaintext (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize len;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          assert_no_plaintext (child);
          continue;
        }
      g_assert_true (g_file_get_contents (child, &contents, &len, NULL));
      g_assert_null (memmem (contents, len, "Doe", 3));
      g_assert_null (memmem (contents, len, "john.doe", 8));
      g_assert_null (memmem (contents, len, "18018308989", 11));
      g_assert_null (memmem (contents, len, API_KEY, strlen (API_KEY)));
    }
}

static GPtrArray *
load_history (Fixture *f)
{
  g_autofree char *dir = g_build_filename (f->data_home, APP_ID, NULL);
  g_autoptr(PkioStore) store = pkio_store_new (dir);
  g_autoptr(PkioHistory) history = pkio_history_new (store);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pkio_history_entry_free);
  g_autoptr(GPtrArray) borrowed = NULL;

  pkio_store_open_async (store, NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_store_open_finish (store, pkio_test_wait_result (&result), &error));
  g_clear_object (&result);
  pkio_history_load_async (history, NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_history_load_finish (history, pkio_test_wait_result (&result), NULL, &error));
  g_assert_no_error (error);

  borrowed = pkio_history_dup_entries (history);
  for (guint i = 0; i < borrowed->len; i++)
    g_ptr_array_add (entries, pkio_history_entry_copy (g_ptr_array_index (borrowed, i)));

  return entries;
}

static void
test_submit_goes_to_history (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *list_out = NULL;
  g_autofree char *list_err = NULL;
  g_autofree char *path = pkio_test_data_path ("example-1.json");
  g_autoptr(GPtrArray) history = NULL;
  const PkioHistoryEntry *entry;

  if (!pkio_test_in_harness ())
    return;

  g_assert_cmpint (run (f, f->base_url, &out, &err, "submit", path), ==, 0);
  g_assert_cmpstr (out, ==, "{\"id\":112233,\"certificate_id\":113}\n");
  g_assert_cmpuint (f->posts, ==, 1);

  history = load_history (f);
  g_assert_cmpuint (history->len, ==, 1);
  entry = g_ptr_array_index (history, 0);
  g_assert_cmpint (entry->order_id, ==, 112233);
  g_assert_cmpint (entry->certificate_id, ==, 113);
  g_assert_cmpstr (entry->applicant, ==, "John Doe");
  g_assert_cmpstr (entry->email, ==, "john.doe@example.com");

  /* Nothing is left in the outbox. */
  g_assert_cmpint (run (f, f->base_url, &list_out, &list_err, "outbox", "list"), ==, 0);
  g_assert_cmpstr (list_out, ==, "");
  assert_no_plaintext (f->data_home);
}

static void
test_dropped_is_never_flushed (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *list_out = NULL;
  g_autofree char *list_err = NULL;
  g_autofree char *flush_out = NULL;
  g_autofree char *flush_err = NULL;
  g_autofree char *path = pkio_test_data_path ("example-1.json");

  if (!pkio_test_in_harness ())
    return;

  f->mode = PKIO_TEST_ORDER_DROP;
  g_assert_cmpint (run (f, f->base_url, &out, &err, "submit", path), ==, 3);
  g_assert_cmpuint (f->posts, ==, 1);

  g_assert_cmpint (run (f, f->base_url, &list_out, &list_err, "outbox", "list"), ==, 0);
  g_assert_true (g_str_has_prefix (list_out, "outcome-unknown\tJohn Doe\t"));

  /* flush reconciles, reports, exits 3, and does not POST again. */
  f->mode = PKIO_TEST_ORDER_OK;
  g_assert_cmpint (run (f, f->base_url, &flush_out, &flush_err, "outbox", "flush"), ==, 3);
  g_assert_cmpuint (f->posts, ==, 1);
  g_assert_cmpuint (f->lists, ==, 1);
  g_assert_true (g_str_has_prefix (flush_out, "outcome-unknown\tJohn Doe\t"));
  g_assert_nonnull (strstr (flush_out, "No matching order was found"));
  assert_no_plaintext (f->data_home);
}

static void
test_offline_then_flush (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *list_out = NULL;
  g_autofree char *list_err = NULL;
  g_autofree char *flush_out = NULL;
  g_autofree char *flush_err = NULL;
  g_autofree char *again_out = NULL;
  g_autofree char *again_err = NULL;
  g_autofree char *path = pkio_test_data_path ("example-1.json");
  g_autofree char *offline_url = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) any = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;

  if (!pkio_test_in_harness ())
    return;

  /* A port that refuses connections: bound, never listening. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  offline_url = g_strdup_printf ("http://127.0.0.1:%u/services/v2",
                                 g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  pkio_test_save_api_key (offline_url, API_KEY);

  g_assert_cmpint (run (f, offline_url, &out, &err, "submit", path), ==, 1);
  g_assert_nonnull (strstr (err, "outbox flush"));
  g_assert_cmpint (run (f, f->base_url, &list_out, &list_err, "outbox", "list"), ==, 0);
  g_assert_true (g_str_has_prefix (list_out, "queued\tJohn Doe\t"));

  g_assert_cmpint (run (f, f->base_url, &flush_out, &flush_err, "outbox", "flush"), ==, 0);
  g_assert_cmpstr (flush_out, ==, "sent\tJohn Doe\t112233\t113\n");
  g_assert_cmpuint (f->posts, ==, 1);

  /* Sent once: a second flush has nothing to do. */
  g_assert_cmpint (run (f, f->base_url, &again_out, &again_err, "outbox", "flush"), ==, 0);
  g_assert_cmpstr (again_out, ==, "");
  g_assert_cmpuint (f->posts, ==, 1);

  history = load_history (f);
  g_assert_cmpuint (history->len, ==, 1);
  assert_no_plaintext (f->data_home);
}

/* While one `outbox flush` is sending, `outbox list` and a second flush
 * see the order as being sent: neither calls it an unknown outcome, and
 * once placed it is in the history, not the outbox. */
static void
test_list_during_send (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *list_out = NULL;
  g_autofree char *list_err = NULL;
  g_autofree char *second_out = NULL;
  g_autofree char *second_err = NULL;
  g_autofree char *first_out = NULL;
  g_autofree char *first_err = NULL;
  g_autofree char *after_out = NULL;
  g_autofree char *after_err = NULL;
  g_autofree char *path = pkio_test_data_path ("example-1.json");
  g_autoptr(GSubprocess) first = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;

  if (!pkio_test_in_harness ())
    return;

  /* `submit` goes through the outbox: its POST waits at the server. */
  f->mode = PKIO_TEST_ORDER_HOLD;
  first = spawn (f, f->base_url, "submit", path);
  while (f->held == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (run (f, f->base_url, &list_out, &list_err, "outbox", "list"), ==, 0);
  g_assert_true (g_str_has_prefix (list_out, "sending\tJohn Doe\t"));
  g_assert_cmpint (run (f, f->base_url, &second_out, &second_err, "outbox", "flush"), ==, 0);
  g_assert_true (g_str_has_prefix (second_out, "sending\tJohn Doe\t"));

  soup_server_message_unpause (f->held);
  f->held = NULL;
  g_subprocess_communicate_utf8_async (first, NULL, NULL, pkio_test_result_cb, &result);
  pkio_test_wait_result (&result);
  g_subprocess_communicate_utf8_finish (first, result, &first_out, &first_err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (first), ==, 0);
  g_assert_cmpuint (f->posts, ==, 1);

  g_assert_cmpint (run (f, f->base_url, &after_out, &after_err, "outbox", "list"), ==, 0);
  g_assert_cmpstr (after_out, ==, "");
  history = load_history (f);
  g_assert_cmpuint (history->len, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/pkio/cli/outbox/submit-goes-to-history", test_submit_goes_to_history);
  ADD ("/pkio/cli/outbox/dropped-never-flushed", test_dropped_is_never_flushed);
  ADD ("/pkio/cli/outbox/offline-then-flush", test_offline_then_flush);
  ADD ("/pkio/cli/outbox/list-during-send", test_list_during_send);

  return g_test_run ();
}
