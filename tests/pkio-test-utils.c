/* pkio-test-utils.c
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
#include "pkio-secret-store.h"

#include <glib/gstdio.h>
#include <string.h>
#include <gnutls/crypto.h>
#include "pkio-phone-plan.h"
#include "pkio-validate.h"

void
pkio_test_pin_today (void)
{
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 24, G_DATE_NOVEMBER, 2026);
  pkio_validate_set_today_for_testing (&today);
}

/**
 * pkio_test_order_new_valid:
 *
 * Returns: (transfer full): an order that passes every step, paid from the
 *   balance or by card
 */
PkioOrder *
pkio_test_order_new_valid (PkioPaymentMethod payment)
{
  PkioOrder *order = pkio_order_new ();

  g_object_set (order,
                "first-name", "Jan",
                "last-name", "de Vries",
                "email", "jan.devries@example.nl",
                "telephone", "+31 6 1234 5678",
                "country", "nl",
                "city", "Delft",
                "zip", "2611 AB",
                "provisioning-method", "qscd",
                "ship-name", "Jan de Vries",
                "ship-addr1", "Oude Delft 1",
                "ship-city", "Delft",
                "ship-state", "Zuid-Holland",
                "ship-zip", "2611 AB",
                "ship-country", "nl",
                "ship-method", PKIO_SHIP_METHOD_STANDARD,
                "validity-kind", PKIO_VALIDITY_KIND_YEARS,
                "validity-years", 1,
                "payment-method", payment,
                "csa-agreed-to", TRUE,
                NULL);

  if (payment == PKIO_PAYMENT_METHOD_CARD)
    g_object_set (order,
                  "card-number", "4111 1111 1111 1111",
                  "card-expiration-month", "12",
                  "card-expiration-year", "2027",
                  "card-cvv", "123",
                  "cardholder-name", "Jan de Vries",
                  "save-credit-card", PKIO_TRISTATE_NO,
                  "billing-address", "Oude Delft 1",
                  "billing-city", "Delft",
                  "billing-country", "nl",
                  "billing-zip", "2611 AB",
                  NULL);

  return order;
}

char *
pkio_test_data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/**
 * pkio_test_load_json:
 *
 * Returns: (transfer full): the parsed contents of tests/data/@name
 */
JsonNode *
pkio_test_load_json (const char *name)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = pkio_test_data_path (name);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

/**
 * pkio_test_result_cb:
 * @user_data: a `GAsyncResult **`, set to a reference to @result
 *
 * The callback for async calls that a test then waits on with
 * pkio_test_wait_result().
 */
void
pkio_test_result_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/**
 * pkio_test_wait_result:
 *
 * Runs the main context until pkio_test_result_cb() has set *@result.
 *
 * Returns: (transfer none): *@result
 */
GAsyncResult *
pkio_test_wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

/**
 * pkio_test_run_ready:
 *
 * Runs what the main context has ready now, and what that makes ready;
 * nothing that waits for time or another thread.
 */
void
pkio_test_run_ready (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/**
 * pkio_test_load_phone_plan:
 *
 * Loads the numbering plans as Review does, through the async pair, and
 * waits for them. Only a build or an evolution-data-server without
 * libphonenumber may leave them out: a library that is there but does not
 * open (a wrong soname) fails the test.
 *
 * Returns: whether telephone numbers are now grouped
 */
gboolean
pkio_test_load_phone_plan (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pkio_phone_plan_load_async (NULL, pkio_test_result_cb, &result);
  if (pkio_phone_plan_load_finish (pkio_test_wait_result (&result), &error))
    return TRUE;

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  return FALSE;
}

static gboolean
deadline_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * pkio_test_run_until:
 * @seconds: when the test counts as hung; PKIO_TEST_HANG_SECONDS, or
 *   a short time only where the condition must stay false
 *
 * Runs the main context, blocking between events, until @condition
 * holds or @seconds pass. The condition must become true through
 * something that wakes the main context: a source, a signal, a
 * g_main_context_wakeup() from another thread.
 *
 * Returns: whether @condition holds
 */
gboolean
pkio_test_run_until (PkioTestCondition condition,
                     gpointer          data,
                     guint             seconds)
{
  gboolean expired = FALSE;
  guint deadline = g_timeout_add_seconds (seconds, deadline_cb, &expired);
  gboolean holds;

  /* What the loop saw is the answer: asking @condition again could give
   * another one, since some depend on the moment, such as whether the
   * main context has a source ready (pkio_test_ui_wait_settled()). */
  while (!(holds = condition (data)) && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (deadline);

  return holds;
}

static void
changed_cb (GFileMonitor      *monitor,
            GFile             *file,
            GFile             *other,
            GFileMonitorEvent  event,
            gpointer           user_data)
{
  /* Nothing to do: the event has woken the main context, and the
   * condition is looked at again. */
}

/**
 * pkio_test_run_until_changed:
 * @paths: files or folders another process or thread writes to
 *
 * Like pkio_test_run_until(), for a condition that another process makes
 * true through the file system: each change to one of @paths (a file
 * written, a socket created in a folder) wakes the main context.
 *
 * Returns: whether @condition holds
 */
gboolean
pkio_test_run_until_changed (PkioTestCondition   condition,
                             gpointer            data,
                             const char * const *paths,
                             guint               seconds)
{
  g_autoptr(GPtrArray) monitors = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(GError) error = NULL;
      GFileMonitor *monitor = g_file_monitor (file, G_FILE_MONITOR_NONE, NULL, &error);

      g_assert_no_error (error);
      g_signal_connect (monitor, "changed", G_CALLBACK (changed_cb), NULL);
      g_ptr_array_add (monitors, monitor);
    }

  return pkio_test_run_until (condition, data, seconds);
}

/**
 * pkio_test_is_set:
 * @flag: a #gboolean that a callback sets
 *
 * A #PkioTestCondition for pkio_test_run_until().
 */
gboolean
pkio_test_is_set (gpointer flag)
{
  return *(gboolean *) flag;
}

typedef struct
{
  gint finalized;   /* atomic: set on the thread that drops the last reference */
} Finalized;

static void
finalized_cb (gpointer  data,
              GObject  *where_the_object_was)
{
  g_atomic_int_set (&((Finalized *) data)->finalized, TRUE);
  /* It may be a worker's task that lets go last: wake the test. */
  g_main_context_wakeup (NULL);
}

static gboolean
is_finalized (gpointer data)
{
  return g_atomic_int_get (&((Finalized *) data)->finalized);
}

/**
 * pkio_test_assert_finalized:
 * @object_ptr: (inout): a pointer to the object, holding the last reference
 *
 * Drops the reference and asserts that the object is finalized: at once,
 * or once its pending tasks have returned to this thread's main loop (a
 * worker thread drops its task, and so the task's source object, only
 * after the task has returned). A leaked object fails the test after
 * PKIO_TEST_HANG_SECONDS.
 */
void
pkio_test_assert_finalized (gpointer object_ptr)
{
  GObject **ptr = object_ptr;
  Finalized finalized = { FALSE };
  g_autofree char *type_name = NULL;

  if (*ptr == NULL)
    return;

  type_name = g_strdup (G_OBJECT_TYPE_NAME (*ptr));
  g_object_weak_ref (*ptr, finalized_cb, &finalized);
  g_clear_object (ptr);
  if (!pkio_test_run_until (is_finalized, &finalized, PKIO_TEST_HANG_SECONDS))
    g_error ("A %s was not finalized: a reference leaked", type_name);
}

/**
 * pkio_test_in_harness:
 *
 * Returns: whether build-aux/run-tests runs this test, with its private
 *   keyring; otherwise the test is marked skipped, so that the keyring of
 *   whoever runs it is never touched
 */
gboolean
pkio_test_in_harness (void)
{
  if (g_getenv ("PKIO_TEST_HARNESS") != NULL)
    return TRUE;

  g_test_skip ("needs the keyring that build-aux/run-tests starts");
  return FALSE;
}

/**
 * pkio_test_remove_tree:
 *
 * Removes @path and everything below it (a test's temporary folder);
 * links are removed, never followed.
 */
void
pkio_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        pkio_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/**
 * pkio_test_count_files:
 *
 * Returns: how many files there are in @path and below it
 */
guint
pkio_test_count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      n += g_file_test (child, G_FILE_TEST_IS_DIR) ? pkio_test_count_files (child) : 1;
    }

  return n;
}

/**
 * pkio_test_load_records:
 * @problems: (out) (optional): what the load reported
 *
 * Loads every record of @kind. The store runs its operations in order,
 * so this returns after everything asked of it before, too.
 *
 * Returns: (transfer container) (element-type PkioStoreRecord): the records
 */
GPtrArray *
pkio_test_load_records (PkioStore      *store,
                        PkioStoreKind   kind,
                        GPtrArray     **problems)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *records;

  pkio_store_load_all_async (store, kind, NULL, pkio_test_result_cb, &result);
  records = pkio_store_load_all_finish (store, pkio_test_wait_result (&result), problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (records);

  return records;
}

/**
 * pkio_test_random_store_key:
 *
 * Returns: (transfer full): a fresh key for _pkio_store_new_with_key(), so
 *   that a store test needs no keyring
 */
GBytes *
pkio_test_random_store_key (void)
{
  guchar *raw = g_malloc (PKIO_STORE_KEY_SIZE);

  g_assert_cmpint (gnutls_rnd (GNUTLS_RND_KEY, raw, PKIO_STORE_KEY_SIZE), ==, 0);

  return g_bytes_new_take (raw, PKIO_STORE_KEY_SIZE);
}

/**
 * pkio_test_enqueue:
 *
 * Queues @order in @outbox and waits for it to be there.
 *
 * Returns: (transfer full): the outbox entry's id
 */
char *
pkio_test_enqueue (PkioOutbox *outbox,
                   PkioOrder  *order)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *id;

  pkio_outbox_enqueue_async (outbox, order, NULL, pkio_test_result_cb, &result);
  id = pkio_outbox_enqueue_finish (outbox, pkio_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);

  return id;
}

/**
 * pkio_test_server_new:
 * @callback: answers every request under /services/v2
 * @base_url: (out): the API base URL to give the code under test,
 *   "http://127.0.0.1:PORT/services/v2"
 *
 * Returns: (transfer full): a server listening on loopback
 */
SoupServer *
pkio_test_server_new (SoupServerCallback   callback,
                      gpointer             user_data,
                      char               **base_url)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  SoupServer *server = soup_server_new (NULL, NULL);
  GSList *uris;

  soup_server_add_handler (server, "/services/v2", callback, user_data, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  uri = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  *base_url = g_strconcat (uri, g_str_has_suffix (uri, "/") ? "" : "/", "services/v2", NULL);

  return server;
}

void
pkio_test_server_respond (SoupServerMessage *msg,
                          guint              status,
                          const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json,
                                    strlen (json));
}

/**
 * pkio_test_server_drop:
 *
 * Closes the connection without an answer: the request may or may not
 * have been acted on, as when the network fails.
 */
void
pkio_test_server_drop (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  g_io_stream_close (stream, NULL, NULL);
}

/**
 * pkio_test_server_limit:
 *
 * Refuses the request as CertCentral does past its rate limit: 429, with
 * a Retry-After of one second.
 */
void
pkio_test_server_limit (SoupServerMessage *msg)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Retry-After", "1");
  pkio_test_server_respond (msg, 429,
                            "{\"errors\":[{\"code\":\"request_limit_exceeded\","
                            "\"message\":\"Service unavailable, please limit request volume\"}]}");
}

/**
 * pkio_test_server_take_order:
 * @path: the path @msg came on
 * @mode: what the stand-in does to the order
 * @posts: how many orders were POSTed, this one included
 * @held: (out) (optional): where a held POST goes, paused
 *
 * Asserts that @msg places an order and drops, limits or holds it as
 * @mode says. The order's answer (201) is the caller's: its ids are the
 * test's to choose, and a dropped or limited POST must not use one up.
 *
 * Returns: %TRUE if the caller answers the order
 */
gboolean
pkio_test_server_take_order (SoupServerMessage  *msg,
                             const char         *path,
                             PkioTestOrderMode   mode,
                             guint               posts,
                             SoupServerMessage **held)
{
  g_assert_cmpstr (soup_server_message_get_method (msg), ==, "POST");
  g_assert_cmpstr (path, ==, "/services/v2/order/certificate/pkio_qualified_burger");

  switch (mode)
    {
    case PKIO_TEST_ORDER_DROP:
      pkio_test_server_drop (msg);
      return FALSE;

    case PKIO_TEST_ORDER_429_THEN_OK:
      if (posts > 1)
        return TRUE;
      pkio_test_server_limit (msg);
      return FALSE;

    case PKIO_TEST_ORDER_HOLD:
      g_assert_nonnull (held);
      soup_server_message_pause (msg);
      *held = msg;
      return TRUE;

    case PKIO_TEST_ORDER_OK:
    default:
      return TRUE;
    }
}

/**
 * pkio_test_save_api_key:
 *
 * Saves @api_key for @base_url in the harness's keyring, and waits.
 */
void
pkio_test_save_api_key (const char *base_url,
                        const char *api_key)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pkio_secret_store_save_api_key_async (base_url, api_key, NULL, pkio_test_result_cb, &result);
  g_assert_true (pkio_secret_store_save_api_key_finish (pkio_test_wait_result (&result), &error));
  g_assert_no_error (error);
}

/**
 * pkio_test_lookup_api_key:
 *
 * Returns: (transfer full) (nullable): a plain copy, for assertions, of
 *   the key the harness's keyring holds for @base_url (the original is
 *   wiped)
 */
char *
pkio_test_lookup_api_key (const char *base_url)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PkioApiKey) key = NULL;

  pkio_secret_store_lookup_api_key_async (base_url, NULL, pkio_test_result_cb, &result);
  key = pkio_secret_store_lookup_api_key_finish (pkio_test_wait_result (&result), &error);
  g_assert_no_error (error);

  return g_strdup (key);
}

/**
 * pkio_test_cli_launcher_new:
 * @data_home: (nullable): the command's XDG_DATA_HOME: its own drafts,
 *   outbox and history
 *
 * Returns: (transfer full): a launcher whose output the test reads
 */
GSubprocessLauncher *
pkio_test_cli_launcher_new (const char *data_home)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                             G_SUBPROCESS_FLAGS_STDERR_PIPE);

  if (data_home != NULL)
    g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);

  return launcher;
}

/**
 * pkio_test_run_cli:
 * @launcher: (nullable): from pkio_test_cli_launcher_new(); %NULL for the
 *   test's own environment
 * @out: (out): what the command printed
 * @err: (out): what it printed as errors
 *
 * Runs "pkio-order --api-base-url @base_url @command @arg" to its end,
 * while this process keeps serving. A command ended by a signal fails
 * the test.
 *
 * Returns: the command's exit status
 */
int
pkio_test_run_cli (GSubprocessLauncher  *launcher,
                   const char           *base_url,
                   char                **out,
                   char                **err,
                   const char           *command,
                   const char           *arg)
{
  g_autoptr(GSubprocessLauncher) own = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (launcher == NULL)
    launcher = own = pkio_test_cli_launcher_new (NULL);
  proc = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("PKIO_ORDER_BIN"),
                                      "--api-base-url", base_url, command, arg, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (proc, NULL, NULL, pkio_test_result_cb, &result);
  g_subprocess_communicate_utf8_finish (proc, pkio_test_wait_result (&result), out, err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (proc))
    g_error ("%s %s ended by signal %d\n%s%s", command, arg, g_subprocess_get_term_sig (proc),
             *out, *err);

  return g_subprocess_get_exit_status (proc);
}
